"""Soak: a growing hostile raw/ over several months, refreshed again and again (`make soak`).

Each round adds a month of good files from every submitting unit, and more hostile files: the
period-free kinds of the fast batch, late arrivals into an old month, a file copied into the next
month, seeded fuzzed templates, the whole fast batch, corrections, names and folders that once
stopped whole refreshes; the last round adds nothing. After every refresh the published warehouse
opens and passes every error-severity check, raw/ is unchanged, every file is registered once and
keeps what earlier refreshes said about it, and every good file is current with its rows.
"""

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from orchestration import reference, settings
from orchestration.cli.refresh import months_to_refresh, run_refresh
from tests.conftest import Workspace, use_directories
from tests.reliability import hostile as h
from tests.reliability.batch import Kind, build, published_or_fail, registry, sha256_of, snapshot
from tests.reliability.kinds import HOSTILE, M
from tests.serving.snapshot_checks import error_check_failures, results_digest

pytestmark = pytest.mark.slow

SHANGHAI = ZoneInfo(settings.TIMEZONE)
UNITS = [(u.code, u.name) for u in reference.submitting_units(2021)]
# Kinds whose outcome does not depend on the folder, the file name or the other files of a month.
PERIOD_FREE = {
    "truncated xlsx", "bit-flipped xlsx", "PDF renamed .xlsx", "PNG renamed .xlsx", "docx renamed .xlsx",
    "password-protected (OLE EncryptedPackage)", "password-protected .ods", "21 MB file (sparse)",
    "unsupported type .docx", "cell at XFD1048576", "shared-string bomb", "64 MB whitespace sheet",
    "billion laughs in sharedStrings", "billion laughs in sheet XML", "external entity /etc/passwd",
    "zip sizes that lie", "sheet relationship to /etc/passwd", "50 million repeated .ods cells",
    "CSV of random bytes",
}  # fmt: skip
LATE = {"styles part fails its CRC", "zip version 8.4 required", "Deflate64 sheet", "zip entries encrypted"}
FUZZED = 40
CORRECTED = ("S01", "S02", "S03")


