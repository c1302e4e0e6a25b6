"""The parser's fast paths agree with the plain code they stand in for.

Each fast path (lexicon lookups by first word, the known-words view, the bulk markdown copy, the
literal-led HTML scan, line splitting by str.split, the regex guards of the segmenter, the OCR-split
candidates' joins, the coordinated-lead pre-check) is compared with a straightforward reference on
generated input, so a later edit cannot make them drift apart unnoticed.
"""

from __future__ import annotations

import html
import os
import re
from array import array
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.lexicon import load_lexicon
from pipelines.parsing import leads, markup, metadata, segment, textclean
from pipelines.parsing.mapped import MappedBuilder

EXAMPLES = max(100, int(os.environ.get("FUZZ_EXAMPLES", "10000")) // 10)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))

LEX = load_lexicon()
LEX_WORDS = sorted({w for p in LEX.entries for w in p.split()})
words = st.lists(st.one_of(st.sampled_from(LEX_WORDS), st.from_regex(r"[a-z][a-z'\-]{0,8}", fullmatch=True)),
                 max_size=8)


@FUZZ
@given(words, st.sampled_from([None, "preambular", "operative"]), st.integers(0, 9))
def test_longest_lead_in_tokens_is_longest_lead(ws, position, start):
    assert LEX.longest_lead_in_tokens(ws, position, start) == LEX.longest_lead(ws, position, start)


@FUZZ
@given(st.lists(st.from_regex(r"[a-z]{1,6}", fullmatch=True), max_size=30), words)
def test_known_words_is_the_counter_sum(doc_words, probes):
    doc = Counter(doc_words)
    extra = {w: 2 for p in LEX.entries for w in p.split()}
    view = textclean.KnownWords(doc, extra)
    merged = doc + Counter(extra)
    for w in probes + doc_words:
        assert view.get(w, 0) == merged.get(w, 0)
        assert (w in view) == (w in merged)
    assert textclean._any_known(probes, view) == any(w in merged for w in probes)


md_text = st.lists(
    st.one_of(st.sampled_from(["# ", "## ", "> ", "  ", "\t", "**", "*", "_", "__", "\\*", "\\_", "<b>", "</b>",
                               "\n", "\n\n", "word", "Word ", " and ", "1. ", "- "]),
              st.text(alphabet="ab *_<>#\\\n", max_size=6)),
    max_size=40,
).map("".join)


@FUZZ
@given(md_text)
def test_markdown_bulk_copy_matches_line_by_line(source):
    fast = markup._markdown(source)
    original = markup._OTHER_BREAKS
    markup._OTHER_BREAKS = re.compile("")  # always "found": the line-by-line path
    try:
        slow = markup._markdown(source)
    finally:
        markup._OTHER_BREAKS = original
    assert fast[0].text == slow[0].text
    assert fast[0].origin == slow[0].origin
    assert fast[1] == slow[1]


_OLD_HTML_TOKEN = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<skip><(script|style|head)\b.*?</\3\s*>)"
    r"|(?P<tag></?([A-Za-z][A-Za-z0-9]*)\b[^>]*>)"
    r"|(?P<entity>&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?)"
    r"|(?P<ws>\s+)",
    re.S | re.I,
)


