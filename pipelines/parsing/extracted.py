"""Text taken out of a binary document (PDF, Word), with what the parser needs to know about it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from pipelines.parsing.model import ParseIssue


@dataclass
class ExtractedText:
    text: str  # becomes the document's source_text: every span indexes it
    source_format: str  # "pdf" | "docx"
    page_starts: list[int] | None = None  # offset in ``text`` where each PDF page begins; None: no pages
    notes: list[tuple[int, int]] = field(default_factory=list)  # spans of footnote lines (out of the clauses)
    issues: list[ParseIssue] = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset`` (None when the format has no pages)."""
        if self.page_starts is None:
            return None
        return max(1, bisect_right(self.page_starts, offset))
