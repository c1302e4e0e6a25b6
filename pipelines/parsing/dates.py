"""Dates as resolutions print them, including the OCR damage of old scans ("3f July", "Auqust", "£964").

Only metadata contexts (date lines, adoption statements) read dates this tolerantly; clause text is not
read here.
"""

from __future__ import annotations

import re
from datetime import date

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "i": "1", "f": "1", "t": "1", "£": "1", "O": "0", "o": "0",
                             "S": "5", "B": "8"})
_D = r"[0-9lIifO£]"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
# day month year; the day and year may hold a letter OCR read for a digit
DATE = re.compile(
    WEEKDAY + r"?(?<![\w/])(?P<day>[0-9]" + _D + r"?|" + _D + r"[0-9])(?:st|nd|rd|th)?\s+"
    r"(?P<month>[A-Za-z]{3,10})\.?,?\s+"
    r"(?P<year>[12£l][0-9lIOo£]{3})(?![\w/])")
DATE_US = re.compile(WEEKDAY + r"?\b(?P<month>[A-Za-z]{3,10})\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b")
ISO_DATE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


def month_number(word: str) -> int | None:
    """A month name, or one letter off a month name of five letters or more ("Auqust", "Septembre")."""
    w = word.lower().rstrip(".")
    if w in MONTHS:
        return MONTHS[w]
    if 3 <= len(w) <= 4:  # "Jan", "Sept"
        return next((MONTHS[m] for m in MONTH_NAMES if m.startswith(w)), None)
    if len(w) < 5:
        return None
    for m in MONTH_NAMES:
        if len(m) >= 5 and abs(len(m) - len(w)) <= 1 and _one_edit(m, w):
            return MONTHS[m]
    return None


def _one_edit(a: str, b: str) -> bool:
    if a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _digits(text: str) -> int | None:
    fixed = text.translate(_OCR_DIGITS)
    return int(fixed) if fixed.isdigit() else None


def date_match(text: str, pos: int = 0, endpos: int | None = None, *, year_hint: int | None = None):
    """First readable date in text[pos:endpos]: (iso, match, year_damaged) or None. ``year_hint`` (the
    year of the document's symbol, "(1966)") replaces a year OCR damaged."""
    endpos = len(text) if endpos is None else endpos
    for pattern in (DATE, DATE_US, ISO_DATE):
        for m in pattern.finditer(text, pos, endpos):
            month = m.group("month")
            month_n = int(month) if month.isdigit() else month_number(month)
            day, year = _digits(m.group("day")), _digits(m.group("year"))
            damaged = not m.group("year").isdigit()
            if damaged and year_hint:
                year = year_hint
            # plausibility is the findings' (pipelines/findings): a mistyped year is read, then withheld there
            if pattern is ISO_DATE and year is not None and 1 <= month_n <= 12 and 1 <= day <= 31:
                # an ISO date is a date by its shape alone: one no calendar has ("0000-05-12", "2024-02-30")
                # is returned as printed, for the findings to name and withhold, never dropped as "no date"
                return _iso_or_printed(year, month_n, day, m), m, damaged
            if not (month_n and day and year) or not 1000 <= year <= 2999:
                continue
            try:
                return date(year, month_n, day).isoformat(), m, damaged
            except ValueError:
                continue
    return None


def _iso_or_printed(year: int, month: int, day: int, m) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return m.group(0)


def is_calendar_date(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True
