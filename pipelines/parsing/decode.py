"""Bytes to text: encoding detection, binary and size guards."""

from __future__ import annotations

import codecs
import re

from pipelines.parsing.model import ParseIssue, UnreadableDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# PDF and Word (.docx) files never get here: ``binary.extract_binary`` reads them first.
_MAGIC = {
    b"PK\x03\x04": ("a ZIP or Office file other than Word .docx",
                    "save it as .docx, PDF, plain text, Markdown or HTML first"),
    b"\x89PNG": ("a PNG image", "run OCR on it first and add the text"),
    b"\xff\xd8\xff": ("a JPEG image", "run OCR on it first and add the text"),
    b"\xd0\xcf\x11\xe0": ("an old Office file (.doc) or a password-protected Office file",
                         "save it as Word .docx (without a password), PDF or plain text first"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_source(
    data: bytes, source_file: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, str, list[ParseIssue]]:
    """Return (text, encoding, issues) or raise UnreadableDocument naming the file and the reason."""
    check_size(data, source_file, max_bytes)
    if not data.strip():
        raise UnreadableDocument(source_file, "empty", "file is empty or holds only whitespace",
                                 "check the export: the document text is missing")
    for magic, (what, hint) in _MAGIC.items():
        if data.startswith(magic):
            raise UnreadableDocument(source_file, "binary", f"file is {what}, not text", hint)

    issues: list[ParseIssue] = []
    try:
        text, encoding = _decode(data)
    except UnreadableDocument as exc:
        raise UnreadableDocument(source_file, exc.reason, exc.message, exc.hint) from exc
    if not text.strip("\ufeff \t\r\n\f\v\u00a0"):
        # a byte order mark and whitespace only: as empty as an empty file
        raise UnreadableDocument(source_file, "empty", "file holds only a byte order mark and whitespace",
                                 "check the export: the document text is missing")
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        issues.append(ParseIssue("encoding", f"file is not valid UTF-8; decoded as {encoding}",
                                 0, 0, severity="warning"))
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(8, len(sample) // 100):
        raise UnreadableDocument(source_file, "binary",
                                 f"file holds binary data ({controls} control characters in its first "
                                 f"{len(sample):,} characters)",
                                 "convert it to PDF, Word .docx, plain text, Markdown or HTML first")
    return text, encoding, issues


def check_size(data: bytes, source_file: str, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise UnreadableDocument(
            source_file, "too_large",
            f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes",
            "split the compilation into smaller files or raise the size limit",
        )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16")
    if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
        # UTF-16 without a byte-order mark: every other byte of Latin text is NUL.
        return _decode_utf16(data, "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    if replaced.count("\ufffd") <= 3 and len(data) > 200:
        # A few broken sequences in otherwise valid UTF-8 (a cut or a bad copy): keep UTF-8.
        return replaced, "utf-8 (with replaced bytes)"
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def _decode_utf16(data: bytes, codec: str) -> tuple[str, str]:
    """A file that is UTF-16 by its byte order mark or its NUL bytes, which may still be cut or broken
    (an odd length, a lone surrogate)."""
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError as exc:
        raise UnreadableDocument("", "undecodable", f"looks like {codec} but does not decode: {exc}",
                                 "re-export the file as UTF-8") from exc
