"""Back up and restore what cannot be rebuilt: the submission ledger and the published warehouse
(the DuckDB file and the reports written from it; the next refresh exports the Parquet files again).

A backup is taken under the refresh lock, so the ledger and the warehouse in it belong together;
the ledger is copied with SQLite's online backup, which gives one consistent state even while
another process reads it. Every copied file is listed with its sha256 in manifest.json, and a
restore checks them all before it copies anything. Neither ever overwrites a file: a backup
goes into a folder that is empty or new, a restore only into places that hold nothing yet.
"""

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from orchestration import settings

MANIFEST = "manifest.json"
LEDGER = Path("ledger") / "ledger.sqlite"
WAREHOUSE = Path("warehouse")


class BackupRefused(Exception):
    """The backup or restore would overwrite something, or the backup is damaged; the message says what."""


@dataclass(frozen=True)
class BackupSummary:
    folder: Path
    files: int
    size_bytes: int


def _warehouse_parts() -> list[Path]:
    """The published warehouse, relative to the warehouse directory."""
    root = settings.warehouse_dir()
    parts = [settings.published_db()] if settings.published_db().exists() else []
    if settings.reports_dir().is_dir():
        parts += sorted(p for p in settings.reports_dir().rglob("*") if p.is_file() and not p.is_symlink())
    return [p.relative_to(root) for p in parts]


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def back_up(folder: Path) -> BackupSummary:
    if folder.exists() and any(folder.iterdir()):
        raise BackupRefused(f"备份目录 {folder} 不是空的；备份不会覆盖已有文件，请指定一个新目录。")
    if not settings.ledger_db().exists():
        raise BackupRefused(
            f"没有找到报送登记簿 {settings.ledger_db()}：还没有运行过刷新，没有可备份的内容。"
        )
    (folder / LEDGER).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(settings.ledger_db())
    target = sqlite3.connect(folder / LEDGER)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    for part in _warehouse_parts():
        (folder / WAREHOUSE / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(settings.warehouse_dir() / part, folder / WAREHOUSE / part)
    copied = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    manifest = {
        "created_at": datetime.now(ZoneInfo(settings.TIMEZONE)).isoformat(timespec="seconds"),
        "ledger_from": str(settings.ledger_db()),
        "warehouse_from": str(settings.warehouse_dir()),
        "files": {p.as_posix(): _sha256(folder / p) for p in copied},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return BackupSummary(folder, len(copied), sum((folder / p).stat().st_size for p in copied))


def _checked_manifest(folder: Path) -> dict[str, str]:
    try:
        listed = json.loads((folder / MANIFEST).read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError) as error:
        raise BackupRefused(f"{folder} 不是完整的备份（{MANIFEST} 缺失或无法读取）：{error}") from error
    damaged = [
        name
        for name, digest in listed.items()
        if not (folder / name).is_file() or _sha256(folder / name) != digest
    ]
    if damaged:
        raise BackupRefused(
            f"备份已损坏，以下文件缺失或内容与备份时不同，未恢复任何文件：{'、'.join(damaged)}"
        )
    if LEDGER.as_posix() not in listed:
        raise BackupRefused(f"{folder} 中没有报送登记簿，未恢复任何文件。")
    return listed


def _destination(name: str) -> Path:
    path = Path(name)
    if path == LEDGER:
        return settings.ledger_db()
    return settings.warehouse_dir() / path.relative_to(WAREHOUSE)


def restore(folder: Path) -> BackupSummary:
    listed = _checked_manifest(folder)
    targets = {name: _destination(name) for name in listed}
    present = [str(t) for t in targets.values() if t.exists()]
    if present:
        raise BackupRefused(
            "恢复不会覆盖现有文件，以下位置已有内容，请先把它们移到别处："
            + "、".join(present[:5])
            + (f" 等{len(present)}个" if len(present) > 5 else "")
        )
    for name, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / name, target)
    return BackupSummary(folder, len(targets), sum(t.stat().st_size for t in targets.values()))
