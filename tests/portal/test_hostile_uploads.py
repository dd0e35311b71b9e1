"""The hostile corpus (tests/reliability/kinds.py) sent through the API, in-process (TestClient).

Every kind that is a regular file is uploaded with POST /api/upload as the clerk of its unit
(金银湖街 when the kind names none). The portal must give what the folder door gives for the same
bytes under the name the portal stores them as (read_submission on a copy so named): the same
verdict and the same message codes; a file the portal refuses before reading it (a type it does
not take) or after (a workbook of another unit or of none) is `refused` and never reaches raw/.
raw/ must hold exactly the files the receipts say were stored, byte for byte.
"""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from orchestration import settings
from orchestration.ingest.model import ParsedFile
from orchestration.ingest.read import read_submission
from orchestration.portal import accounts, door
from orchestration.portal.app import create_app
from tests.conftest import use_directories
from tests.reliability import hostile
from tests.reliability.batch import Kind
from tests.reliability.kinds import KINDS

PERIOD = "2021-03"
DEFAULT_UNIT = "S06"  # 金银湖街
# Refused before any reader sees them: the portal takes only the spreadsheet types of the contract.
REFUSED_UNREAD = {"unsupported_type"}
# Over the request body limit: refused by the server before the app reads the body.
OVER_BODY_LIMIT = "21 MB file (sparse)"

UPLOADED_KINDS = [k for k in KINDS if k.status is not None and k.name != OVER_BODY_LIMIT]


@dataclass
class Sent:
    kind: Kind
    unit: str
    content: bytes
    receipt: dict
    door: ParsedFile  # what read_submission makes of the same bytes under the stored name


@dataclass
class Corpus:
    root: Path
    client: TestClient
    tokens: dict[str, str]
    sent: dict[str, Sent]

    def upload(self, unit: str, name: str, content: bytes):
        return self.client.post(
            "/api/upload",
            headers={"Authorization": f"Bearer {self.tokens[unit]}"},
            data={"period": PERIOD},
            files={"file": (name, content)},
        )


def _regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _door_verdict(content: bytes, name_sent: str, unit: str, receipt: dict, scratch: Path) -> ParsedFile:
    """read_submission on the same bytes under the name the portal gives them in raw/<period>/."""
    received = datetime.fromisoformat(receipt["received_at"])
    suffix = Path(name_sent).suffix.lower()
    name = door.stored_name(PERIOD, unit, f"{received:%Y%m%dT%H%M%S}", receipt["sha256"], suffix)
    folder = scratch / f"{receipt['upload_id']}" / PERIOD
    folder.mkdir(parents=True)
    copy = folder / name
    copy.write_bytes(content)
    return read_submission(copy, PERIOD)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Iterator[Corpus]:
    root = tmp_path_factory.mktemp("hostile-uploads")
    made = root / "made" / PERIOD
    with pytest.MonkeyPatch.context() as patch:
        use_directories(root / "raw", root / "warehouse", patch)
        patch.setenv("TINENG_LEDGER_DIR", str(root / "ledger"))
        units = {DEFAULT_UNIT, "S07"} | {k.unit for k in UPLOADED_KINDS if k.unit}
        with accounts.connect(settings.accounts_db()) as connection:
            for unit in sorted(units):
                accounts.add(connection, f"clerk_{unit}", "clerk", unit)
            tokens = {unit: accounts.new_token(connection, f"clerk_{unit}") for unit in units}
        with TestClient(create_app()) as client:
            found = Corpus(root, client, tokens, {})
            for kind in KINDS:  # in order: a copy's maker reads the file it copies
                if kind.status is None:
                    continue
                path = made / kind.path.removeprefix(f"{PERIOD}/")
                kind.make(path)
                if kind not in UPLOADED_KINDS or not _regular(path):
                    continue
                unit = kind.unit or DEFAULT_UNIT
                content = path.read_bytes()
                response = found.upload(unit, path.name, content)
                assert response.status_code == 200, (kind.name, response.status_code, response.text[:300])
                receipt = response.json()
                parsed = _door_verdict(content, path.name, unit, receipt, root / "door")
                found.sent[kind.name] = Sent(kind, unit, content, receipt, parsed)
            yield found


