"""Uploads through the portal go through the folder's door: the same reader, the same raw/ folder,
the true received time, and the office's decisions on them in the ledger."""

import hashlib
import threading
from datetime import datetime

import duckdb
import openpyxl

from orchestration import settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from orchestration.ingest.discover import find_files
from orchestration.ledger import store
from orchestration.submissions import contract, templates
from tests.portal.conftest import PERIOD, csrf_of
from tests.reliability import hostile


def _published(sql: str, params: list) -> list[tuple]:
    connection = duckdb.connect(str(settings.published_db()), read_only=True)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def _upload(client, path, period=PERIOD, name=None):
    csrf = csrf_of(client.get(f"/unit?period={period}").text)
    return client.post(
        "/unit/upload",
        data={"period": period, "csrf": csrf},
        files={"file": (name or path.name, path.read_bytes())},
    )


def _visible(period: str) -> list[str]:
    """The files a refresh reads in raw/<period>/ (hidden folders such as .uploading/ excluded)."""
    return sorted(p.name for p in (settings.raw_dir() / period).iterdir() if not p.name.startswith("."))


def _uploads(unit_code: str) -> list[tuple]:
    with store.connect(settings.ledger_db()) as ledger:
        return ledger.execute(
            "select uploaded_at, uploaded_by, sha256, verdict, path from portal_uploads"
            " where unit_code = ? order by upload_id",
            [unit_code],
        ).fetchall()


def test_a_filled_template_is_accepted_stored_with_its_upload_time_and_scored_after_a_refresh(
    portal, tmp_path
):
    jyh = portal.sign_in("jyh")
    filled = hostile.filled_template(tmp_path / "金银湖街六月.xlsx", "S06", PERIOD)
    sha = hashlib.sha256(filled.read_bytes()).hexdigest()

    page = _upload(jyh, filled)

    assert page.status_code == 200 and "已接收" in page.text and sha in page.text
    uploaded_at, uploaded_by, ledger_sha, verdict, path = _uploads("S06")[-1]
    assert (uploaded_by, ledger_sha, verdict) == ("jyh", sha, "accepted")
    stored = settings.raw_dir() / path
    assert stored.parent.name == PERIOD and "网页上传" in stored.name
    assert hashlib.sha256(stored.read_bytes()).hexdigest() == sha
    assert (
        datetime.fromtimestamp(stored.stat().st_mtime, tz=None)
        .astimezone(__import__("zoneinfo").ZoneInfo(settings.TIMEZONE))
        .strftime("%Y-%m-%d %H:%M:%S")
        == uploaded_at
    )

    outcome = run_refresh(months_to_refresh(PERIOD), report=False)
    assert outcome.published, outcome.failures
    ((received_at, is_current, channel),) = _published(
        "select strftime(received_at, '%Y-%m-%d %H:%M:%S'), is_current, channel from marts.fct_submission"
        " where sha256 = ?",
        [sha],
    )
    assert received_at == uploaded_at and is_current and channel == "portal"


def test_the_api_returns_every_message_with_its_sheet_row_and_column(portal, tmp_path):
    with __import__("orchestration.portal.accounts", fromlist=["accounts"]).connect(
        settings.accounts_db()
    ) as c:
        token = __import__("orchestration.portal.accounts", fromlist=["accounts"]).new_token(c, "jyh")
    broken = hostile.filled_template(tmp_path / "broken.xlsx", "S06", PERIOD)
    book = openpyxl.load_workbook(broken)
    book[contract.PROGRESS_SHEET].cell(
        templates.FIRST_MEASURE_ROW, templates.column_number("ytd_value")
    ).value = "正在统计"
    book.save(broken)

    response = portal.client.post(
        "/api/upload",
        data={"period": PERIOD},
        files={"file": (broken.name, broken.read_bytes())},
        headers={"authorization": f"Bearer {token}"},
    )

    receipt = response.json()
    assert response.status_code == 200 and receipt["verdict"] == "rejected"
    located = [m for m in receipt["messages"] if m["severity"] == "error"]
    ytd_column = openpyxl.utils.get_column_letter(templates.column_number("ytd_value"))
    assert any(
        (m["sheet"], m["row"], m["column"])
        == (contract.PROGRESS_SHEET, templates.FIRST_MEASURE_ROW, ytd_column)
        and "正在统计" in m["message_zh"]
        for m in located
    ), located


