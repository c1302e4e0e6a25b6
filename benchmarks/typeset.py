"""Lay documents out as real PDF and Word files, for the PDF/Word input tests and ``make bench``.

The files come from real writers (ReportLab's page-layout engine for PDF, python-docx for Word, both in
the dev dependency group), not from hand-built bytes, so the extraction is tested against what a
typesetter actually emits: embedded or standard fonts, positioned glyphs, columns, running heads,
page numbers, footnotes at the foot of the page, hyphenation at line ends, Word's automatic numbering.

A document is given as ``Block``s: a title line, a paragraph (its lines as written, or reflowed), and
the footnotes anchored in it. ``blocks_from_text`` and ``blocks_from_markdown`` read the sample files.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

MARK = "\u2063"  # an invisible separator standing for a footnote reference inside a block's text


@dataclass
class Block:
    lines: list[str]
    kind: str = "para"  # title | para | sub (a lettered sub-clause; Word numbering level 1)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (mark, footnote text), mark at MARK
    number: str | None = None  # the marker as printed ("12.", "a."): Word renders it from its numbering

    @property
    def text(self) -> str:
        # a line ending in a hyphen joins the next without a space ("Euro-" + "Atlantic")
        return re.sub(r"(?<=\w-) (?=\w)", "", " ".join(line.strip() for line in self.lines))


def blocks_from_text(text: str) -> list[Block]:
    """Blank-line separated paragraphs of a plain-text document, lines kept as written."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip("\n")):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        # a clause that the text export ran on without a blank line ("...figures;" / "8. Stressing")
        groups: list[list[str]] = []
        for line in lines:
            starts = re.match(r"^\d{1,3}[.,]\s", line) or (groups and groups[-1][-1].endswith((";", ":"))
                                                          and re.match(r"^(?:[a-z]{1,2}[.)]\s+)?to\s", line))
            if not groups or starts:
                groups.append([])
            groups[-1].append(line)
        for group in groups:
            is_title = all(line.isupper() or not re.search(r"[a-z]", line) for line in group)
            blocks.append(Block(group, "title" if is_title else "para"))
    return blocks


_MD_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<rest>.*)$")
_MD_NOTE = re.compile(r"^<sup>\\?\*</sup>\s*(?P<text>.+)$")


def blocks_from_markdown(text: str) -> list[Block]:
    """Headings, list items and the footnote of a converter's Markdown (the sample declaration)."""
    blocks: list[Block] = []
    pending_note: list[str] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.strip() == "\\_":
            continue
        note = _MD_NOTE.match(line.strip())
        if note:
            pending_note.append(note.group("text"))
            continue
        if line.startswith("#"):
            title = _unmark(line.lstrip("#").strip())
            if "\\*" in line.lstrip("#"):
                title = title.replace("*", MARK, 1)
            blocks.append(Block([title], "title"))
            continue
        item = _MD_ITEM.match(line)
        if item:
            # the converter lost the indent of some sub-clauses ("- n. to step up ..."): "to" tells them
            to_item = re.match(r"^(?:[a-zA-Z]{1,2}[.)]\s+)?to\s", item.group("rest"))
            kind = "sub" if item.group("indent") or to_item else "para"
            blocks.append(Block([_unmark(item.group("rest"))], kind))
        elif blocks:
            blocks[-1].lines.append(_unmark(line.strip()))
    for b in blocks:  # the footnote hangs on the title's mark
        if MARK in b.text and pending_note:
            b.notes.append(("*", pending_note.pop(0)))
    return blocks


def _unmark(s: str) -> str:
    s = s.replace("\\*", "*").replace("**", "")
    s = re.sub(r"(?<!\w)\*(\w[^*]*)\*(?!\w)", r"\1", s)
    return s.replace("\\", "")


def split_marker(text: str) -> tuple[str | None, str]:
    """("12.", "Highlighting ...") for a paragraph that opens with its number or letter."""
    m = re.match(r"^(\(?(?:\d{1,3}|[a-zA-Z]{1,2})[.,)])\s+(.*)$", text, re.S)
    return (m.group(1), m.group(2)) if m else (None, text)


