"""PDF bytes to text with PDFium (pypdfium2): glyphs and their boxes in, reading-order text out.

PDFium only reads the file; the order of the lines, columns and footnotes is ``pdflayout``'s. A PDF that
yields no text is refused with the reason a user can act on (a scan, a password, a damaged file) rather
than parsed as an empty document.
"""

from __future__ import annotations

from pipelines.parsing.extracted import ExtractedText
from pipelines.parsing.model import ParseIssue, UnreadableDocument
from pipelines.parsing.pdflayout import Glyph, body_size_of, page_text

HINT_SCANNED = "scanned PDF: no text layer; OCR it first (for example with ocrmypdf) and add the OCRed PDF"
HINT_ENCRYPTED = "encrypted PDF: it needs a password to open; add a copy saved without the password"
HINT_DAMAGED = "damaged PDF: download or export it again; a cut-off or corrupted file cannot be read"


def is_pdf(data: bytes) -> bool:
    # the header may follow a few bytes of junk (PDF 1.7, annex H); readers accept it within 1 KB
    return b"%PDF-" in data[:1024]


def extract_pdf(data: bytes, source_file: str) -> ExtractedText:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise UnreadableDocument(source_file, "encrypted_pdf", "PDF is encrypted: it opens only with a password",
                                     HINT_ENCRYPTED) from exc
        raise UnreadableDocument(source_file, "damaged_pdf", f"PDF cannot be opened ({exc})", HINT_DAMAGED) from exc
    try:
        pages = _read_pages(pdf, source_file, pdfium, pdfium_c)
    finally:
        pdf.close()
    return _assemble(pages, source_file)


def _read_pages(pdf, source_file, pdfium, pdfium_c) -> list[tuple[list[Glyph], float, bool]]:
    """(glyphs, page width, has images) for every page."""
    out = []
    for index in range(len(pdf)):
        try:
            page = pdf[index]
            textpage = page.get_textpage()
        except pdfium.PdfiumError as exc:
            raise UnreadableDocument(source_file, "damaged_pdf", f"page {index + 1} of the PDF cannot be read ({exc})",
                                     HINT_DAMAGED) from exc
        n = textpage.count_chars()
        text = textpage.get_text_range(0, n) if n > 0 else ""
        glyphs = []
        for i, ch in enumerate(text):
            if ch in "\r\n":
                continue  # PDFium's own line breaks: the layout makes its own
            # the loose box is the font's ascent-descent box: one height for every glyph of a size,
            # where tight boxes would make "a" and "l" differ
            x0, y0, x1, y1 = textpage.get_charbox(i, loose=True)
            glyphs.append(Glyph(ch, x0, y0, x1, y1))
        has_images = False
        if not any(not g.ch.isspace() for g in glyphs):
            has_images = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        out.append((glyphs, page.get_width(), has_images))
        textpage.close()
        page.close()
    return out


def _assemble(pages, source_file: str) -> ExtractedText:
    if not pages:
        raise UnreadableDocument(source_file, "damaged_pdf", "PDF has no pages", HINT_DAMAGED)
    if not any(g for g, _, _ in pages if any(not x.ch.isspace() for x in g)):
        if any(images for _, _, images in pages):
            raise UnreadableDocument(source_file, "scanned_pdf",
                                     f"PDF has no text layer ({len(pages)} page(s) of images only)", HINT_SCANNED)
        raise UnreadableDocument(source_file, "empty", "PDF has no text and no images",
                                 "check the export: the document text is missing")
    body = body_size_of([g.size for glyphs, _, _ in pages for g in glyphs if not g.ch.isspace()])
    parts: list[str] = []
    page_starts: list[int] = []
    notes: list[tuple[int, int]] = []
    issues: list[ParseIssue] = []
    pos = 0
    for number, (glyphs, width, images) in enumerate(pages, start=1):
        page_starts.append(pos)
        page = page_text(glyphs, width, body)
        note_lines = set(page.notes)
        if not page.lines and images:
            issues.append(ParseIssue("pdf_page_without_text", f"page {number} is an image without a text layer: "
                                     "its text is missing (OCR the PDF)", pos, pos))
        for k, line in enumerate(page.lines):
            if k in note_lines:
                notes.append((pos, pos + len(line)))
            parts.append(line)
            pos += len(line) + 1
    return ExtractedText("\n".join(parts) + "\n", "pdf", page_starts, notes, issues)
