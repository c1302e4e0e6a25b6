"""Sub-clause letters: a..z, then aa, bb, ... zz, then aaa, and roman numerals i, ii, iii. Missing or
misread letters are inferred from position; letters present in the text anchor the sequence."""

from __future__ import annotations

from dataclasses import dataclass

# What OCR and PDF extraction make of lower-case letters.
OCR_CONFUSIONS = {"I": "l", "1": "l", "|": "l", "0": "o", "O": "o", "rn": "m", "S": "s", "Z": "z", "C": "c"}


_ROMAN_VALUES = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    """1 -> i, 4 -> iv, 14 -> xiv (lower case)."""
    out = ""
    for value, numeral in _ROMAN_VALUES:
        count, n = divmod(n, value)
        out += numeral * count
    return out


# The numerals a list of items runs through (i .. xx): no sub-clause list of the genre is longer.
ROMAN = tuple(roman(n) for n in range(1, 21))


def letter_at(index: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa, 27 -> bb, 52 -> aaa."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def index_of(letter: str) -> int | None:
    if not letter or not letter.isalpha() or not letter.islower() or len(set(letter)) != 1:
        return None
    return (len(letter) - 1) * 26 + (ord(letter[0]) - ord("a"))


@dataclass
class LetterAssignment:
    letter: str
    inferred: bool
    note: str | None  # why it was inferred, for the issues list


def assign_letters(written: list[str | None]) -> list[LetterAssignment]:
    """``written``: the letter as the text has it for each sub-clause in order (None where missing).

    A written letter that fits after the previous one anchors the sequence (skips are reported); a
    letter that OCR commonly confuses with the expected one is read as that; anything else is
    inferred from position.
    """
    out: list[LetterAssignment] = []
    prev = -1
    for i, raw in enumerate(written):
        expected = prev + 1
        idx = index_of(raw) if raw else None
        if raw is None:
            out.append(LetterAssignment(letter_at(expected), True, "letter missing; inferred from position"))
            prev = expected
        elif idx is not None and idx == expected:
            out.append(LetterAssignment(raw, False, None))
            prev = idx
        elif _ocr_reading(raw) == letter_at(expected):
            out.append(LetterAssignment(letter_at(expected), True,
                                        f"marker '{raw}.' read as '{letter_at(expected)}.' from its position"))
            prev = expected
        elif idx is not None and idx > expected and not _fits_later(written, i, expected):
            out.append(LetterAssignment(raw, False,
                                        f"letters skip from '{letter_at(prev) if prev >= 0 else '-'}' to '{raw}'"))
            prev = idx
        else:
            out.append(LetterAssignment(letter_at(expected), True,
                                        f"marker '{raw}' does not fit the sequence; read as '{letter_at(expected)}'"))
            prev = expected
    return out


def _ocr_reading(raw: str) -> str:
    if raw in OCR_CONFUSIONS:
        return OCR_CONFUSIONS[raw]
    return "".join(OCR_CONFUSIONS.get(ch, ch) for ch in raw)


def _fits_later(written: list[str | None], i: int, expected: int) -> bool:
    """True when the letters that follow confirm the positional reading over the written one
    (so the written letter is a misreading, not a real skip)."""
    for j in range(i + 1, min(len(written), i + 4)):
        idx = index_of(written[j]) if written[j] else None
        if idx is not None:
            return idx == expected + (j - i)
    return False
