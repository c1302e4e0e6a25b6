"""Markdown and HTML to plain text, keeping each character's source offset and emphasised spans.

Converters emit lead verbs in bold or italics; the emphasis is kept as a list of spans because it
is the author's own marking of leads, which the lead finder trusts over grammar when present.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from pipelines.parsing.letters import roman
from pipelines.parsing.mapped import MappedBuilder, MappedText

_MD_PREFIX = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]*)")
# Every token opens with one of the characters of _MD_TRIGGER: the pattern matches that character
# first and each alternative then looks behind at it, so the regex engine skips ahead to those
# characters instead of trying every position (an alternative that opened with a look-behind would turn
# that off for the whole pattern). The tokens: an escape ("\*"), a tag, strong ("**", "__") and em
# ("*" or "_" at the edge of a word).
_MD_TOKEN = re.compile(
    r"[\\<*_](?:"
    r"(?<=\\)(?P<escape>[\\`*_{}\[\]()#+\-.!|>~])"
    r"|(?<=<)(?P<tag>/?[A-Za-z][^>\n]*>)"
    r"|(?P<strong>(?<=\*)\*|(?<=_)_)"
    r"|(?P<em>(?<=\*)(?<![\w*\\]\*)(?=[^\s*])|(?<=[^\s*\\]\*)(?![\w*])|(?<=_)(?<![\w\\]_)(?=[A-Za-z])"
    r"|(?<=[A-Za-z]_)(?!\w)))"
)
_MD_TRIGGER = re.compile(r"[\\<*_]")  # every _MD_TOKEN match starts with one of these
_MD_SNIFF = re.compile(r"^(#{1,6} |\s*[-*+] \S|.*\*\*\w)", re.M)
_HTML_SNIFF = re.compile(r"<(html|body|p|div|h[1-6]|ol|ul|li|br|table)\b[^>]*>", re.I)


def detect_format(source_file: str, text: str) -> str:
    name = source_file.lower()
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    head = text[:20000]
    if len(_HTML_SNIFF.findall(head)) >= 3:
        return "html"
    if len(_MD_SNIFF.findall(head)) >= 3:
        return "markdown"
    return "text"


def to_plain(source: str, fmt: str) -> tuple[MappedText, list[tuple[int, int]]]:
    """Return the plain text of ``source`` and the emphasised spans (offsets in the plain text)."""
    if fmt == "markdown":
        return _markdown(source)
    if fmt == "html":
        return _html(source)
    return MappedText.identity(source), []


def _markdown(source: str) -> tuple[MappedText, list[tuple[int, int]]]:
    out = MappedBuilder(source)
    emphasis: list[tuple[int, int]] = []
    if _OTHER_BREAKS.search(source) is None:
        # Only "\n" breaks lines: lines with neither a block prefix nor a markup character are copied
        # as they are, so only the lines a hint regex finds go through the per-line work.
        done = 0
        hint = _MD_LINE_HINT.search(source)
        while hint is not None:
            pos = source.rfind("\n", 0, hint.start()) + 1
            nl = source.find("\n", hint.start())
            body_end = len(source) if nl == -1 else nl
            out.copy(done, pos)
            _markdown_line(source, pos, body_end, out, emphasis)
            out.copy(body_end, body_end + 1 if nl != -1 else body_end)  # the line break itself
            done = body_end + 1 if nl != -1 else body_end
            hint = _MD_LINE_HINT.search(source, done)
        out.copy(done, len(source))
        return out.build(), _merge(emphasis)
    pos = 0
    for line in source.splitlines(keepends=True):
        body_end = pos + len(line.rstrip("\r\n"))
        _markdown_line(source, pos, body_end, out, emphasis)
        out.copy(body_end, pos + len(line))  # the line break itself
        pos += len(line)
    return out.build(), _merge(emphasis)


# Line breaks of str.splitlines other than "\n": where one occurs, lines are walked one by one.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# A line that needs work: a block prefix (_MD_PREFIX starts with optional blanks and "#" or ">") or a
# character that every _MD_TOKEN match starts with.
_MD_LINE_HINT = re.compile(r"^[ \t]*[#>]|[\\<*_]", re.M)


def _markdown_line(source: str, pos: int, body_end: int, out: MappedBuilder,
                   emphasis: list[tuple[int, int]]) -> None:
    """One line's text source[pos:body_end] (without its break): block prefix and inline marks."""
    prefix = _MD_PREFIX.match(source, pos, body_end)
    start = prefix.end() if prefix else pos
    if start > pos:
        # keep indentation width as spaces so nesting stays visible, drop the bullet itself
        out.emit(" " * (len(source[pos:start]) - len(source[pos:start].lstrip(" \t"))), pos)
    cursor = start
    open_at: dict[str, int] = {}  # emphasis never spans lines in converter output
    # most lines have no markup character at all: one C-level scan rules out the token loop
    tokens = _MD_TOKEN.finditer(source, start, body_end) if _MD_TRIGGER.search(source, start, body_end) else ()
    for m in tokens:
        out.copy(cursor, m.start())
        kind = m.lastgroup
        if kind == "escape":
            out.emit(m.group()[1], m.start() + 1)
        elif kind in ("strong", "em"):
            here = len(out)
            if kind in open_at:
                emphasis.append((open_at.pop(kind), here))
            else:
                open_at[kind] = here
        cursor = m.end()
    out.copy(cursor, body_end)


