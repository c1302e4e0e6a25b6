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
        return cls(source, _identity(len(source))[: len(source)], len(source), source)

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


# 0, 1, 2, ... kept between documents: slicing it (a memory copy) is far cheaper than building
# array("i", range(n)) from Python integers for every document or every copied run.
_IDENTITY = array("i")
_IDENTITY_KEEP = 1 << 22  # longer sources get their own array rather than growing the shared one


def _identity(n: int) -> array:
    """An array whose first n items are 0..n-1 (read-only: it may be the shared one)."""
    global _IDENTITY
    if n > _IDENTITY_KEEP:
        return array("i", range(n))
    if len(_IDENTITY) < n:
        _IDENTITY.extend(range(len(_IDENTITY), max(n, min(2 * len(_IDENTITY), _IDENTITY_KEEP))))
    return _IDENTITY


class MappedBuilder:
    """Accumulates pieces of output text with their source origins.

    Adjacent verbatim copies are merged into one pending run, written out (one string slice, one
    array slice) only when something else is emitted or the text is built.
    """

    def __init__(self, source: str):
        self.source = source
        self._parts: list[str] = []
        self._origin = array("i")
        self._ident = _identity(len(source))
        self._run_start = 0  # pending verbatim run source[_run_start:_run_end]
        self._run_end = 0

    def _flush(self) -> None:
        if self._run_end > self._run_start:
            self._parts.append(self.source[self._run_start:self._run_end])
            self._origin.extend(self._ident[self._run_start:self._run_end])
        self._run_start = self._run_end = 0

    def copy(self, start: int, end: int) -> None:
        """Copy source[start:end] verbatim."""
        if end > start:
            if start == self._run_end and self._run_end > self._run_start:
                self._run_end = end
            else:
                self._flush()
                self._run_start, self._run_end = start, end

    def emit(self, text: str, origin: int) -> None:
        """Emit synthetic text (an unescaped entity, a line break for a block tag) at ``origin``."""
        if text:
            self._flush()
            self._parts.append(text)
            self._origin.extend(array("i", (origin,)) * len(text))

    def __len__(self) -> int:
        return len(self._origin) + self._run_end - self._run_start

    def build(self) -> MappedText:
        self._flush()
        return MappedText("".join(self._parts), self._origin, len(self.source), self.source)
