"""The portal in a real browser: Chromium (Debian's, driven by Playwright) against `tineng serve`.

A demo warehouse through 2021-06 is refreshed and published; the portal runs as its own process
on a free port. The story: 金银湖街's clerk downloads June's template from the page, fills it in
with openpyxl as a clerk would type it, uploads it and reads the verdict; the office refreshes,
finds the file on the unit's page and returns it with a reason; the clerk then sees the reason.

Screenshots of the main pages go to the test's tmp folder. With TINENG_DOCS_SCREENSHOTS=1 the
clerk's page with the verdict and the office's board are also copied to docs/portal-unit.png and
docs/portal-office.png (the committed ones were made so; an ordinary run leaves docs/ alone).
"""

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import openpyxl
import pytest

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.portal import accounts
from orchestration.submissions import contract, templates
from tests.portal.conftest import PERIOD, published_demo
from tests.reliability import hostile

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed in the venv")

CLERK, REVIEWER = "jyh_clerk", "office"
REASON = "本月R&D投入与上月相比下降较多，请核实后重新报送"
PROJECT = Path(__file__).resolve().parents[2]
DOCS = PROJECT / "docs"


@dataclass
class Served:
    base: str
    passwords: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"tineng serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in {timeout_s} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen) -> None:
    """SIGINT lets uvicorn close the reader pool; SIGKILL if it does not exit."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.fixture(scope="module")
def served(tmp_path_factory, demo_published) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("browser")
    with pytest.MonkeyPatch.context() as patch:
        published_demo(root, patch, demo_published)
        with accounts.connect(settings.accounts_db()) as connection:
            passwords = {
                CLERK: accounts.add(connection, CLERK, "clerk", "S06"),
                REVIEWER: accounts.add(connection, REVIEWER, "reviewer", None),
            }
        port = _free_port()
        env = os.environ | {"PYTHONPATH": str(PROJECT)}
        log = root / "serve.log"
        with log.open("w") as out:
            process = subprocess.Popen(
                [str(Path(sys.executable).with_name("tineng")), "serve", "--port", str(port)],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(f"{base}/login", process, log)
            yield Served(base, passwords)
        finally:
            _stop(process)


@pytest.fixture(scope="module")
def browser(served) -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _sign_in(page, served: Served, name: str) -> None:
    page.goto(f"{served.base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", served.passwords[name])
    page.click("button:has-text('登录')")
    page.wait_for_load_state()


def _sign_out(page) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_url("**/login")


def _fill(template: Path, filled: Path) -> None:
    """Type June's values into every measure row, and the reporter and phone, as a clerk would."""
    wb = openpyxl.load_workbook(template)
    ws = wb[contract.PROGRESS_SHEET]
    hostile.fill(ws, lambda code: (2, 12))  # 2 this month, 12 so far this year (a rate of 12 % too)
    ws.cell(*templates.header_value_cell("reporter")).value = "王晓梅"
    ws.cell(*templates.header_value_cell("phone")).value = "027-83890000"
    wb.save(filled)


def _shot(page, folder: Path, name: str) -> Path:
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_a_clerk_uploads_the_template_and_sees_the_office_return_it_with_its_reason(
    served, browser, tmp_path
):
    shots = tmp_path / "screenshots"
    shots.mkdir()
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN"
    )
    page = context.new_page()

    # --- the clerk: sign in, download June's template, fill it in, upload it ---
    page.goto(f"{served.base}/login")
    assert page.locator("h1").inner_text() == "登录"
    _shot(page, shots, "login.png")
    _sign_in(page, served, CLERK)
    assert page.url.endswith("/unit")
    page.goto(f"{served.base}/unit?period={PERIOD}")
    assert "金银湖街　2021年6月报表" in page.locator("h1").first.inner_text()

    with page.expect_download() as started:
        page.click("text=下载本月模板")
    download = started.value
    assert download.suggested_filename == "2021-06_S06_金银湖街.xlsx"
    template = tmp_path / download.suggested_filename
    download.save_as(template)
    filled = tmp_path / "2021-06_S06_金银湖街（已填）.xlsx"
    _fill(template, filled)
    sha256 = hashlib.sha256(filled.read_bytes()).hexdigest()

    page.set_input_files("input[type=file][name=file]", str(filled))
    page.click("button:has-text('上传并检查')")
    verdict = page.locator("#verdict")
    verdict.wait_for()
    assert verdict.locator("h2").inner_text() in ("已接收", "已接收（有警告）")
    assert verdict.locator("code").inner_text() == sha256
    assert filled.name in verdict.inner_text()
    unit_shot = _shot(page, shots, "unit-verdict.png")
    _sign_out(page)

    # --- the office: refresh, find the file, return it with a reason ---
    outcome = run_refresh(months_to_refresh(None), report=True)
    assert outcome.published, outcome.failures
    _sign_in(page, served, REVIEWER)
    assert page.url.endswith("/office")
    assert page.locator("h1").inner_text() == "各单位报送情况"
    assert page.locator("table.board a", has_text="金银湖街").count() == 1
    office_shot = _shot(page, shots, "office-board.png")

    page.goto(f"{served.base}/office/units/S06?period={PERIOD}")
    row = page.locator("tr", has_text=sha256[:8])  # the stored name ends in the hash's first 8 digits
    assert row.count() == 1
    assert "网页上传" in row.inner_text()
    row.locator("input[name=reason]").fill(REASON)
    row.locator("button[value=return]").click()
    page.wait_for_url(f"**/office/units/S06?period={PERIOD}")
    assert f"退回（{REASON}）" in page.locator("section", has_text="办公室的决定").inner_text()
    _shot(page, shots, "office-unit.png")

    page.goto(f"{served.base}/office/chase?period={PERIOD}")
    assert page.locator("h1").inner_text() == f"催报名单（{PERIOD}）"
    assert page.locator("#chase-text").input_value().strip()
    _shot(page, shots, "chase.png")
    _sign_out(page)

    # --- the clerk again: the reason is on the unit's page ---
    _sign_in(page, served, CLERK)
    page.goto(f"{served.base}/unit?period={PERIOD}")
    returned = page.locator("section", has_text="区科经局退回的文件")
    assert f"{PERIOD}：{REASON}" in returned.inner_text()
    _shot(page, shots, "unit-returned.png")
    context.close()

    if os.environ.get("TINENG_DOCS_SCREENSHOTS") == "1":
        shutil.copyfile(unit_shot, DOCS / "portal-unit.png")
        shutil.copyfile(office_shot, DOCS / "portal-office.png")
