"""Pure formatting helpers: document text shown as Markdown safely, option labels for the fact pickers.

Clause text is data, never markup: every character Markdown (or Streamlit's LaTeX and HTML support)
would interpret is escaped before a span of it is emphasised.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|$<>~:=^&])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def highlight(text: str, start: int | None = None, end: int | None = None) -> str:
    """``text`` as escaped Markdown with ``text[start:end]`` in bold (no bold when the span is unusable)."""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return escape_markdown(text)
    return (
        escape_markdown(text[:start])
        + "**"
        + escape_markdown(text[start:end])
        + "**"
        + escape_markdown(text[end:])
    )


def highlight_phrase(text: str, phrase: str | None) -> str:
    """Bold the first occurrence of ``phrase`` (case-insensitive) in ``text``."""
    if not phrase:
        return escape_markdown(text)
    at = text.lower().find(phrase.lower())
    return highlight(text, at, at + len(phrase)) if at >= 0 else escape_markdown(text)


def shorten(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def fact_option(ref: str, text: str | None, extra: str | None = None) -> str:
    """Label of a fact in a picker: "26.d · well beyond 2% of GDP · to meet ..."."""
    parts = [ref]
    if extra:
        parts.append(extra)
    parts.append(shorten(text, 80))
    return " · ".join(parts)


# --- numbers as a person writes them ------------------------------------------------------------------

_SCALES = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def number(value: float | int) -> str:
    """700 -> "700", 1234567 -> "1,234,567", 1.25 -> "1.25", 2.0 -> "2" (at most three decimals)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _amount(value: float) -> str:
    for size, word in _SCALES:
        if abs(value) >= size:
            return f"{number(round(value / size, 3))} {word}"
    return number(value)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")
    return f"{n:,}{suffix}"


def _plural(noun: str, value: float) -> str:
    return noun if value == 1 or noun.endswith("s") else noun + "s"


def figure(kind: str | None, value: float | None, unit: str | None, value_high: float | None = None) -> str:
    """A target's value as a person writes it: "USD 700 billion", "2% of GDP", "2024", "1991–2000",
    "76 years", "33rd member"; "" when the target has no number (a deadline has a date)."""
    if value is None:
        return ""
    unit = unit or ""
    if unit == "year" and kind in ("year", "range"):
        # a year is a name, not a quantity: never "2,024"
        return f"{int(value)}" + (f"–{int(value_high)}" if value_high is not None else "")
    high = f"–{number(value_high)}" if value_high is not None else ""
    if len(unit) == 3 and unit.isalpha() and unit.isupper():  # an ISO currency code
        return f"{unit} {_amount(value)}" + (f"–{_amount(value_high)}" if value_high is not None else "")
    if unit in ("percent_of_gdp", "percent_of_gni"):
        return f"{number(value)}{high}% of {unit[-3:].upper()}"
    if unit == "percent" or kind in ("percent_change", "percentage"):
        sign = "+" if kind == "percent_change" and value > 0 else ""
        return f"{sign}{number(value)}{high}%"
    if kind == "ordinal" and float(value).is_integer():
        return f"{_ordinal(int(value))} {unit}".strip()
    if not unit:
        return number(value) + high
    return f"{number(value)}{high} {_plural(unit, value_high if value_high is not None else value)}"
