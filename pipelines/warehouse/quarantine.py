"""Why a file is quarantined, in words a user can act on."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from pipelines import settings
from pipelines.parsing import docx, pdf
from pipelines.warehouse.sources import supported_types

HINTS = {
    "empty": "the file has no content: add the document text or delete the file",
    "binary": "this looks like a binary file (image, old .doc, spreadsheet...): save it as .pdf, .docx, .txt, .md or "
              ".html",
    # the PDF and Word readers own their hints (``resolutions parse`` prints the same words)
    "scanned_pdf": pdf.HINT_SCANNED,
    "encrypted_pdf": pdf.HINT_ENCRYPTED,
    "damaged_pdf": pdf.HINT_DAMAGED,
    "damaged_docx": docx.HINT_DAMAGED,
    "undecodable": "save the file as UTF-8 text",
    "too_large": f"split the file, or raise the limit with {settings.MAX_FILE_MB}",
    "no_clauses": "no numbered clause was found: check that this is a resolution or declaration text",
    "duplicate_content": "two files hold the same bytes: delete one of them",
    "duplicate_document": "two files hold the same document: delete the stale copy or fix its number",
    "unsupported_type": f"only {supported_types('and')} files are read: convert or move it",
    "outside_raw_dir": "the link points outside the raw folder: copy the file in instead of linking",
    "not_a_file": "not a regular file (broken link, device, socket): replace it with a text file",
    "unreadable": "the file could not be opened: check its permissions",
    "name_clash": "two names that a case-insensitive or normalising file system (macOS, Windows, a share) treats as "
                  "one: rename or delete one of them",
    "held_back": "the parser read too little of this text as clauses to publish its facts: check that it is "
                 "a resolution or declaration, and report the layout with the file attached",
    "parser_error": "the parser crashed on this file: please report it with the file attached",
    "worker_crashed": "the process parsing this file died (a native crash or out of memory): please report "
                      "it with the file attached",
}


@dataclass
class Quarantined:
    source_file: str
    sha256: str | None
    reason: str
    message: str
    hint: str = ""
    size_bytes: int | None = None

    def __post_init__(self):
        if not self.hint:
            self.hint = HINTS.get(self.reason, "")

    def as_row(self) -> dict:
        return asdict(self)