def _reference_html(source: str):
    """The HTML converter as first written: one regex for markup and whitespace, one token at a time."""
    parts, origin, emphasis, emph_open, lists = [], array("i"), [], [], []

    def emit(text, at):
        parts.append(text)
        origin.extend([at] * len(text))

    def copy(a, b):
        parts.append(source[a:b])
        origin.extend(range(a, b))

    cursor = 0
    for m in _OLD_HTML_TOKEN.finditer(source):
        if m.start() > cursor:
            copy(cursor, m.start())
        cursor = m.end()
        kind = m.lastgroup
        if kind in ("comment", "skip"):
            continue
        if kind == "ws":
            emit(" ", m.start())
        elif kind == "entity":
            emit(html.unescape(m.group()), m.start())
        else:
            raw, name = m.group(), m.group(5).lower()
            closing = raw.startswith("</")
            if name in ("ol", "ul"):
                if closing:
                    if lists:
                        lists.pop()
                else:
                    t = markup._TYPE.search(raw)
                    lists.append([t.group(1) if t and name == "ol" else ("1" if name == "ol" else None), 0])
            if name in markup._BLOCK:
                emit("\n\n" if name != "br" else "\n", m.start())
            if name == "li" and not closing and lists and lists[-1][0]:
                lists[-1][1] += 1
                emit(markup._list_marker(lists[-1][0], lists[-1][1]) + " ", m.start())
            if name in markup._EMPH:
                if closing and emph_open:
                    emphasis.append((emph_open.pop(), len(origin)))
                elif not closing:
                    emph_open.append(len(origin))
    if cursor < len(source):
        copy(cursor, len(source))
    return "".join(parts), origin, markup._merge(emphasis)


html_text = st.lists(
    st.one_of(st.sampled_from(["<p>", "</p>", "<b>", "</b>", "<ol type=a>", "<ol>", "</ol>", "<li>", "<br/>",
                               "<!-- x -->", "<script>x</script>", "&amp;", "&nbsp;", "&#8217;", "&bogus",
                               " ", "  ", "\n", "\t", "\xa0", " \n ", "word", "<", "&", ">"]),
              st.text(alphabet="ab <>&;#\n\t/", max_size=6)),
    max_size=40,
).map("".join)


@FUZZ
@given(html_text)
def test_html_scan_matches_the_single_regex_converter(source):
    plain, emphasis = markup._html(source)
    text, origin, ref_emphasis = _reference_html(source)
    assert plain.text == text
    assert plain.origin == origin
    assert emphasis == ref_emphasis


def _reference_split_lines(text, start, end):
    out, pos = [], start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        raw = text[pos:stop]
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        else:
            out.append(None)
        pos = stop + 1
    return out


@FUZZ
@given(st.text(alphabet="ab \n\t\xa0", max_size=40), st.data())
def test_split_lines_matches_the_find_loop(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    got = [None if x is None else (x.start, x.end, x.text) for x in segment.split_lines(text, start, end)]
    assert got == _reference_split_lines(text, start, end)


def test_builder_merges_adjacent_copies_without_changing_the_result():
    source = "abcdefgh"
    out = MappedBuilder(source)
    out.copy(0, 2)
    out.copy(2, 4)
    assert len(out) == 4
    out.emit("XY", 4)
    out.copy(5, 8)
    built = out.build()
    assert built.text == "abcdXYfgh"
    assert list(built.origin) == [0, 1, 2, 3, 4, 4, 5, 6, 7]


line_text = st.lists(
    st.one_of(st.sampled_from(["; ", ": ", ", ", ". ", "  ", "2. ", "12) ", "(a) ", "b) ", "- ", "to ", "The ",
                               "Assembly", "Council", "Parliament", "Conference", "Committee", "General ",
                               "Welcoming ", "Noting the ", "Having heard ", "Also ", "URGES ", "the ", "35",
                               "Rev. 1.", "pla y ", "in to ", "Secretary-General to ", "“Affi rming", "é", "3rd of "]),
              st.text(alphabet="aAbT1 .,;:()-", max_size=5)),
    min_size=1, max_size=30,
).map("".join)


@FUZZ
@given(line_text)
def test_end_of_sentence_matches_the_unguarded_search(s):
    if not s:
        return
    m = segment._TRAILING_NOTE_REF.search(s)
    assert segment._end_of_sentence(s) == (m.group(1) if m else s[-1])


@FUZZ
@given(line_text)
def test_punctuation_break_stands_in_for_inline_break_without_a_body_name(s):
    # explode_inline reads only the match ends, and takes _PUNCT_BREAK where no body name with its comma is
    if "The" in s and any(name in s for name in segment._BODY_WITH_COMMA):
        return
    assert [m.end() for m in segment._PUNCT_BREAK.finditer(s)] == [m.end() for m in segment.INLINE_BREAK.finditer(s)]
    assert segment._ASSEMBLY_MID_LINE.search(s) is None


@FUZZ
@given(line_text)
def test_opens_like_clause_matches_the_four_patterns(s):
    s = s.strip()
    if not s:
        return
    expected = any(p.match(s) for p in (segment.NUMBER, segment.LETTER, segment.TO_VERB, segment.BULLET))
    assert segment._opens_like_clause(s) == expected


@FUZZ
@given(line_text)
def test_split_joins_are_the_candidates_joined(s):
    expected = ["".join(pair).lower() for pair in textclean._SPLIT_CANDIDATE.findall(s)]
    assert textclean._joins(s) == expected


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(sorted(leads._tables(LEX).ing_starters)), st.sampled_from(LEX_WORDS),
                          st.text(alphabet="aingNG -'’,", max_size=6)), max_size=12).map(" ".join))
