"""`tineng backup DIR` and `tineng restore DIR`: the ledger and the published warehouse, together."""

from pathlib import Path
from typing import Annotated

import typer

from orchestration import settings
from orchestration.cli.output import console, errors

_NEW_FOLDER = typer.Argument(help="备份到这个新建或空的目录。A new or empty folder.", show_default=False)
_BACKUP = typer.Argument(
    help="tineng backup 写出的备份目录。A folder tineng backup wrote.", show_default=False
)
_WAIT = typer.Option(help="另一刷新进行中时最多等待的秒数。Seconds to wait for a running refresh.")


def _under_refresh_lock(wait: float, action):
    from filelock import FileLock, Timeout

    from orchestration.ledger.backup import BackupRefused

    settings.ledger_dir().mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(settings.refresh_lock(), timeout=wait):
            return action()
    except Timeout as busy:
        errors.print("[red]另一个刷新正在进行，请稍后再试。[/] A refresh is running; try again later.")
        raise typer.Exit(3) from busy
    except BackupRefused as refused:
        errors.print(f"[red]{refused}[/]")
        raise typer.Exit(1) from refused


def backup(folder: Annotated[Path, _NEW_FOLDER], wait: Annotated[float, _WAIT] = 600) -> None:
    """备份报送登记簿和已发布的仓库（含通报）。Back up the ledger and the published warehouse."""
    from orchestration.ledger.backup import back_up

    summary = _under_refresh_lock(wait, lambda: back_up(folder.resolve()))
    console.print(
        f"[green]已备份 Backed up[/] {summary.files} 个文件 files, {summary.size_bytes / 1e6:.1f} MB → {summary.folder}"
    )


def restore(folder: Annotated[Path, _BACKUP], wait: Annotated[float, _WAIT] = 600) -> None:
    """从备份恢复报送登记簿和已发布的仓库；不覆盖任何现有文件。Restore a backup; overwrites nothing."""
    from orchestration.ledger.backup import restore as restore_backup

    summary = _under_refresh_lock(wait, lambda: restore_backup(folder.resolve()))
    console.print(
        f"[green]已恢复 Restored[/] {summary.files} 个文件 files from {summary.folder}\n"
        f"报送登记簿 ledger: {settings.ledger_db()}；下次刷新会据此重建仓库。The next refresh rebuilds from it."
    )
