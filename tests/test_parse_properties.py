"""Properties of the parser on generated text: it never raises anything but UnreadableDocument,
clause spans never overlap, and every body character is in a clause or in a reported issue.

FUZZ_EXAMPLES sets the number of examples (10,000 by default in `make test`, more in `make fuzz`).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from parsing_helpers import assert_spans_disjoint, uncovered_body_chars

from pipelines.parsing import UnreadableDocument, parse_bytes
from pipelines.warehouse.quarantine import HINTS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10000"))

FRAGMENTS = [
    "The Assembly,", "The General Assembly,", "RESOLUTION 12", "DECLARATION 7*", "## ", "- ", "  - ", "**",
    "*", "\\*", "\\_", "<sup>*</sup>", "<b>", "</b>", "<p>", "</li>", "&amp;", "1.", "2,", "3)", "(a)", "a.",
    "I.", "bb.", "12", "Page 3", "– ", "to ", "Recognising", "URGES", "Urges", "Calls on", "Welcoming",
    "Strongly condemning", "in the strongest terms", "and welcoming", "while stressing", "member governments",
    "the Alliance", "2% of GDP", "EUR 40 billion", ";", ":", ",", ".", " ", " ", " ", "\n", "\n", "\n\n",
    "deter-", "Affi rming", "NATO'’s", "â€™", "Adopted by the Plenary Assembly on 1 May 2025.", "whereas",
    "having regard to", "The Assembly is deeply concerned", "5.1.", "...... 3",
]

genre_text = st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=80).map("".join)
any_text = st.one_of(genre_text, st.text(max_size=400), st.builds(lambda a, b: a + b, genre_text, st.text(max_size=60)))


def check_invariants(data: bytes, name: str) -> None:
    try:
        docs = parse_bytes(data, name)
    except UnreadableDocument as exc:
        assert exc.reason in HINTS, exc.reason  # a reason the quarantine has a hint for
        assert name in str(exc)
        return
    for doc in docs:
        text = doc.source_text  # the decoded file every span indexes, whatever the encoding was
        assert doc.clauses
        assert_spans_disjoint(doc)
        refs = [c.ref for c in doc.clauses]
        assert len(refs) == len(set(refs)), f"duplicate refs {refs}"
        for c in doc.clauses:
            assert 0 <= c.char_start <= c.char_end <= len(text)
            assert len(c.text_origin) == len(c.text)
        if "\ufffd" not in text:
            missing = uncovered_body_chars(doc, text)
            assert not missing, f"body characters in no clause and no issue: {[text[i] for i in missing[:20]]}"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(any_text, st.sampled_from(["doc.txt", "doc.md", "doc.html"]))
def test_parser_invariants_hold_on_generated_text(text, name):
    check_invariants(text.encode("utf-8", errors="surrogatepass"), name)


@settings(max_examples=max(200, EXAMPLES // 10), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=600))
@example(b"IS\x80\xc2\x80")  # cp1252-decoded: spans index that text, not a UTF-8 reading of the bytes
def test_parser_never_raises_on_arbitrary_bytes(data):
    check_invariants(data, "blob.txt")
