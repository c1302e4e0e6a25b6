"""Document metadata of the genre, each value with its span in the source.

Reads the header block (masthead, symbol, heading, title, adoption statement), the adoption notes of
the body (footnotes, "Adopted at the 42nd meeting", "51st plenary meeting"), the opening formula and
YAML front matter. What the text prints wins over front matter (a front matter ``date:`` is often the
distribution date, its ``title:`` a catalogue title); front matter fills what the text does not print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.parsing import bodies, headlines
from pipelines.parsing.dates import date_match
from pipelines.parsing.frontmatter import FrontMatter, read_front_matter
from pipelines.parsing.headlines import Para
from pipelines.parsing.metadata import parse_adoption
from pipelines.parsing.model import MetaValue

# an adoption statement begins its line: "Adopted by ...", "Resolution adopted by ...", "Text adopted by
# the Assembly on ...", "Assembly debate on ... Text adopted ...", "* Adopted ..." (after a note mark)
ADOPTION_START = re.compile(
    r"^\W{0,4}(?:\d{1,2}[.)]?\s+)?(?:(?:(?:Resolution|Declaration|Decision|Recommendation|Text|Opinion)s?\s+)?"
    r"(?:was\s+)?(?i:adopted|approved)\b|Assembly\s+debate\b)")
ADOPTED_ON = re.compile(r"(?i:adopted|approved)\b[^;]{0,240}?\bon\s+", re.S)
MEETING = re.compile(
    r"\b(?P<meeting>(?P<n>\d{1,5})\s*(?P<sfx>st|nd|rd|th|lst|d)?\.?[\s_]+(?P<kind>plenary\s+)?"
    r"(?P<what>meet(?:-\s*)?ing|sitting))\b", re.I)
MEETING_LINE = re.compile(r"^\W*\d{1,5}\s*(?:st|nd|rd|th)\s+(?:plenary\s+)?(?:meeting|sitting)\W*$", re.I)
SESSION = re.compile(r"\bat\s+(?:its|the)\s+(?P<session>(?:[A-Z0-9][\w\-]*\s+)*[Ss]ession)\b")
MASTHEAD_SESSION = re.compile(
    r"^\W*(?P<session>[A-Z][a-z]+(?:-[a-z]+)?\s+(?:special\s+|emergency\s+special\s+)?session)\b")
PLACE_AFTER_SESSION = re.compile(r"\b[Ss]ession,\s+(?P<place>[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*),\s+\d")
PLACE_AFTER_DATE = re.compile(r"\d{4}\s+[-–—]\s+(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s*$", re.M)
DRAFT = re.compile(
    r"\bdraft\b(?:\s+[\w\-]+){0,3}?\s+(?:resolution|declaration|decision|recommendation|text|opinion)s?\b"
    r"|\b(?:resolution|declaration|recommendation|decision)\s*\(draft\)|^\W*draft\W*$"
    r"|\bmotion\s+for\s+(?:a\s+)?resolution\b|\bB\d{1,2}-\d{4}/\d{4}\b", re.I | re.M)
PRINTED_SYMBOL = re.compile(
    r"\b(?:S/RES/\d{1,5}\s*\(\d{4}\)|A/RES/(?:ES-\d{1,2}/|S-\d{1,2}/)?\d{1,3}/\d{1,4}(?:\s?[A-Z]\b)?"
    r"|A/RES/\d{1,4}\s*\([IVXLC]+\)|A/HRC/RES/\d{1,3}/\d{1,4}|E/RES/\d{4}/\d{1,4}"
    r"|P\d{1,2}_TA(?:-PROV)?\(\d{4}\)\d{4}|A/(?:ES-\d{1,2}/)?\d{1,3}/L\.\d{1,4}(?:/Rev\.\d)?)")
# a speaker line between preamble and operative part: "The OSCE Parliamentary Assembly:"
SPEAKER_LINE = re.compile(r"^\W*(?:Therefore\s+)?[Tt]he\s+.{3,70}[,:]\s*$")
SYMBOL_PARTS = re.compile(r"^(?:S/RES/(?P<sc>\d+)|A/RES/(?:(?:ES|S)-\d+/)?(?P<ga>\d+/\d+|\d+)"
                          r"|A/HRC/RES/(?P<hrc>\d+/\d+)"
                          r"|E/RES/(?P<eco>\d+/\d+))")


@dataclass
class Found:
    """The first value found for each field wins: callers ask the strongest evidence first."""
    plain: object
    values: dict[str, MetaValue] = field(default_factory=dict)

    def put(self, name: str, value, start: int, end: int, *, source_span: bool = False) -> None:
        if value is None or value == "" or name in self.values:
            return
        s, e = (start, end) if source_span else self.plain.source_span(start, end)
        self.values[name] = MetaValue(name, value if isinstance(value, str) else str(value), s, e)

    def get(self, name: str) -> str | None:
        v = self.values.get(name)
        return v.value if v else None


def extract(source: str, plain, header: list, body: list, *, formula: str | None = None,
            note_starts: frozenset[int] = frozenset()) -> dict:
    """Metadata fields of one document and ``sources``: a MetaValue (field, value, span) for each."""
    fm = read_front_matter(source)
    head = [ln if ln is None or fm is None or plain.source_span(ln.start, ln.end)[0] >= fm.end else None
            for ln in header]
    paras = headlines.paragraphs(plain.text, head)
    notes = _adoption_notes(plain.text, body, plain, note_starts)
    found = Found(plain)
    heading = headlines.read_heading(plain.text, paras)

    # -- issuing body --------------------------------------------------------------------------------------
    formula_line = next((ln for ln in body if ln is not None), None) if formula else None
    if formula_line is not None:
        named = bodies.body_named(formula_line.text)
        if named:
            found.put("issuing_body", named[0], formula_line.start + named[1], formula_line.start + named[2])
    for ln in (x for x in body[1 if formula_line is not None else 0:200] if x is not None):
        # a speaker line between preamble and operative part ("The OSCE Parliamentary Assembly:")
        if len(ln.text) < 100 and SPEAKER_LINE.match(ln.text):
            named = bodies.body_named(ln.text)
            if named:
                found.put("issuing_body", named[0], ln.start + named[1], ln.start + named[2])
                break
    for statement in [p for p in paras if p.is_adoption] + notes:
        by = re.search(r"(?i:adopted|approved)\s+by\s+(?:the\s+)?(.{0,90})", statement.text)
        named = bodies.body_named(by.group(1)) if by else None
        if named:
            at = statement.start + by.start(1)
            found.put("issuing_body", named[0], at + named[1], at + named[2])

    # -- symbol and number ---------------------------------------------------------------------------------
    year_hint = int(heading.year) if heading and heading.year and heading.year.isdigit() else None
    for p in paras:
        if p.is_title_of(heading) or p.kind == "bracketed":
            continue
        m = PRINTED_SYMBOL.search(p.text)
        if m:
            found.put("symbol", re.sub(r"\s+", " ", m.group()), p.start + m.start(), p.start + m.end())
            break
    fm_symbol = fm.get("symbol") if fm else None
    if "symbol" not in found.values and fm_symbol and PRINTED_SYMBOL.fullmatch(fm_symbol[0].strip()):
        found.put("symbol", fm_symbol[0].strip(), fm_symbol[1], fm_symbol[2], source_span=True)
    symbol = found.get("symbol")
    if symbol:
        sym = found.values["symbol"]
        found.put("issuing_body", bodies.body_of_symbol(symbol), sym.char_start, sym.char_end, source_span=True)
    for p in paras:
        if p.is_title_of(heading):
            continue
        named = bodies.body_named(p.text)
        if named:
            found.put("issuing_body", named[0], p.start + named[1], p.start + named[2])
            break
    if fm is not None:
        for key in ("body", "issuing_body", "organ", "author", "publisher", "title"):
            item = fm.get(key)
            named = bodies.body_named(item[0]) if item else None
            if named and key != "title":
                found.put("issuing_body", named[0], item[1] + named[1], item[1] + named[2], source_span=True)
    if heading and heading.kind == "un_session":
        found.put("issuing_body", bodies.UNGA, heading.num_start, heading.num_end)
    if "issuing_body" not in found.values:
        _body_by_mentions(found, plain.text, formula_line, body)
    if "issuing_body" not in found.values and heading and heading.year and heading.year.isdigit():
        # "Resolution 462 (1980)" and "Adopted at the 2190th meeting by 12 votes to 2": the Council's
        # record form (the General Assembly's notes say "plenary meeting", other assemblies "sitting")
        vote = next((n for n in notes if re.match(r"\W*Adopted\s+(?:unanimously\s+)?at\s+the\s+(?:resumed\s+)?\d+\s*"
                                                   r"(?:st|nd|rd|th)\s+meeting\b", n.text)), None)
        if vote is not None:
            found.put("issuing_body", bodies.UNSC, vote.start, vote.end)
    issuing_body = found.get("issuing_body")

    # -- adoption date, meeting, session, place, adopted_by -------------------------------------------------
    statements = [p for p in paras if p.is_adoption] + notes
    hits = []
    for st in statements:
        on = ADOPTED_ON.search(st.text)
        hit = date_match(st.text, on.end(), min(len(st.text), on.end() + 40), year_hint=year_hint) if on else None
        hits.append((st, hit or date_match(st.text, year_hint=year_hint)))
    hits += [(p, date_match(p.text, p.date_line, year_hint=year_hint)) for p in paras if p.date_line is not None]
    adoption_year_damaged = False
    for unit, hit in hits:
        if hit and "adopted_on" not in found.values:
            found.put("adopted_on", hit[0], unit.start + hit[1].start(), unit.start + hit[1].end())
            adoption_year_damaged = hit[2]
    if fm is not None and fm.get("date"):
        value, s, e = fm.get("date")
        hit = date_match(value)
        if hit:
            found.put("adopted_on", hit[0], s + hit[1].start(), s + hit[1].end(), source_span=True)
    for st in statements:
        m = MEETING.search(st.text)
        if m:
            found.put("meeting", _meeting(m), st.start + m.start(), st.start + m.end())
        adoption = parse_adoption(re.sub(r"\s+", " ", st.text))
        for key in ("adopted_by", "session", "place"):
            if adoption.get(key):
                at = st.text.find(adoption[key].split(" ")[0])
                span = (st.start + at, st.start + at + len(adoption[key])) if at >= 0 else (st.start, st.end)
                found.put(key, adoption[key], *span)
        m = SESSION.search(st.text) or PLACE_AFTER_SESSION.search(st.text)
        if m and "session" in m.groupdict():
            found.put("session", re.sub(r"\s+", " ", m.group("session")), st.start + m.start(1), st.start + m.end(1))
        m = PLACE_AFTER_SESSION.search(st.text)
        if m:
            found.put("place", m.group("place"), st.start + m.start("place"), st.start + m.end("place"))
    for ln in (x for x in body if x is not None):
        if MEETING_LINE.match(ln.text):
            m = MEETING.search(ln.text)
            found.put("meeting", _meeting(m), ln.start + m.start(), ln.start + m.end())
    for p in paras:
        m = MASTHEAD_SESSION.match(p.text)
        if m and not p.is_adoption:
            found.put("session", m.group("session"), p.start + m.start("session"), p.start + m.end("session"))
        m = PLACE_AFTER_DATE.search(p.text) if p.date_line is not None or p.kind == "noise" else None
        if m:
            found.put("place", m.group("place"), p.start + m.start("place"), p.start + m.end("place"))

    # -- heading: type, number, symbol derived from the citation form, title --------------------------------
    if heading:
        found.put("doc_type", heading.doc_type, heading.type_start, heading.type_end)
        if heading.number:
            found.put("number_as_printed", heading.number, heading.num_start, heading.num_end)
    if symbol and "number_as_printed" not in found.values:
        parts = SYMBOL_PARTS.match(symbol)
        sym = found.values["symbol"]
        number = next((g for g in parts.groups() if g), None) if parts else None
        found.put("number_as_printed", number, sym.char_start, sym.char_end, source_span=True)
    if "symbol" not in found.values and heading and heading.number:
        # a Security Council symbol carries the year of adoption: a date read whole outranks the
        # heading's "(1973)" when OCR damaged one of them
        adopted = found.values.get("adopted_on")
        year = (adopted.value[:4] if adopted and not adoption_year_damaged else None) or heading.year \
            or (adopted.value[:4] if adopted else None)
        derived = _citation_symbol(issuing_body, heading.number, year)
        found.put("symbol", derived, heading.num_start, heading.year_end or heading.num_end)
    for st in statements:
        m = re.match(r"\W*(Resolution|Declaration|Decision|Recommendation|Opinion)s?\s+adopted", st.text)
        if m:
            found.put("doc_type", m.group(1).lower(), st.start + m.start(1), st.start + m.end(1))
    title = headlines.title(plain.text, paras, heading)
    fm_title = fm.get("title") if fm else None
    if title:
        text, start, end = title
        completed = headlines.complete_title(text, fm_title[0]) if fm_title else None
        completed = completed or headlines.complete_from_agenda(text, paras)
        found.put("title", completed or text, start, end)
    elif fm_title:
        found.put("title", headlines.clean_catalogue_title(fm_title[0]), fm_title[1], fm_title[2], source_span=True)

    # -- draft or adopted ------------------------------------------------------------------------------------
    draft = next(((p, m) for p in paras if not p.is_adoption and p.kind != "bracketed"
                  for m in [DRAFT.search(p.text)] if m), None)
    adopted = next((st for st in statements if re.search(r"(?i:adopted|approved)", st.text)), None)
    if adopted is not None:
        found.put("is_draft", "false", adopted.start, adopted.end)
    elif draft is not None:
        p, m = draft
        found.put("is_draft", "true", p.start + m.start(), p.start + m.end())
        kind = re.search(r"resolution|declaration|decision|recommendation|opinion", m.group(), re.I)
        if kind:
            at = p.start + m.start()
            found.put("doc_type", kind.group().lower(), at + kind.start(), at + kind.end())

    out = {k: v.value for k, v in found.values.items()}
    number = out.get("number_as_printed")
    out["number"] = int(re.findall(r"\d+", number)[-1]) if number and re.search(r"\d", number) else None
    out["is_draft"] = out.get("is_draft") == "true"
    sources = list(found.values.values())
    if "number_as_printed" in found.values and out["number"] is not None:
        nv = found.values["number_as_printed"]
        sources.append(MetaValue("number", str(out["number"]), nv.char_start, nv.char_end))
    out["sources"] = sorted(sources, key=lambda v: (v.char_start, v.field))
    return out


def _meeting(m: re.Match) -> str:
    sfx = (m.group("sfx") or "").lower().replace("lst", "st")
    n = m.group("n")
    if not sfx or sfx == "d":
        sfx = {"1": "st", "2": "nd", "3": "rd"}.get(n[-1], "th") if not n.endswith(("11", "12", "13")) else "th"
    what = "sitting" if m.group("what").lower().startswith("sit") else "meeting"
    return f"{n}{sfx} {'plenary ' if m.group('kind') else ''}{what}"


def _citation_symbol(body: str | None, number: str, year: str | None) -> str | None:
    """The body's citation form of a number printed without its symbol: "34 (1947)" -> "S/RES/34 (1947)"."""
    if body == bodies.UNSC and number.isdigit():
        return f"S/RES/{number} ({year})" if year and year.isdigit() else f"S/RES/{number}"
    if body == bodies.UNGA:
        if "/" in number:
            return f"A/RES/{number}"
        if year and not year.isdigit():
            return f"A/RES/{number} ({year})"
    return None