def test_starter_hint_finds_every_starter_token(text):
    has_starter = not leads._tables(LEX).ing_starters.isdisjoint(w.lower() for w in leads.TOKEN.findall(text))
    if has_starter:
        assert leads._tables(LEX).starter_hint.search(text.lower())


@FUZZ
@given(st.lists(st.sampled_from(["exceed", "-", "- ", "\n", " \n", "\t", "ing", "’s", "'", "a", " ", "é", "9", "--"]),
                max_size=30).map("".join))
def test_line_break_pieces_dropped_as_the_regex_does(lowered):
    assert textclean._drop_line_break_pieces(lowered) == textclean._LINE_BREAK_PIECES.sub(" ", lowered)


@FUZZ
@given(st.text(alphabet="aB -'’,.é1", max_size=30), st.data())
def test_token_scan_from_a_point_no_token_straddles(text, data):
    offset = data.draw(st.integers(0, len(text)))
    if offset > 0 and text[offset - 1] in leads._TOKEN_CHARS and text[offset:offset + 1] in leads._TOKEN_CHARS:
        return
    from_offset = [(t.start(), t.end()) for t in leads.TOKEN.finditer(text, offset)]
    assert from_offset == [(t.start(), t.end()) for t in leads.TOKEN.finditer(text) if t.start() >= offset]


@FUZZ
@given(st.lists(st.sampled_from(["The ", "  ", "Security ", "Council", ",", "General Assembly", "of Europe",
                                 "Adopted", "Approved", "Text adopted", "* ", "12 ", "[3] ", "¹", "by ", "x"]),
                max_size=12).map("".join))
def test_line_guards_keep_the_metadata_patterns(line):
    assert metadata.is_opening_formula(line) == (bool(metadata.OPENING_FORMULA.match(line)) and len(line) < 120)
    assert metadata.is_footnote(line) == bool(metadata.FOOTNOTE.match(line))


@FUZZ
@given(st.lists(st.sampled_from(["12 ", "3", "See ", "page ", "Page ", "- ", "—", "*2519446*", "15-12345 (E)", "of 4",
                                 "/", "* * *", "_", "x", "A", " ", "(E)", "ٳ", "²", "(", ")", ".", "1.2 "]),
                min_size=1, max_size=8)
       .map("".join).map(str.strip).filter(bool))
def test_segmenter_first_character_guards(s):
    first = s[0]
    if segment.NOTE_LINE.match(s) or segment.LONE_NUMBER.match(s) or segment.SUB_NUMBER.match(s):
        assert first.isdigit()
    guarded, plain = segment._number_at(s), segment.NUMBER.match(s)
    assert (guarded and guarded.span()) == (plain and plain.span())
    if segment.JOB_NUMBER.match(s):
        assert first.isdigit() or first == "*"
    if segment.PAGE_NUMBER.match(s):
        assert first.isdigit() or first in "pP-–—" or first.isspace()
    if segment.SEPARATOR.match(s):
        assert not first.isalnum()
