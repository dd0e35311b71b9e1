"""Copy the checked build into a snapshot and swap it in by atomic rename.

Readers hold the published file open read-only. Path.replace (rename) swaps the directory entry in one
step: a reader sees either the old snapshot or the new one, never a partly written file, and a
refresh killed at any point leaves the last published file in place.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

_PENDING = ".pending-"


@dataclass(frozen=True)
class Snapshot:
    name: str
    directory: Path
    database: Path


def checkpoint(database: Path) -> None:
    """Fold the write-ahead log into the database file so that a file copy is complete."""
    connection = duckdb.connect(str(database))
    try:
        connection.execute("checkpoint")
    finally:
        connection.close()


def take(build_db: Path, snapshots_dir: Path, name: str) -> Snapshot:
    """Copy the build into snapshots/<name>/, appearing only once complete."""
    snapshots_dir.mkdir(parents=True, exist_ok=True)
    pending = snapshots_dir / f"{_PENDING}{name}"
    shutil.rmtree(pending, ignore_errors=True)
    pending.mkdir()
    _copy_durably(build_db, pending / build_db.name)
    final = snapshots_dir / name
    pending.replace(final)
    _sync_directory(snapshots_dir)
    return Snapshot(name=name, directory=final, database=final / build_db.name)


def swap_in(source: Path, target: Path) -> None:
    """Atomically make `target` a copy of `source`."""
    pending = target.with_name(f"{_PENDING}{os.getpid()}-{target.name}")
    _copy_durably(source, pending)
    pending.chmod(0o444)  # published: nobody writes to it in place
    pending.replace(target)
    _sync_directory(target.parent)


def point_link(link: Path, destination: Path) -> bool:
    """Atomically re-point a symbolic link (warehouse/parquet, a report's `latest`). Something else
    in its place (a real folder someone put there) is left untouched: False."""
    if (link.exists() or link.is_symlink()) and not link.is_symlink():
        return False
    pending = link.with_name(f"{_PENDING}{link.name}-{os.getpid()}")
    pending.unlink(missing_ok=True)
    pending.symlink_to(os.path.relpath(destination, link.parent))
    pending.replace(link)
    return True


def prune(snapshots_dir: Path, keep: int) -> list[str]:
    """Delete all but the newest `keep` snapshots, and leftovers of interrupted publishes."""
    for leftover in snapshots_dir.glob(f"{_PENDING}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    names = sorted(p.name for p in snapshots_dir.iterdir() if p.is_dir())
    removed = names[: max(len(names) - keep, 0)]
    for name in removed:
        shutil.rmtree(snapshots_dir / name)
    return removed


def _copy_durably(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    with target.open("rb") as f:
        os.fsync(f.fileno())


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
