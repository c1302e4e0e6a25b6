"""Text that remembers where each character came from.

Markup stripping (markdown, HTML) and repairs change the text, but every clause must still point at
its span in the decoded source. ``MappedText`` keeps, for each character, the offset of the source
character it came from, so spans survive any number of rewrites.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass
class MappedText:
    text: str
    origin: array  # origin[i] = source offset of text[i]
    source_len: int

    @classmethod
    def identity(cls, source: str) -> MappedText:
        return cls(source, array("i", range(len(source))), len(source))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source [start, end) of the mapped slice [start, end)."""
        if start >= end or not self.text:
            pos = self.origin[start] if start < len(self.origin) else self.source_len
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1

    def slice(self, start: int, end: int) -> MappedText:
        return MappedText(self.text[start:end], self.origin[start:end], self.source_len)


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
        return MappedText("".join(self._parts), self._origin, len(self.source))
