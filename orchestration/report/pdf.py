"""通报.pdf from 通报.docx with LibreOffice headless, when LibreOffice is installed.

Each conversion uses a profile of its own, so two reports at once (a refresh and a command) do not
fight over LibreOffice's lock, and a conversion that hangs is stopped after a time limit.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

TIME_LIMIT_SECONDS = 180


class PdfError(Exception):
    """LibreOffice is installed but did not produce the PDF (message in Chinese first)."""


def converter() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx: Path) -> Path | None:
    """Write <docx stem>.pdf beside the document; None when LibreOffice is not installed."""
    program = converter()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="tineng-soffice-") as profile:
        try:
            finished = subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(docx.parent),
                    str(docx),
                ],
                capture_output=True,
                text=True,
                timeout=TIME_LIMIT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as slow:
            raise PdfError(
                f"LibreOffice 转换 {docx.name} 超过 {TIME_LIMIT_SECONDS} 秒未完成。"
                f"LibreOffice did not convert {docx.name} within {TIME_LIMIT_SECONDS} s."
            ) from slow
    pdf = docx.with_suffix(".pdf")
    if finished.returncode != 0 or not pdf.is_file():
        raise PdfError(
            f"LibreOffice 未能把 {docx.name} 转换为 PDF（退出码 {finished.returncode}）：{finished.stderr.strip()[-300:]}"
            f" LibreOffice could not convert {docx.name} to PDF."
        )
    return pdf