def received(period: str, day: int, hour: int = 9) -> float:
    """A time on `day` of the month after `period` (files for March arrive in April)."""
    year, month = map(int, period.split("-"))
    return datetime(year + month // 12, month % 12 + 1, day, hour, tzinfo=SHANGHAI).timestamp()


def goods(period: str, day: int = 3) -> list[Kind]:
    """Every submitting unit's filled template for the month."""
    return [
        Kind(
            f"good {code} {period}", f"{period}/{period}_{code}_{name}_月报.xlsx", h.good_file(code, period),
            "accepted", unit=code, received=received(period, day),
        )
        for code, name in UNITS
    ]  # fmt: skip


def moved(kinds: list[Kind], names: set[str], folder: str, prefix: str, when: float) -> list[Kind]:
    """The fast batch's kinds called `names`, filed in `folder` under a prefixed name."""
    return [
        dataclasses.replace(k, path=f"{folder}/{prefix}{k.path.removeprefix(M)}", received=when)
        for k in kinds
        if k.name in names
    ]


def fuzzed(period: str) -> list[Kind]:
    """Seeded damage to every unit's template, received a day before the unit's good file."""
    return [
        Kind(f"fuzzed #{seed}", f"{period}/损坏样本/{seed:02d}.xlsx", h.fuzzed(seed, UNITS[seed % len(UNITS)][0], period),
             "any", received=received(period, 2))
        for seed in range(FUZZED)
    ]  # fmt: skip


def corrections(period: str) -> list[Kind]:
    """A second, later file from some units with other values: it supersedes their first."""

    def corrected(code: str):
        return lambda path: h.filled_template(path, code, period, values=lambda measure: (2, 6))

    return [
        Kind(f"correction {code}", f"{period}/{period}_{code}_更正.xlsx", corrected(code), "accepted", unit=code,
             received=received(period, 4))
        for code in CORRECTED
    ]  # fmt: skip


ROUNDS = {
    "2021-01: every unit, and the period-free hostile kinds": (
        goods("2021-01") + moved(HOSTILE, PERIOD_FREE, "2021-01", "一月_", received("2021-01", 2))
    ),
    "2021-02: every unit, 40 fuzzed files, late arrivals for January, a copy into February": (
        goods("2021-02")
        + fuzzed("2021-02")
        + moved(HOSTILE, LATE, "2021-01", "迟到_", received("2021-02", 20))
        + [Kind("January's file again", "2021-02/截断（再次）.xlsx", h.copy_from("2021-01/一月_截断.xlsx"),
                "duplicate", received=received("2021-02", 3))]
    ),
    "2021-03: every unit, the whole fast batch, corrections": (
        [k for k in HOSTILE if k.received is not None] + goods("2021-03") + corrections("2021-03")
    ),
    "2021-04: every unit, a GBK name, folders outside the plan's months": [
        *goods("2021-04"),
        Kind("GBK name", "2021-04/" + h.gbk_name("2021年4月区人社局月报.xlsx"), h.good_file("D05", "2021-04"),
             "accepted", unit="D05", received=received("2021-04", 2)),
        Kind("folder before the plan year", "2020-12/2020-12_S02_慈惠街.xlsx", h.good_file("S02", "2020-12"), None),
        Kind("folder far in the future", "2099-01/2099-01_S03_长青街.xlsx", h.good_file("S03", "2099-01"), None),
    ],
    "nothing new": [],
}  # fmt: skip


@dataclasses.dataclass
class Soak:
    space: Workspace
    kinds: list[Kind] = dataclasses.field(default_factory=list)  # every kind filed so far
    seen: dict[str, tuple] = dataclasses.field(default_factory=dict)  # path -> (file_id, status, sha256)
    digest: str | None = None


@pytest.fixture(scope="module")
def soak(tmp_path_factory):
    root = tmp_path_factory.mktemp("soak")
    with pytest.MonkeyPatch.context() as patch:
        yield Soak(use_directories(root / "raw", root / "warehouse", patch))


@pytest.mark.parametrize("name", list(ROUNDS))
def test_round(soak, name):
    new = ROUNDS[name]
    known_shas = {seen[2] for seen in soak.seen.values()}
    build(soak.space.raw, new)
    expected_dup = {k.path for k in new if k.status and sha256_of(soak.space.raw / k.path) in known_shas}
    soak.kinds += new
    before = snapshot(soak.space.raw)

    outcome = run_refresh(months_to_refresh(None))

    published_or_fail(outcome)
    assert error_check_failures(settings.published_db()) == []
    assert snapshot(soak.space.raw) == before
    filed = registry(soak.space)
    problems = []  # everything found wrong, reported together

    # Every file once, under its path (a name that is not UTF-8 is matched by its bytes).
    by_sha = {}
    for path, f in filed.items():
        by_sha.setdefault(f.sha256, []).append(path)
    expected = {k.path for k in soak.kinds if k.status and k.name != "GBK name"}
    gbk = [k for k in soak.kinds if k.name == "GBK name"]
    problems += [f"not registered: {p}" for p in sorted(expected - set(filed))]
    if len(filed) != len(expected) + len(gbk):
        problems.append(f"registered but not expected: {sorted(set(filed) - expected)}")
    for kind in gbk:
        paths = by_sha.get(sha256_of(soak.space.raw / kind.path), [])
        if [(filed[p].status, filed[p].unit_code) for p in paths] != [("accepted", "D05")]:
            problems.append(f"GBK-named file: {[filed[p] for p in paths]}")

    # Nothing registered before is forgotten or judged again.
    for path, was in soak.seen.items():
        now = (filed[path].file_id, filed[path].status, filed[path].sha256) if path in filed else None
        if now != was:
            problems.append(f"changed since the last refresh: {path} {was} -> {now}")
    soak.seen = {path: (f.file_id, f.status, f.sha256) for path, f in filed.items()}

    for kind in new:
        f = filed.get(kind.path)
        if not kind.status or kind.name == "GBK name" or f is None:
            continue
        if kind.path in expected_dup:
            got, wanted = f.status, "duplicate"
        elif kind.status == "any":
            got = (f.status, f.status != "rejected" or any(m[1] == "error" for m in f.messages))
            wanted = (f.status if f.status != "duplicate" else "not a duplicate", True)
        else:
            got, wanted = (f.status, f.codes), (kind.status, list(kind.codes))
        if got != wanted:
            problems.append(f"{kind.name} ({kind.path}): {got} instead of {wanted}")
    problems += [
        f"internal error or dead reader: {path} {f.codes}"
        for path, f in filed.items()
        if {"reader_failed", "worker_crashed"} & set(f.codes)
    ]

    # Every good file (or its correction) is current, with its rows.
    corrected = {(k.unit, k.path.split("/")[0]) for k in soak.kinds if k.name.startswith("correction")}
    for kind in soak.kinds:
        if not kind.name.startswith(("good", "correction")) or kind.path not in filed:
            continue
        period = kind.path.split("/")[0]
        is_correction = kind.name.startswith("correction")
        current = is_correction or (kind.unit, period) not in corrected
        f = filed[kind.path]
        if (f.status, f.is_current, f.unit_code) != ("accepted", current, kind.unit):
            problems.append(
                f"{kind.path}: {(f.status, f.is_current, f.unit_code)}, current should be {current}"
            )
        elif current:
            rows = soak.space.query(
                "select month_value, ytd_value from marts.fct_progress where file_id = ? and unit_code = ?",
                [f.file_id, kind.unit],
            )
            values = {(2, 6)} if is_correction else {(1, 3)}
            if len(rows) != len(h.measures_of(kind.unit)) or set(rows) != values:
                problems.append(f"{kind.path}: rows {rows}")

    # The steps after publishing (the report) must not fail either.
    problems += outcome.failures
    digest = results_digest(settings.published_db())
    if not new and (outcome.ingest.get("files_new"), digest) != (0, soak.digest):
        problems.append("a refresh with nothing new changed the results")
    soak.digest = digest
    assert problems == [], "\n".join(map(str, problems))
