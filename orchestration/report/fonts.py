"""Chinese fonts for charts and pages, from files shipped in a Python package (no system font needed).

The font files come from the `mplfonts` package (Noto Sans / Noto Serif CJK SC, SIL Open Font
License); only the files are used, not its font manager. Charts render text as outlines, and
pages embed a subset of the fonts holding just the characters they use, so a bulletin looks the
same on any machine, offline.
"""

import base64
import io
from functools import cache
from importlib import resources
from pathlib import Path

from fontTools import subset
from matplotlib import font_manager

SANS = "NotoSansCJKsc-Regular.otf"
SERIF = "NotoSerifCJKsc-Regular.otf"
# CSS family names of the embedded subsets; the page's stylesheet refers to these.
CSS_FAMILIES = {SANS: "TinengSans", SERIF: "TinengSerif"}
# Always in the subset, whatever the page says: digits, Latin letters and common punctuation.
_BASE_CHARACTERS = (
    "".join(chr(c) for c in range(0x20, 0x7F)) + "，。、；：？！“”‘’（）《》【】—…·％－＋×√●○■□▲△"
)


def font_path(name: str = SANS) -> Path:
    """Where the font file is: inside the installed `mplfonts` package."""
    path = Path(str(resources.files("mplfonts") / "fonts" / name))
    if not path.is_file():
        raise FileNotFoundError(f"找不到中文字体 {name}（mplfonts 包未安装？）Chinese font missing: {path}")
    return path


@cache
def matplotlib_family() -> str:
    """Register the sans font with matplotlib (once per process) and return its family name."""
    path = font_path(SANS)
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


class PageFonts:
    """Subsets of the fonts for the pages of one report.

    The big font files are read once, cut down to every character the report uses; each page then
    embeds a subset of that with only its own characters (fast: the cut-down font is small).
    """

    def __init__(self, text: str, names: tuple[str, ...] = (SANS, SERIF)) -> None:
        characters = _characters(text)
        self._fonts = {name: _subset(font_path(name), characters, flavor=None) for name in names}

    def css(self, text: str, names: tuple[str, ...] = (SANS, SERIF)) -> str:
        """@font-face rules embedding the fonts with every character of `text` (WOFF, base64)."""
        characters = _characters(text)
        rules = []
        for name in names:
            woff = _subset(io.BytesIO(self._fonts[name]), characters, flavor="woff")
            data = base64.b64encode(woff).decode("ascii")
            rules.append(
                f"@font-face{{font-family:{CSS_FAMILIES[name]};font-style:normal;font-weight:400;"
                f"font-display:block;src:url(data:font/woff;base64,{data}) format('woff');}}"
            )
        return "\n".join(rules)


def _characters(text: str) -> str:
    return "".join(sorted(set(text) | set(_BASE_CHARACTERS)))


def _subset(source: Path | io.BytesIO, characters: str, flavor: str | None) -> bytes:
    options = subset.Options()
    options.flavor = flavor  # WOFF (zlib); WOFF2 would need the brotli package for ~30% less
    options.layout_features = ["kern"]  # "*" would pull in vertical and JP/KR/TW variants: twice the size
    # The first cut drops hints and subroutines (smaller once compressed); cutting that again needs neither.
    options.hinting = flavor is not None
    options.desubroutinize = flavor is None
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and the OFL licence notice
    options.notdef_outline = True
    font = subset.load_font(source if isinstance(source, io.BytesIO) else str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    font.close()
    return buffer.getvalue()
