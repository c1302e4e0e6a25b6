"""Which binary document formats the parser reads, and the extractor for each (bytes in, text out)."""

from __future__ import annotations

from pipelines.parsing.decode import check_size
from pipelines.parsing.extracted import ExtractedText


def extract_binary(data: bytes, source_file: str, *, max_bytes: int) -> ExtractedText | None:
    """The text of a PDF or Word file, or None when ``data`` is neither (it is then decoded as text).

    Formats are told by their bytes, not by the file name: a PDF saved as ``.txt`` is still a PDF.
    """
    from pipelines.parsing.docx import extract_docx, is_docx
    from pipelines.parsing.pdf import extract_pdf, is_pdf

    if is_pdf(data):
        check_size(data, source_file, max_bytes)
        return extract_pdf(data, source_file)
    if is_docx(data):
        check_size(data, source_file, max_bytes)
        return extract_docx(data, source_file)
    return None