# Every alternative opens with a literal "<" or "&", so the regex engine skips ahead to those
# characters instead of trying each position. Whitespace is handled in the text between matches.
_HTML_TOKEN = re.compile(
    r"<(?P<comment>!--.*?-->)"
    r"|<(?P<skip>(?P<skipped>script|style|head)\b.*?</(?P=skipped)\s*>)"
    r"|<(?P<tag>/?(?P<name>[A-Za-z][A-Za-z0-9]*)\b[^>]*>)"
    r"|&(?P<entity>#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?",
    re.S | re.I,
)
# Whitespace in text becomes one space: a run of two or more, or one character other than the ASCII
# space (a single space stays as it is, copied with the text around it).
_HTML_WS = re.compile(r"\s(?:\s+|(?<! ))")
_BLOCK = {"p", "div", "br", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "header", "footer", "dd", "dt", "dl", "hr", "td", "body"}
_EMPH = {"b", "strong", "em", "i"}
_TYPE = re.compile(r"""type\s*=\s*["']?([aAiI1])""")


@lru_cache(maxsize=1024)
def _unescape(entity: str) -> str:
    return html.unescape(entity)


def _html(source: str) -> tuple[MappedText, list[tuple[int, int]]]:
    out = MappedBuilder(source)
    emphasis: list[tuple[int, int]] = []
    emph_open: list[int] = []
    lists: list[list] = []  # stack of [type, counter] for <ol>/<ul>
    cursor = 0

    for m in _HTML_TOKEN.finditer(source):
        start = m.start()
        if start > cursor:
            _html_text(source, cursor, start, out)
        cursor = m.end()
        kind = m.lastgroup
        if kind == "comment" or kind == "skip":
            continue
        if kind == "entity":
            out.emit(_unescape(m.group()), start)
        else:
            raw = m.group()
            name = m.group("name").lower()
            closing = raw.startswith("</")
            if name in ("ol", "ul"):
                if closing:
                    if lists:
                        lists.pop()
                else:
                    t = _TYPE.search(raw)
                    lists.append([t.group(1) if t and name == "ol" else ("1" if name == "ol" else None), 0])
            if name in _BLOCK:
                out.emit("\n\n" if name != "br" else "\n", start)
            if name == "li" and not closing and lists and lists[-1][0]:
                lists[-1][1] += 1
                out.emit(_list_marker(lists[-1][0], lists[-1][1]) + " ", start)
            if name in _EMPH:
                if closing and emph_open:
                    emphasis.append((emph_open.pop(), len(out)))
                elif not closing:
                    emph_open.append(len(out))
    if cursor < len(source):
        _html_text(source, cursor, len(source), out)
    return out.build(), _merge(emphasis)


def _html_text(source: str, start: int, end: int, out: MappedBuilder) -> None:
    """Text between markup: copied, with each whitespace run made one space at the run's start."""
    cursor = start
    for ws in _HTML_WS.finditer(source, start, end):
        out.copy(cursor, ws.start())
        out.emit(" ", ws.start())
        cursor = ws.end()
    out.copy(cursor, end)


def _list_marker(kind: str, n: int) -> str:
    if kind in "aA":
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return (letter if kind == "a" else letter.upper()) + "."
    if kind in "iI":
        return roman(n) + "." if kind == "i" else roman(n).upper() + "."
    return f"{n}."


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted((a, b) for a, b in spans if b > a)
