"""What a sheet's cells are beyond their values, for the formats whose scan is not an .xlsx's.

python-calamine gives a cell's value only: 0.14 for a cell showing 14%, "" for one showing
#DIV/0!. The .ods and .xls readers (ods_scan.py, xls_formats.py) find those cells and the
sheet's bounds and hand them over as SheetMarks, which the progress reader asks as it asks an
.xlsx's SheetScan.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


class Blocks:
    """Values for rectangles of cells: an .ods cell may stand for a block (repeated rows and
    columns), so the cells are never listed one by one."""

    def __init__(self) -> None:
        self._rows: dict[int, list[tuple[int, int, str]]] = {}  # one-row blocks, by row
        self._tall: list[tuple[int, int, int, int, str]] = []  # blocks over several rows

    def add(self, row: int, rows: int, column: int, columns: int, value: str) -> None:
        if rows == 1:
            self._rows.setdefault(row, []).append((column, column + columns, value))
        else:
            self._tall.append((row, row + rows, column, column + columns, value))

    def get(self, position: tuple[int, int], default: str | None = None) -> str | None:
        row, column = position
        for start, end, value in self._rows.get(row, ()):
            if start <= column < end:
                return value
        for top, bottom, left, right, value in self._tall:
            if top <= row < bottom and left <= column < right:
                return value
        return default

    def __contains__(self, position: tuple[int, int]) -> bool:
        return self.get(position) is not None

    def __bool__(self) -> bool:
        return bool(self._rows or self._tall)


class Lookup:
    """Cells answered one at a time by a function (an .xls cell's format is looked up when asked)."""

    def __init__(self, find: Callable[[tuple[int, int]], str | None]):
        self._find = find

    def get(self, position: tuple[int, int], default: str | None = None) -> str | None:
        found = self._find(position)
        return default if found is None else found

    def __contains__(self, position: tuple[int, int]) -> bool:
        return self.get(position) is not None


@dataclass
class SheetMarks:
    name: str
    first: tuple[int, int] | None = None  # 0-based (row, column) bounds of the cells with a value
    last: tuple[int, int] | None = None
    percent_cells: Blocks | Lookup = field(default_factory=Blocks)  # cells formatted as percentages
    error_cells: Blocks | Lookup = field(default_factory=Blocks)  # cell -> the error it shows
    uncached_formulas: frozenset[tuple[int, int]] = frozenset()
    shared_text_bytes: int = 0

    @property
    def area(self) -> int:
        if self.first is None or self.last is None:
            return 0
        return (self.last[0] - self.first[0] + 1) * (self.last[1] - self.first[1] + 1)
