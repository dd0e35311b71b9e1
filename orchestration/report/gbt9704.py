"""Word documents in the layout of GB/T 9704-2012 (党政机关公文格式), with python-docx.

A4, 版心 156 × 225 mm (天头 37 mm, 订口 28 mm); body in 3号仿宋 at about 22 lines a page; 一级标题
黑体, 二级标题 楷体; 红头 (发文机关标志 in red 小标宋, 发文字号, the red rule); 落款; 版记 (抄送, 印发)
between rules; page numbers "— 1 —" in 4号宋体, odd pages right and even pages left.

Fonts are named, not embedded: 仿宋, 黑体, 楷体, 宋体 and 方正小标宋简体 are what WPS and Word on
government desktops have, and each substitutes what it lacks with a local CJK font, as LibreOffice
does when it converts the document to PDF.
"""

from collections.abc import Sequence
from io import BytesIO

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FANGSONG = "仿宋"
HEITI = "黑体"
KAITI = "楷体"
SONGTI = "宋体"
XIAOBIAOSONG = "方正小标宋简体"
LATIN = "Times New Roman"

SIZE_2 = Pt(22)  # 二号: the title
SIZE_3 = Pt(16)  # 三号: body and headings
SIZE_4 = Pt(14)  # 四号: 版记 and page numbers
SIZE_5 = Pt(10.5)  # 五号: tables
SIZE_SMALL_5 = Pt(9)  # 小五: notes under tables
RED = RGBColor(0xE6, 0x00, 0x12)
BODY_LINE = Pt(28.9)  # 225 mm over 22 lines
TEXT_WIDTH = Mm(156)
NONE = Pt(0)
LANDSCAPE_TEXT_WIDTH = Mm(225)


def _east_asian(run: Run, name: str) -> None:
    """Name the font for CJK and Latin text alike (python-docx sets only the Latin name)."""
    run.font.name = LATIN if name in (FANGSONG, SONGTI, KAITI) else name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)


def text_run(paragraph: Paragraph, text: str, font: str = FANGSONG, size: Pt = SIZE_3, **style) -> Run:
    run = paragraph.add_run(text)
    _east_asian(run, font)
    run.font.size = size
    run.bold = style.get("bold")
    if style.get("colour") is not None:
        run.font.color.rgb = style["colour"]
    return run


def _spacing(paragraph: Paragraph, line: Pt | None = BODY_LINE, before: Pt = NONE, after: Pt = NONE) -> None:
    formatting = paragraph.paragraph_format
    if line is None:
        formatting.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        formatting.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        formatting.line_spacing = line
    formatting.space_before = before
    formatting.space_after = after


def _border(paragraph: Paragraph, edge: str, size_eighths: int, colour: str = "000000") -> None:
    """A rule above or below the paragraph (size in eighths of a point)."""
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.append(borders)
    line = OxmlElement(f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), colour)
    borders.append(line)


def _page_number(paragraph: Paragraph) -> None:
    """— N — with N a PAGE field, in 4号宋体."""
    text_run(paragraph, "— ", SONGTI, SIZE_4)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    number = OxmlElement("w:r")
    number_text = OxmlElement("w:t")
    number_text.text = "1"
    number.append(number_text)
    field.append(number)
    paragraph._p.append(field)
    text_run(paragraph, " —", SONGTI, SIZE_4)


def _set_page(section, *, landscape: bool = False) -> None:
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    if landscape:
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)


def _footers(section) -> None:
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)  # 空一字
    _page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    _page_number(even)


def new_document(title: str, author: str) -> DocumentObject:
    """An empty A4 document with the body style, page numbers and the document's properties."""
    document = Document()
    document.settings.odd_and_even_pages_header_footer = True
    normal = document.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = SIZE_3
    properties = normal.element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), FANGSONG)
    language = OxmlElement("w:lang")  # Chinese text: converters pick Simplified Chinese glyphs
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    properties.append(language)
    section = document.sections[0]
    _set_page(section)
    _footers(section)
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.comments = ""
    return document


def masthead(document: DocumentObject, organ: str, number: str) -> None:
    """红头: the issuing organ in red 小标宋, the 发文字号 under it, then the red rule."""
    size = Pt(min(36, int(156 / 0.3528 / max(len(organ), 1))))  # as large as fits on one line
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, None, before=Pt(0), after=Pt(18))
    text_run(paragraph, organ, XIAOBIAOSONG, size, colour=RED)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, after=Pt(4))
    text_run(paragraph, number)
    _border(paragraph, "bottom", 18, "E60012")