def _codes(receipt: dict) -> list[str]:
    return [m["code"] for m in receipt["messages"]]


def _stored_files() -> dict[str, bytes]:
    """Every file under raw/, by its path relative to raw/ (hidden staging folder included)."""
    raw = settings.raw_dir()
    return {p.relative_to(raw).as_posix(): p.read_bytes() for p in raw.rglob("*") if p.is_file()}


@pytest.mark.parametrize("kind", UPLOADED_KINDS, ids=[k.name for k in UPLOADED_KINDS])
def test_the_api_gives_the_folder_doors_verdict_and_codes(corpus, kind):
    sent = corpus.sent[kind.name]
    got, parsed = sent.receipt, sent.door
    door_codes = [m.code for m in parsed.messages]
    if door_codes and door_codes[0] in REFUSED_UNREAD:
        assert (got["verdict"], _codes(got)) == ("refused", door_codes)
    elif parsed.unit_code in (sent.unit, None):  # the clerk's own file, or one naming no known unit
        assert (got["verdict"], _codes(got)) == (parsed.status.value, door_codes)
    else:  # the reader found another unit's workbook: not taken in
        assert (got["verdict"], _codes(got)) == ("refused", ["portal_other_unit", *door_codes])
    assert got["sha256"] == hashlib.sha256(sent.content).hexdigest()
    assert got["size_bytes"] == len(sent.content)


@pytest.mark.parametrize(
    "kind", [k for k in UPLOADED_KINDS if k.accepted], ids=[k.name for k in UPLOADED_KINDS if k.accepted]
)
def test_a_file_the_folder_accepts_is_accepted_through_the_api_with_the_corpus_codes(corpus, kind):
    got = corpus.sent[kind.name].receipt
    assert got["verdict"] == kind.status
    assert _codes(got) == list(kind.codes)
    assert got["stored_as"].startswith(f"{PERIOD}/{PERIOD}_{kind.unit}_")


def test_a_workbook_of_another_unit_is_refused_and_not_kept(corpus, tmp_path):
    theirs = hostile.filled_template(tmp_path / "2021-03_S07_径河街.xlsx", "S07", PERIOD)
    content = theirs.read_bytes()

    response = corpus.upload(DEFAULT_UNIT, theirs.name, content)

    got = response.json()
    assert got["verdict"] == "refused" and got["stored_as"] is None
    assert _codes(got)[0] == "portal_other_unit"
    assert "径河街" in got["messages"][0]["message_zh"] and "金银湖街" in got["messages"][0]["message_zh"]
    assert content not in _stored_files().values()


def test_no_refused_upload_reaches_raw(corpus):
    stored = set(_stored_files().values())
    refused = [s for s in corpus.sent.values() if s.receipt["verdict"] == "refused"]
    assert refused, "the corpus has files the portal must refuse"
    assert [s.kind.name for s in refused if s.content in stored and s.content] == []
    assert all(s.receipt["stored_as"] is None for s in refused)


def test_raw_holds_exactly_the_stored_files_byte_for_byte(corpus):
    stored = {
        s.receipt["stored_as"]: s.receipt["sha256"] for s in corpus.sent.values() if s.receipt["stored_as"]
    }

    on_disk = {path: hashlib.sha256(data).hexdigest() for path, data in _stored_files().items()}

    assert on_disk == stored
    assert all(not path.startswith(f"{PERIOD}/{door.STAGING}/") for path in on_disk)


def test_a_file_over_the_body_limit_is_refused_before_it_is_read(corpus, tmp_path):
    kind = next(k for k in KINDS if k.name == OVER_BODY_LIMIT)
    path = tmp_path / Path(kind.path).name
    kind.make(path)
    before = _stored_files()

    response = corpus.upload(DEFAULT_UNIT, path.name, path.read_bytes())

    assert response.status_code == 413
    assert "MB 的上限，未接收" in response.text
    assert _stored_files() == before
