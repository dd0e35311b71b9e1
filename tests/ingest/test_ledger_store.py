"""The ledger's rules on a real SQLite file: a failed read is read again and the new verdict
counts, first seen stays the first sighting; bytes judged only for their name are judged again."""

import os
from datetime import datetime, timedelta

from orchestration.ingest import discover, messages, registry
from orchestration.ingest.model import ParsedFile
from orchestration.ingest.pool import ParseJob, parse_files
from orchestration.ledger import store
from tineng_demo.year import generate_demo

FIRST, LATER = datetime(2021, 2, 3, 9), datetime(2021, 2, 3, 10)


def _found(workspace):
    generate_demo(workspace.raw, through="2021-01")
    return [f for f in discover.find_files(workspace.raw, ["2021-01"]) if "_S02_" in f.relative_path]


def test_a_failed_read_is_not_a_verdict(workspace, tmp_path):
    found = _found(workspace)
    with store.connect(tmp_path / "ledger.sqlite") as ledger:
        failed = ParsedFile(messages=[messages.make("reader_failed")])
        store.append(ledger, registry.landing_batch(registry.IngestPlan(found), [failed], "run-1", FIRST))

        settled, originals = store.known_files(ledger)
        again = registry.plan(found, settled, originals)
        assert [f.relative_path for f in again.to_parse] == [found[0].relative_path]

        parsed = parse_files([ParseJob(f.path, f.folder_period) for f in again.to_parse])
        store.append(ledger, registry.landing_batch(again, parsed, "run-2", LATER))
        files = store.landing_frames(ledger, demo_reporter="")["files"]
        assert store.known_files(ledger)[0] == {registry.file_id(found[0])}

    assert files[["status", "ingested_at", "ingest_run_id"]].values.tolist() == [
        ["accepted", FIRST.isoformat(sep=" "), "run-2"]
    ]


def test_bytes_rejected_for_their_name_are_no_original(workspace, tmp_path):
    found = _found(workspace)
    with store.connect(tmp_path / "ledger.sqlite") as ledger:
        misnamed = ParsedFile(
            unit_code="S02",
            messages=[messages.make("filename_unit_mismatch", name="x.xlsx", found="慈惠街", unit="径河街")],
        )
        store.append(ledger, registry.landing_batch(registry.IngestPlan(found), [misnamed], "run-1", FIRST))
        assert store.known_files(ledger)[1] == {}
        accepted = ParsedFile(unit_code="S02")
        renamed = [discover.FoundFile(**{**found[0].__dict__, "relative_path": "2021-01/改名.xlsx"})]
        store.append(ledger, registry.landing_batch(registry.IngestPlan(renamed), [accepted], "run-2", LATER))
        assert store.known_files(ledger)[1] == {found[0].sha256: registry.file_id(renamed[0])}


def test_a_half_copied_file_is_read_again_and_an_old_damaged_one_is_not(workspace, tmp_path):
    from tests.reliability.hostile import truncated_xlsx

    month = workspace.raw / "2021-01"
    month.mkdir(parents=True)
    fresh = truncated_xlsx(month / "径河街1月（复制中）.xlsx")
    old = truncated_xlsx(month / "径河街1月（旧）.xlsx")
    old.write_bytes(old.read_bytes() + b"\0")  # other bytes, so the two are not duplicates
    os.utime(old, (1_612_000_000, 1_612_000_000))  # 2021-01-30
    found = discover.find_files(workspace.raw, ["2021-01"])
    now = max(f.received_at for f in found) + timedelta(seconds=5)
    batch = registry.landing_batch(
        registry.IngestPlan(found),
        parse_files([ParseJob(f.path, f.folder_period) for f in found]),
        "run",
        now,
    )
    codes = dict(
        zip(
            batch.files["file_name"],
            batch.messages.groupby("file_id")["code"].first()[batch.files["file_id"]],
            strict=True,
        )
    )
    assert codes == {fresh.name: "file_still_arriving", old.name: "file_damaged"}
    with store.connect(tmp_path / "ledger.sqlite") as ledger:
        store.append(ledger, batch)
        assert store.known_files(ledger)[0] == {registry.file_id(f) for f in found if f.path == old}