# -- PDF (ReportLab) ---------------------------------------------------------------------------------


@dataclass
class PdfLayout:
    columns: int = 1
    keep_lines: bool = True  # True: the source's line breaks; False: reflowed (and hyphenated)
    hyphenate: bool = False
    running_head: str | None = None  # printed at the top of every page
    page_numbers: str | None = "{n}"  # format of the footer ("Page {n}", "- {n} -"), None for none
    font: str = "Times-Roman"  # a standard font, or "Vera" (embedded TrueType shipped with ReportLab)
    font_size: float = 10.0


def render_pdf(blocks: list[Block], layout: PdfLayout | None = None, *, encrypt_password: str | None = None
               ) -> tuple[bytes, dict[str, int]]:
    """The PDF, and the page (1-based) on which each block's first line was set, keyed by its text's head."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, NextPageTemplate, PageTemplate, Paragraph, Spacer

    layout = layout or PdfLayout()
    font = layout.font
    if font == "Vera":
        import reportlab

        pdfmetrics.registerFont(TTFont("Vera", f"{reportlab.__path__[0]}/fonts/Vera.ttf"))
    width, height = A4
    margin, gutter, note_room = 56.0, 18.0, 64.0
    body_top, body_bottom = height - margin - 14, margin + 14 + note_room
    style = ParagraphStyle("body", fontName=font, fontSize=layout.font_size, leading=layout.font_size * 1.25,
                           spaceAfter=layout.font_size * 0.8, alignment=4 if not layout.keep_lines else 0)
    if layout.hyphenate:
        style.hyphenationLang = "en_GB"
        style.embeddedHyphenation = 1
        style.uriWasteReduce = 0.3
    title_style = ParagraphStyle("title", parent=style, fontSize=layout.font_size + 2,
                                 leading=(layout.font_size + 2) * 1.3, alignment=1)
    sub_style = ParagraphStyle("sub", parent=style, leftIndent=18)
    pages: dict[str, int] = {}
    notes_on_page: list[tuple[str, str]] = []

    class Doc(BaseDocTemplate):
        def afterFlowable(self, flowable):
            key = getattr(flowable, "block_key", None)
            if key is not None:
                pages.setdefault(key, self.page)
                notes_on_page.extend(getattr(flowable, "block_notes", []))

    def furniture(canvas, doc):
        canvas.saveState()
        if layout.running_head:
            canvas.setFont(font, 8)
            canvas.drawCentredString(width / 2, height - margin, layout.running_head)
        if layout.page_numbers:
            canvas.setFont(font, 9)
            canvas.drawCentredString(width / 2, margin - 10, layout.page_numbers.format(n=doc.page))
        canvas.restoreState()

    def footnotes(canvas, doc):
        # at the end of the page, when the flowables set on it (and their notes) are known
        canvas.saveState()
        if notes_on_page:
            y = body_bottom - 14
            canvas.setLineWidth(0.5)
            canvas.line(margin, y + 10, margin + 120, y + 10)
            canvas.setFont(font, 7.5)
            for mark, text in notes_on_page:
                canvas.drawString(margin, y, f"{mark} {text}")
                y -= 10
            notes_on_page.clear()
        canvas.restoreState()

    if layout.columns == 1:
        frames = [Frame(margin, body_bottom, width - 2 * margin, body_top - body_bottom, id="body")]
    else:
        col = (width - 2 * margin - gutter) / 2
        frames = [Frame(margin, body_bottom, col, body_top - body_bottom, id="left"),
                  Frame(margin + col + gutter, body_bottom, col, body_top - body_bottom, id="right")]
    buf = io.BytesIO()
    doc = Doc(buf, pagesize=A4, title="", author="", encrypt=_encryption(encrypt_password))
    # the title spans the page over the columns on the first page only
    title_h = 110.0
    first = [Frame(margin, body_top - title_h, width - 2 * margin, title_h, id="title")]
    first += [Frame(f.x1, f.y1, f.width, f.height - title_h, id=f"{f.id}1") for f in frames]
    doc.addPageTemplates([PageTemplate("first", first, onPage=furniture, onPageEnd=footnotes),
                          PageTemplate("later", frames, onPage=furniture, onPageEnd=footnotes)])
    story = [NextPageTemplate("later")]

    in_title = True
    for b in blocks:
        if in_title and b.kind != "title":
            story.append(FrameBreak())
            in_title = False
        st = title_style if b.kind == "title" else sub_style if b.kind == "sub" else style
        text = _escape("\n".join(b.lines) if layout.keep_lines else b.text)
        for mark, _ in b.notes:
            text = text.replace(MARK, f"<super>{_escape(mark)}</super>", 1)
        text = text.replace(MARK, "")
        para = Paragraph(text.replace("\n", "<br/>"), st)
        para.block_key = b.text.replace(MARK, "")[:40]
        para.block_notes = list(b.notes)
        story.append(para)
    if in_title:
        story.append(Spacer(1, 1))
    doc.build(story)
    return buf.getvalue(), pages


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _encryption(password: str | None):
    if password is None:
        return None
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption(password, canPrint=0, strength=128)


def render_scanned_pdf(blocks: list[Block], dpi: int = 100) -> bytes:
    """An image-only PDF, as a scanner makes: each page a picture of the text, no text layer."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    width, height = A4
    px_w, px_h = int(width / 72 * dpi), int(height / 72 * dpi)
    lines = [line for b in blocks for line in (*b.lines, "")]
    per_page = 60
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=A4)
    font = ImageFont.load_default()
    for start in range(0, max(1, len(lines)), per_page):
        img = Image.new("L", (px_w, px_h), 255)
        draw = ImageDraw.Draw(img)
        for k, line in enumerate(lines[start:start + per_page]):
            draw.text((60, 60 + k * 17), line.replace("\u2019", "'"), fill=0, font=font)
        canvas.drawImage(ImageReader(img), 0, 0, width, height)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


