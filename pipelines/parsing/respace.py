"""Bodies printed with almost no spaces ("TheGeneralAssembly,Recallingitsresolution...,1.Decidesto...").

Some converters drop every space. A person still sees the clauses, so the parser must: the text is
re-spaced before it is segmented, with wordninja (word frequencies of English) splitting each run of
glued letters, and a space after each comma, semicolon or colon glued to what follows. Inserted spaces
take the source offset of the character after them, so every span still points into the source.
"""

from __future__ import annotations

import re
from array import array

import wordninja

from pipelines.parsing.mapped import MappedText

_GLUED_RUN = re.compile(r"[A-Za-z]{12,}")
# a space after a comma, semicolon or colon, and between a word and a number ("resolution1/1of1946")
_GLUED_PUNCT = re.compile(r"(?<=[,;:])(?=[A-Za-z0-9(])|(?<=[a-z])(?=\d)|(?<=\d)(?=(?!st\b|nd\b|rd\b|th\b)[a-z]{2})")
# below this share of spaces and tabs (line breaks aside) a text is glued: English prose has about 15%
SPACE_POOR_SHARE = 0.04
MIN_CHARS = 120


def is_space_poor(text: str) -> bool:
    body = text.replace("\n", "").replace("\r", "")
    if len(body) < MIN_CHARS:
        return False
    spaces = body.count(" ") + body.count("\t")
    return spaces / len(body) < SPACE_POOR_SHARE


def _split_points(run: str) -> list[int]:
    """Offsets inside ``run`` where a word starts (the first word aside)."""
    points = []
    cursor = 0
    for piece in wordninja.split(run):
        at = run.find(piece, cursor)
        if at < 0:
            return []
        if at > 0:
            points.append(at)
        cursor = at + len(piece)
    return points


def respace(plain: MappedText, emphasis: list[tuple[int, int]]) -> tuple[MappedText, list[tuple[int, int]], int]:
    """``plain`` with spaces between glued words, the emphasis spans moved with it, and how many
    spaces were inserted."""
    text = plain.text
    inserts: list[int] = [m.start() for m in _GLUED_PUNCT.finditer(text)]
    for m in _GLUED_RUN.finditer(text):
        inserts.extend(m.start() + p for p in _split_points(m.group()))
    if not inserts:
        return plain, emphasis, 0
    inserts.sort()
    parts: list[str] = []
    origin = array("i")
    new_pos = array("i", [0]) * (len(text) + 1)
    cursor = 0
    shift = 0
    for at in inserts:
        for i in range(cursor, at):
            new_pos[i] = i + shift
        parts.append(text[cursor:at])
        origin.extend(plain.origin[cursor:at])
        parts.append(" ")
        origin.append(plain.origin[at] if at < len(plain.origin) else plain.source_len)
        shift += 1
        cursor = at
    for i in range(cursor, len(text) + 1):
        new_pos[i] = i + shift
    parts.append(text[cursor:])
    origin.extend(plain.origin[cursor:])
    moved = [(new_pos[s], new_pos[e - 1] + 1) for s, e in emphasis if e > s]
    return MappedText("".join(parts), origin, plain.source_len, plain.source), moved, len(inserts)