def test_a_locked_month_refuses_uploads_until_the_office_reopens_it(portal, tmp_path):
    office, jyh = portal.sign_in("office"), portal.sign_in("jyh")
    csrf = csrf_of(office.get("/office").text)
    filled = hostile.filled_template(tmp_path / "五月.xlsx", "S06", "2021-05")
    before = _visible("2021-05")

    assert (
        office.post("/office/decisions", data={"kind": "lock", "period": "2021-05", "csrf": csrf}).status_code
        == 200
    )
    refused = _upload(jyh, filled, "2021-05")
    assert "已由区科经局锁定" in refused.text and _visible("2021-05") == before
    assert (
        office.post(
            "/office/decisions", data={"kind": "reopen", "period": "2021-05", "csrf": csrf}
        ).status_code
        == 200
    )
    accepted = _upload(jyh, filled, "2021-05")
    assert "已接收" in accepted.text and len(_visible("2021-05")) == len(before) + 1
    with store.connect(settings.ledger_db()) as ledger:
        kinds = [
            k
            for (k,) in ledger.execute(
                "select kind from office_decisions where period = '2021-05' order by decision_id"
            )
        ]
    assert kinds == ["lock", "reopen"]


def test_a_returned_file_shows_its_reason_to_the_clerk_and_is_in_the_ledger_with_who_and_when(portal):
    office, jyh = portal.sign_in("office"), portal.sign_in("jyh")
    ((file_id,),) = _published(
        "select file_id from marts.fct_submission where unit_code = 'S06' and period = ? and is_current",
        [PERIOD],
    )
    unit_page = office.get(f"/office/units/S06?period={PERIOD}")
    assert file_id in unit_page.text
    reason = "累计完成数与上月报表不衔接，请核实后重报"

    decided = office.post(
        "/office/decisions",
        data={
            "kind": "return",
            "period": PERIOD,
            "unit_code": "S06",
            "file_id": file_id,
            "reason": reason,
            "csrf": csrf_of(unit_page.text),
        },
    )

    assert decided.status_code == 200 and reason in decided.text
    with store.connect(settings.ledger_db()) as ledger:
        ((by, at, kind),) = ledger.execute(
            "select decided_by, decided_at, kind from office_decisions where file_id = ?", [file_id]
        ).fetchall()
        audit = ledger.execute(
            "select count(*) from audit_events where action = 'decision' and user_name = 'office'"
        ).fetchone()[0]
    assert (by, kind) == ("office", "return") and at.startswith(str(datetime.now().year)[:2]) and audit >= 1
    assert reason in jyh.get(f"/unit?period={PERIOD}").text
    assert (
        jyh.post(
            "/office/decisions",
            data={"kind": "accept", "period": PERIOD, "unit_code": "S06", "file_id": file_id},
        ).status_code
        == 403
    )


def test_the_chase_list_is_copyable_text_naming_the_units_to_chase(portal):
    office = portal.sign_in("office")
    chased = [
        name
        for (name,) in _published(
            "select unit_name from marts.mart_bulletin_chase_list where period = ? and needs_chasing",
            [PERIOD],
        )
    ]
    page = office.get(f"/office/chase?period={PERIOD}")
    text = page.text[page.text.index('id="chase-text"') :]
    assert all(name in text for name in chased)
    assert ("以下单位请尽快报送" in text) == bool(chased)


def test_a_refresh_during_uploads_sees_only_whole_files(portal, tmp_path):
    jyh = portal.sign_in("jyh")
    files = [hostile.filled_template(tmp_path / f"第{n}版.xlsx", "S06", "2021-04") for n in range(6)]
    staged = settings.raw_dir() / "2021-04" / ".uploading" / "2021-04_S06_金银湖街_半截.xlsx"
    staged.parent.mkdir(parents=True, exist_ok=True)
    staged.write_bytes(files[0].read_bytes()[:1000])  # a file still being written
    assert all(".uploading" not in f.relative_path for f in find_files(settings.raw_dir(), ["2021-04"]))

    refreshed = {}
    thread = threading.Thread(
        target=lambda: refreshed.update(outcome=run_refresh(months_to_refresh("2021-04"), report=False))
    )
    thread.start()
    pages = [_upload(jyh, path, "2021-04") for path in files]
    thread.join()
    staged.unlink()

    assert refreshed["outcome"].published
    assert all("已接收" in page.text for page in pages)
    sent = {hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    run_refresh(months_to_refresh("2021-04"), report=False)
    landed = {
        sha
        for (sha,) in _published(
            "select sha256 from marts.fct_submission where unit_code = 'S06' and folder_period = '2021-04' and file_name like '%网页上传%'",
            [],
        )
    }
    assert landed == sent
