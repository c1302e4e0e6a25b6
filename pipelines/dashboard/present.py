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
