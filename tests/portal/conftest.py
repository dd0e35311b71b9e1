"""A portal on a published demo warehouse: clerks of 金银湖街 (S06) and 径河街 (S07), a reviewer."""

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.portal import accounts
from orchestration.portal.app import create_app
from tests.conftest import use_directories
from tineng_demo.year import generate_demo

PERIOD = "2021-06"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Portal:
    root: Path
    passwords: dict[str, str]
    client: TestClient

    def sign_in(self, name: str) -> TestClient:
        """A fresh client signed in as `name` (the app is shared: one reader pool)."""
        client = TestClient(self.client.app)
        login = client.get("/login")
        response = client.post(
            "/login", data={"name": name, "password": self.passwords[name], "csrf": csrf_of(login.text)}
        )
        assert response.status_code == 200 and "/login" not in str(response.url), response.text[:300]
        return client


def csrf_of(html: str) -> str:
    return CSRF.search(html).group(1)


@pytest.fixture(scope="session")
def demo_published(tmp_path_factory) -> Path:
    """The demo through June, refreshed and published once for every portal test module."""
    root = tmp_path_factory.mktemp("demo-published")
    with pytest.MonkeyPatch.context() as patch:
        use_directories(root / "raw", root / "warehouse", patch)
        patch.setenv("TINENG_LEDGER_DIR", str(root / "ledger"))
        generate_demo(root / "raw", through=PERIOD)
        outcome = run_refresh(months_to_refresh(None), report=True)
        assert outcome.published, outcome.failures
    return root


def published_demo(root: Path, patch: pytest.MonkeyPatch, demo: Path) -> None:
    """A copy of the published demo under `root`, its raw/, warehouse/ and ledger/ in use."""
    for name in ("raw", "warehouse", "ledger"):
        shutil.copytree(demo / name, root / name, symlinks=True)
    use_directories(root / "raw", root / "warehouse", patch)
    patch.setenv("TINENG_LEDGER_DIR", str(root / "ledger"))


@pytest.fixture(scope="module")
def portal(tmp_path_factory, demo_published) -> Iterator[Portal]:
    root = tmp_path_factory.mktemp("portal")
    with pytest.MonkeyPatch.context() as patch:
        published_demo(root, patch, demo_published)
        passwords = {}
        with accounts.connect(settings.accounts_db()) as connection:
            passwords["jyh"] = accounts.add(connection, "jyh", "clerk", "S06")
            passwords["jh"] = accounts.add(connection, "jh", "clerk", "S07")
            passwords["office"] = accounts.add(connection, "office", "reviewer", None)
        with TestClient(create_app()) as client:
            yield Portal(root, passwords, client)