def _adoption_notes(text: str, body: list, plain, note_starts: frozenset[int]) -> list[Para]:
    """Adoption statements in the body: lines that begin one (footnotes, end lines), with the lines that
    continue them up to the next blank line."""
    out = []
    lines = body
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln is not None and ADOPTION_START.match(ln.text):
            j = i
            while j + 1 < len(lines) and lines[j + 1] is not None and j - i < 4 \
                    and not ADOPTION_START.match(lines[j + 1].text) \
                    and not re.match(r"^\W*\d{1,3}[.)]\s", lines[j + 1].text):
                j += 1
            out.append(Para(ln.start, lines[j].end, text[ln.start:lines[j].end], [ln], kind="adoption"))
            i = j + 1
            continue
        i += 1
    return out


def _body_by_mentions(found: Found, text: str, formula_line, body: list) -> None:
    """A bare "The Assembly," (NATO PA, PACE and OSCE PA all open so): the organisation the text
    speaks of. Only for texts whose speaker is an assembly; a text with no speaker stays unknown."""
    speaker = formula_line if formula_line is not None and bodies.BARE_ASSEMBLY.match(formula_line.text) else None
    if speaker is None:
        speaker = next((ln for ln in body[:40] if ln is not None
                        and re.match(r"^\W*(?:\d{1,3}[.)]\s*)?The\s+(?:Parliamentary\s+)?Assembly\b", ln.text)), None)
    if speaker is None:
        return
    name = bodies.body_by_mentions(text)
    if name:
        found.put("issuing_body", name, speaker.start, speaker.end)


def front_matter_end(source: str) -> int:
    fm: FrontMatter | None = read_front_matter(source)
    return fm.end if fm else 0
