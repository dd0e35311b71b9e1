"""`tineng docs`: the dbt documentation as one static page analysts can open offline."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from orchestration import settings
from orchestration.cli.output import console, errors

EXTERNAL_PREFIXES = ("http://", "https://", "//")


def docs(
    out: Annotated[
        Path | None, typer.Option(help="输出目录（默认 warehouse/docs）。Output directory.")
    ] = None,
) -> None:
    """生成数据字典（dbt docs 静态页）。Write the dbt documentation as one static page."""
    published = settings.published_db()
    if not published.exists():
        errors.print(
            "[red]还没有发布的仓库，请先运行 tineng run。[/] No published warehouse yet: run `tineng run`."
        )
        raise typer.Exit(1)
    out_dir = out or settings.docs_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    # dbt reads the catalogue from a private copy: it never opens the file readers are using.
    with tempfile.TemporaryDirectory(prefix="tineng-docs-") as scratch:
        copy = Path(scratch) / published.name
        shutil.copyfile(published, copy)
        environment = {**os.environ, "TINENG_BUILD_DB": str(copy)}
        target = Path(scratch) / "target"
        completed = subprocess.run(
            [
                str(Path(sys.executable).parent / "dbt"),
                "docs",
                "generate",
                "--static",
                "--target-path",
                str(target),
            ],
            cwd=settings.dbt_project_dir(),
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            errors.print(f"[red]生成文档失败 dbt docs failed:[/]\n{completed.stdout[-2000:]}")
            raise typer.Exit(1)
        page = out_dir / "index.html"
        shutil.copyfile(target / "static_index.html", page)
    console.print(f"[green]数据字典已生成 Docs written:[/] {page}")
