"""The synthetic units' files for the scale benchmarks: each Annex 2 unit's filled template,
cloned for its copies (bench/synthetic_units.py) with the copy's code and name written in.

The demo generator types every workbook with openpyxl (~30 files a second here): 200,000 files
would take it hours. A clone rewrites only the cells that name the unit, in the sheet XML of the
original's file, and keeps its values and its modification time (so the copy is as late or on time
as the original), at some hundreds of files a second. Files that are not a unit's own template
(the demo's .xls, .csv, .ods and reshaped workbooks) are not cloned.
"""

import os
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.synthetic_units import copy_code, copy_name

_TEMPLATE_NAME = re.compile(r"^(?P<period>\d{4}-\d{2})_(?P<code>[A-Z]\d{2})_(?P<name>[^_.]+)\.xlsx$")


def clone_year(source: Path, target: Path, units: dict[str, str], factor: int) -> int:
    """Link every file of the demo year `source` into `target` (raw files are never written to,
    so a link is a copy), and write the clones of each unit in `units` (code -> name) for copies
    2..factor beside them. Returns how many files `target` holds."""
    jobs = []
    for path in sorted(source.rglob("*")):
        if not path.is_file():
            continue
        linked = target / path.relative_to(source)
        linked.parent.mkdir(parents=True, exist_ok=True)
        os.link(path, linked)
        match = _TEMPLATE_NAME.match(path.name)
        if match and match["code"] in units and factor > 1:
            jobs.append((path, linked.parent, match["code"], units[match["code"]], factor))
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(_clone_copies, jobs, chunksize=16))
    return sum(1 for p in target.rglob("*") if p.is_file() and not p.name.startswith("."))


def _clone_copies(job: tuple[Path, Path, str, str, int]) -> None:
    path, folder, code, name, factor = job
    with zipfile.ZipFile(path) as original:
        members = [(info, original.read(info)) for info in original.infolist()]
    stat = path.stat()
    for k in range(2, factor + 1):
        new_code, new_name = copy_code(code, k), copy_name(name, k)
        replacements = {_cell(code): _cell(new_code), _cell(name): _cell(new_name)}
        clone = folder / path.name.replace(f"_{code}_{name}.", f"_{new_code}_{new_name}.")
        with zipfile.ZipFile(clone, "w", zipfile.ZIP_DEFLATED) as copy:
            for info, data in members:
                copy.writestr(info, _replaced(data, replacements) if _is_sheet(info) else data)
        os.utime(clone, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _is_sheet(info: zipfile.ZipInfo) -> bool:
    return info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")


def _cell(text: str) -> bytes:
    """A string cell's text as openpyxl writes it: non-ASCII as numeric character references."""
    return ("<t>" + "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in text) + "</t>").encode("ascii")


def _replaced(data: bytes, replacements: dict[bytes, bytes]) -> bytes:
    for old, new in replacements.items():
        data = data.replace(old, new)
    return data
