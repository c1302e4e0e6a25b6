"""YAML front matter of converter output (a ``---`` block at the top of a Markdown file).

Converters put the catalogue record there (symbol, title, date, record ids). Only flat ``key: value``
lines are read, which is all such records hold; a full YAML parser would accept anchors, tags and
nested documents from untrusted files for nothing. Values keep their span in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"\A\ufeff?[ \t]*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^[ \t]*(?:---|\.\.\.)[ \t]*$", re.M)
_ITEM = re.compile(r"^(?P<key>[A-Za-z_][\w\-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.M)
MAX_FRONT_MATTER = 20_000


@dataclass(frozen=True)
class FrontMatter:
    start: int
    end: int  # just after the closing line: nothing before it is document text
    values: dict[str, tuple[str, int, int]]  # key (lower case) -> (value, source start, source end)

    def get(self, key: str) -> tuple[str, int, int] | None:
        return self.values.get(key)


def read_front_matter(source: str) -> FrontMatter | None:
    opening = _OPEN.match(source)
    if not opening:
        return None
    closing = _CLOSE.search(source, opening.end(), opening.end() + MAX_FRONT_MATTER)
    if not closing:
        return None
    values: dict[str, tuple[str, int, int]] = {}
    for m in _ITEM.finditer(source, opening.end(), closing.start()):
        raw, start, end = m.group("value"), m.start("value"), m.end("value")
        if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
            raw, start, end = raw[1:-1], start + 1, end - 1
            raw = raw.replace('\\"', '"') if source[start - 1] == '"' else raw.replace("''", "'")
        if raw and m.group("key").lower() not in values:
            values[m.group("key").lower()] = (raw, start, end)
    line_end = source.find("\n", closing.end())
    return FrontMatter(0, len(source) if line_end == -1 else line_end + 1, values)
