"""Start `tineng run` as a separate process, as a deployment or an operator would."""

import os
import subprocess
import sys
from pathlib import Path

TINENG = Path(sys.executable).parent / "tineng"


def start_refresh(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(TINENG), "run", *args],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def refresh(*args: str) -> None:
    process = start_refresh(*args)
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