# -- Word (python-docx) ------------------------------------------------------------------------------


def render_docx(blocks: list[Block]) -> bytes:
    """A Word file whose clause numbers and letters are Word automatic numbering (numbering.xml), not
    typed text, with the title's footnote as a real footnote (footnotes.xml) and a table of votes."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract_id, num_id = 90, 90
    numbering.insert(0, parse_xml(  # abstractNum elements must precede num elements
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                               f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    notes = _footnotes_part(document)
    note_id = 1
    for b in blocks:
        marker, text = split_marker(b.text)
        if b.kind == "sub":
            marker, text = split_marker(text) if marker is None else (marker, text)
            text = text if not re.match(r"^[a-zA-Z]{1,2}[.)]\s", text) else text.split(None, 1)[1]
        para = document.add_paragraph()
        if b.kind in ("para", "sub") and (marker or b.kind == "sub"):
            ppr = para._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{1 if b.kind == "sub" else 0}"/>'
                                 f'<w:numId w:val="{num_id}"/></w:numPr>'))
        else:
            text = b.text
        pieces = text.split(MARK)
        for k, piece in enumerate(pieces):
            para.add_run(piece)
            if k < len(pieces) - 1 and k < len(b.notes):
                run = para.add_run()
                run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:customMarkFollows="1" '
                                        f'w:id="{note_id}"/>'))
                run.add_text(b.notes[k][0])
                notes.append(parse_xml(
                    f'<w:footnote {nsdecls("w")} w:id="{note_id}"><w:p><w:r><w:t xml:space="preserve">'
                    f'{_escape(b.notes[k][0])} {_escape(b.notes[k][1])}</w:t></w:r></w:p></w:footnote>'))
                note_id += 1
        if b.kind == "title" and b is blocks[0]:
            para.runs[0].bold = True
    table = document.add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "Votes for", (0, 1): "Votes against", (1, 0): "212", (1, 1): "3"}.items():
        table.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _footnotes_part(document):
    """The document's footnotes part (python-docx's template has none): created and related."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    xml = (f'<w:footnotes {nsdecls("w")}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
           '</w:p></w:footnote></w:footnotes>')
    part = XmlPart(PackURI("/word/footnotes.xml"),
                   "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                   parse_xml(xml), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    return part.element