def title(document: DocumentObject, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(paragraph, Pt(35), before=Pt(28), after=Pt(28))
    text_run(paragraph, text, XIAOBIAOSONG, SIZE_2)


def addressee(document: DocumentObject, text: str) -> None:
    paragraph = document.add_paragraph()
    _spacing(paragraph)
    text_run(paragraph, f"{text}：")


def heading(document: DocumentObject, text: str, level: int = 1) -> None:
    """一级标题 (一、) in 黑体, 二级标题 (（一）) in 楷体, both indented two characters."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.keep_with_next = True
    _spacing(paragraph)
    text_run(paragraph, text, HEITI if level == 1 else KAITI)


def body(document: DocumentObject, text: str, *, lead: str | None = None) -> Paragraph:
    """A paragraph of 3号仿宋, first line indented two characters; `lead` starts it in bold."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    _spacing(paragraph)
    if lead:
        text_run(paragraph, lead, bold=True)
    text_run(paragraph, text)
    return paragraph


def note(document: DocumentObject, text: str) -> None:
    paragraph = document.add_paragraph()
    _spacing(paragraph, None, after=Pt(6))
    text_run(paragraph, text, FANGSONG, SIZE_SMALL_5)


def figure(document: DocumentObject, png: bytes, caption: str, width=TEXT_WIDTH) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    _spacing(paragraph, None)
    paragraph.add_run().add_picture(BytesIO(png), width=width)
    caption_paragraph = document.add_paragraph()
    caption_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(caption_paragraph, None, after=Pt(8))
    text_run(caption_paragraph, caption, KAITI, SIZE_5)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _cell_text(cell: _Cell, text: str, *, bold: bool = False, centre: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.LEFT
    _spacing(paragraph, None)
    text_run(paragraph, text, SONGTI, SIZE_5, bold=bold)


def table(
    document: DocumentObject,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    fills: Sequence[Sequence[str | None]] | None = None,
    centred: Sequence[bool] | None = None,
) -> None:
    """A bordered table in 五号宋体; the header row repeats on every page; `fills` colours cells."""
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for index, header in enumerate(headers):
        cell = grid.rows[0].cells[index]
        _cell_text(cell, header, bold=True, centre=True)
        _shade(cell, "#E8EAED")
    _repeat_header(grid.rows[0])
    for row_index, values in enumerate(rows):
        cells = grid.add_row().cells
        for index, value in enumerate(values):
            _cell_text(cells[index], value, centre=bool(centred and centred[index]))
            fill = fills[row_index][index] if fills else None
            if fill:
                _shade(cells[index], fill)
    for index, width in enumerate(widths_mm):  # the grid (LibreOffice) and every cell (Word, WPS)
        grid.columns[index].width = Mm(width)
        for cell in grid.columns[index].cells:
            cell.width = Mm(width)
    spacer = document.add_paragraph()
    _spacing(spacer, None, after=Pt(4))


def landscape_section(document: DocumentObject) -> None:
    """Start a landscape section (横排表格), page numbers continuing."""
    section = document.add_section()
    _set_page(section, landscape=True)


def portrait_section(document: DocumentObject) -> None:
    section = document.add_section()
    _set_page(section)


def page_break(document: DocumentObject) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def signature(document: DocumentObject, organ: str, day: str) -> None:
    """落款: the issuing organ and the date, right-aligned, two lines below the body."""
    spacer = document.add_paragraph()
    _spacing(spacer)
    for text in (organ, day):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(64)  # 右空四字
        _spacing(paragraph)
        text_run(paragraph, text)


def colophon(document: DocumentObject, copies_to: Sequence[str], organ: str, printed_on: str) -> None:
    """版记: 抄送 and 印发 between a thick rule above, a thin one between and a thick one below."""
    spacer = document.add_paragraph()
    _spacing(spacer)
    rows = []
    if copies_to:
        rows.append(f"抄送：{'，'.join(copies_to)}。")
    rows.append(None)  # the 印发 line
    for index, text in enumerate(rows):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Pt(14)
        paragraph.paragraph_format.right_indent = Pt(14)
        paragraph.paragraph_format.keep_with_next = True
        _spacing(paragraph, Pt(24))
        if index == 0:
            _border(paragraph, "top", 8)
        if text is None:
            tab_stop = paragraph.paragraph_format.tab_stops
            tab_stop.add_tab_stop(TEXT_WIDTH - Pt(28), alignment=2)  # right-aligned date
            text_run(paragraph, f"{organ}\t{printed_on}印发", FANGSONG, SIZE_4)
            _border(paragraph, "bottom", 8)
        else:
            text_run(paragraph, text, FANGSONG, SIZE_4)
            _border(paragraph, "bottom", 4)
