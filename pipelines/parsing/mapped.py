"""Text that remembers where each character came from.

Markup stripping (markdown, HTML) and repairs change the text, but every clause must still point at
its span in the decoded source. ``MappedText`` keeps, for each character, the offset of the source
character it came from, so spans survive any number of rewrites.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

# What may stand between a line's edge and its first/last character of text: space, tags, markdown marks.
_MARKUP_ONLY = re.compile(r"(?:\s|<[^>\n]*>|[*_\\#>+\-–—•])*")


@dataclass
class MappedText:
    text: str
    origin: array  # origin[i] = source offset of text[i]
    source_len: int
    source: str | None = field(default=None, repr=False)

    @classmethod
    def identity(cls, source: str) -> MappedText:
        return cls(source, array("i", range(len(source))), len(source), source)

    def line_span(self, start: int, end: int) -> tuple[int, int]:
        """Like ``source_span``, widened over markup that only decorates the line's edges
        ("<sup>*</sup> Adopted ...", "**Stressing** ...**"), so the span covers the whole source line."""
        s, e = self.source_span(start, end)
        src = self.source
        if src is None or e <= s:
            return s, e
        line_start = src.rfind("\n", 0, s) + 1
        head = src[line_start:s]
        if _MARKUP_ONLY.fullmatch(head):
            s = line_start + (len(head) - len(head.lstrip()))
        line_end = src.find("\n", e)
        line_end = len(src) if line_end == -1 else line_end
        tail = src[e:line_end]
        if _MARKUP_ONLY.fullmatch(tail):
            e += len(tail.rstrip())
        return s, e

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source [start, end) of the mapped slice [start, end)."""
        if start >= end or not self.text:
            pos = self.origin[start] if start < len(self.origin) else self.source_len
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.origin[start:end], self.source_len, self.source)


class MappedBuilder:
    """Accumulates pieces of output text with their source origins."""

    def __init__(self, source: str):
        self.source = source
        self._parts: list[str] = []
        self._origin = array("i")

    def copy(self, start: int, end: int) -> None:
        """Copy source[start:end] verbatim."""
        if end > start:
            self._parts.append(self.source[start:end])
            self._origin.extend(range(start, end))

    def emit(self, text: str, origin: int) -> None:
        """Emit synthetic text (an unescaped entity, a line break for a block tag) at ``origin``."""
        if text:
            self._parts.append(text)
            self._origin.extend([origin] * len(text))

    def __len__(self) -> int:
        return len(self._origin)

    def build(self) -> MappedText:
        return MappedText("".join(self._parts), self._origin, len(self.source), self.source)
