"""The header block of a document, line by line: masthead furniture, site chrome, the heading with the
document's number ("RESOLUTION 494", "Resolution 204 (1965)", "6 (1946).", "80/10. Title"), date lines
("of 19 May 1965", "Resolution of 17 May 1946"), adoption statements and the title lines.

Offsets are in the plain text; ``docmeta`` maps them to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipelines.parsing import bodies
from pipelines.parsing.dates import DATE, date_match

TYPES = r"(?P<type>resolution|declaration|recommendation|decision|opinion)s?"
DRAFTISH = r"(?:(?:draft|revised|final|provisional)\s+)*"
MARKS = r"\\?[*†‡¹²³⁴⁵⁶⁷⁸⁹]*"
UN_SESSION = re.compile(r"^\W*(?P<num>(?P<sess>\d{1,3})/(?P<n>\d{1,4}))\s*\.\s+(?P<rest>\S.*)$")
OLD_UN = re.compile(r"^\W*(?P<num>\d{1,4})\s*\((?P<year>\d{4}|[IVXLC]{1,6})\)\s*\.\s*(?P<rest>.*)$")
TYPED = re.compile(
    r"^\W*" + DRAFTISH + TYPES + r"\s*(?:no\.?|n\.|n[°º]|number|nr\.?)?\s*(?P<num>\d{1,5}(?:/\d{1,5})?)\b"
    r"(?:\s*\((?P<year>\d{4}|[IVXLC]{1,6})\))?\s*" + MARKS + r"(?P<rest>.*)$", re.I)
TYPED_BARE = re.compile(r"^\W*" + DRAFTISH + TYPES + r"(?:\s+on)?\W*$", re.I)
# "Bucharest, 29 June to 3 July 2024": where and when a session adopted the text
PLACE_DATE = re.compile(r"^\W*(?P<place>[A-Z][\w\-]+(?:[ \-][A-Z][\w\-]+){0,3}),\s+(?=.*\d{4}\W*$)")
COMMITTEE = re.compile(r"^\W*(?:[A-Z][\w\-]*\s+){0,5}(?:committee|commission|sub-?committee)\W*$", re.I)
TYPED_ON = re.compile(r"^\W*" + DRAFTISH + TYPES + r"\s+on\s+(?P<rest>\S.*)$", re.I)
DATED = re.compile(
    r"^\W*(?:(?:the\s+)?(?:European\s+Parliament|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,4})\s+)?"
    r"(?:(?:legislative|non-legislative)\s+)?" + TYPES + r"\s+of\s+", re.I)
ON_SUBJECT = re.compile(r"\s*(?:on|concerning|with\s+recommendations\s+to\s+the\s+Commission\s+on)\s+(?=\S)", re.I)
PROCEDURE = re.compile(r"\s*\(\d{4}/\d{4}\s*\([A-Z]{3}\)\)\s*\.?\s*$")
DATE_LINE = re.compile(
    r"^\W*(?:" + TYPES + r"\s+)?(?:of|on|ef|dated|adopted\s+on)\b\s*", re.I)
ADOPTION = re.compile(
    r"^\W{0,4}(?:\d{1,2}\s+)?(?:(?:(?:resolution|declaration|decision|recommendation|text|opinion)s?\s+)?"
    r"(?:was\s+)?(?:adopted|approved)\b|Assembly\s+debate\b)", re.I)
NOISE = re.compile(
    r"^\W*(?:distr\b|agenda\s+item|original\s*:|united\s+nations\s*$|page\s+\d|item\s+\d|"
    r"(?:\w+-)?\w+\s+(?:special\s+)?session\b|presented\s+by\b|submitted\s+by\b|rapporteur|co-rapporteur|"
    r"provisional\s+version|author\(?s?\)?\s*:|origin\s*[-–:]|reference\s*[-–:]|see\s+doc\b|"
    r"texts?\s+adopted\s*$|www\.|https?://|you\s+are\s+here|skip\s+to|cookies?\b|©|copyright\b|"
    r"all\s+rights\s+reserved|print\s*$|share\s*$|menu\s*$|search\s*$|home\s*$|log\s*in\s*$|sign\s+in\s*$|"
    r"contact(?:\s+us)?\s*$|about(?:\s+us)?\s*$|sitemap\s*$|site\s+map\s*$|back\s+to\b|"
    r"(?:english|français|francais|deutsch|español|en|fr|de|es)\s*$|follow\s+us|subscribe\b|newsletter\b)", re.I)
MASTHEAD_WORDS = re.compile(
    r"\b(?:united\s+nations|nations\s+unies|distr\.?|general|limited|restricted|original|english|french|"
    r"security\s+council|general\s+assembly|parliamentary\s+assembly|assembl[ée]e\s+parlementaire|"
    r"council\s+of\s+europe|conseil\s+de\s+l.europe|european\s+parliament|nato|otan|osce|"
    r"plenary\s+sitting|plenary\s+session|session|sitting|texts?\s+adopted|[A-Z])\b", re.I)
BREADCRUMB = re.compile(r"\s(?:>|»|›|\||/|::)\s")
WORD = re.compile(r"[^\W\d_][\w’'\-]*")


@dataclass
class Para:
    """A header unit: one line, or an adoption statement with the lines that continue it."""
    start: int
    end: int
    text: str
    lines: list = field(default_factory=list)
    kind: str = "candidate"  # candidate | heading | adoption | date | noise | bracketed | chrome
    date_line: int | None = None  # offset in ``text`` of a date line's date
    index: int = 0  # position among the header's units; blank lines count one each
    blank_before: bool = False

    @property
    def is_adoption(self) -> bool:
        return self.kind == "adoption"

    def is_title_of(self, heading: Heading | None) -> bool:
        return heading is not None and heading.title is not None and self.start <= heading.title[1] < self.end \
            and self.kind == "candidate"


@dataclass
class Heading:
    kind: str  # un_session | old_un | typed | typed_on | dated
    unit: int
    doc_type: str | None = None
    type_start: int = 0
    type_end: int = 0
    number: str | None = None
    num_start: int = 0
    num_end: int = 0
    year: str | None = None
    year_end: int | None = None
    title: tuple[str, int, int] | None = None  # on the heading's own line(s)


def paragraphs(text: str, header: list) -> list[Para]:
    """Classify the header's lines (None = blank) into units."""
    units: list[Para] = []
    i, index, blank = 0, 0, False
    while i < len(header):
        ln = header[i]
        if ln is None:
            i, index, blank = i + 1, index + 1, True
            continue
        t = ln.text.strip().strip("#").strip()
        if ADOPTION.match(t):
            j = i
            while j + 1 < len(header) and header[j + 1] is not None and j - i < 3:
                j += 1
            units.append(Para(ln.start, header[j].end, text[ln.start:header[j].end], header[i:j + 1], "adoption",
                              index=index, blank_before=blank))
            index += j - i + 1
            i, blank = j + 1, False
            continue
        units.append(_classify(text, ln, index, blank))
        i, index, blank = i + 1, index + 1, False
    _mark_menus(units)
    return units


def _classify(text: str, ln, index: int, blank: bool) -> Para:
    p = Para(ln.start, ln.end, text[ln.start:ln.end], [ln], index=index, blank_before=blank)
    t = p.text.strip()
    dl = _date_line(t)
    if dl is not None:
        p.kind, p.date_line = "date", p.text.find(t) + dl
    elif re.fullmatch(r"\W*[\[(].*[\])]\W*", t):
        p.kind = "bracketed"
    elif PLACE_DATE.match(t) and _last_date(t) is not None:
        p.kind, p.date_line = "date", p.text.find(t) + _last_date(t)
    elif NOISE.match(t) or COMMITTEE.match(t) or (
            BREADCRUMB.search(t) and all(len(x.split()) <= 5 for x in BREADCRUMB.split(t))):
        p.kind = "noise"
    elif _is_code_or_masthead(t):
        p.kind = "noise"
    return p


def _date_line(t: str) -> int | None:
    """Offset of the date in a line that is only a date statement ("of 19 May 1965", "Resolution of 17
    May 1946 21", "on 6 October 1992"), or None."""
    m = DATE_LINE.match(t)
    if not m:
        return None
    hit = date_match(t, m.end(), min(len(t), m.end() + 40))
    if hit is None or hit[1].start() > m.end() + 2:
        return None
    tail = t[hit[1].end():]
    if re.fullmatch(r"\W*(?:\d{1,3}|[*†‡]+)?\W*|\s*[-–—]\s*[A-Z][a-z]+\W*", tail):
        return hit[1].start()
    return None


def _last_date(t: str) -> int | None:
    """Offset of the last date of a place-and-dates line (a session's last day adopts its texts)."""
    found, pos = None, 0
    while True:
        hit = date_match(t, pos)
        if hit is None:
            return found
        tail = t[hit[1].end():]
        if re.search(r"[A-Za-z]{4}", tail):
            return None
        found, pos = hit[1].start(), hit[1].end()


def _is_code_or_masthead(t: str) -> bool:
    if bodies.PRINTED_SYMBOL_HINT.search(t) and len(WORD.findall(bodies.PRINTED_SYMBOL_HINT.sub("", t))) <= 3:
        return True
    rest = MASTHEAD_WORDS.sub("", t)
    if not WORD.search(rest):
        return True
    words = [w for w in WORD.findall(t) if len(w) >= 4]
    if re.search(r"\d", t) and len(t.split()) <= 8 and len(words) <= 1:
        return True  # "025 PC 25 E rev.1 fin", "11 March 1994", "S/RES/902 (1994)"
    return bool(DATE.fullmatch(t.strip(" ,.")))


def _mark_menus(units: list[Para]) -> None:
    """Three or more consecutive short unpunctuated lines are a site menu, not a title."""
    run: list[Para] = []
    for u in units + [Para(0, 0, "", kind="end")]:
        short = u.kind == "candidate" and len(u.text.split()) <= 3 and not u.text.rstrip().endswith((".", ":"))
        if short and (not run or u.index == run[-1].index + 1):
            run.append(u)
            continue
        if len(run) >= 3:
            for r in run:
                r.kind = "chrome"
        run = [u] if short else []


def read_heading(text: str, units: list[Para]) -> Heading | None:
    for k, u in enumerate(units):
        if u.kind not in ("candidate", "date", "noise"):
            continue
        t = u.text
        off = 0
        for kind, pattern in (("un_session", UN_SESSION), ("old_un", OLD_UN), ("typed", TYPED),
                              ("typed_on", TYPED_ON)):
            m = pattern.match(t)
            if not m:
                continue
            h = Heading(kind, k)
            if "type" in m.groupdict() and m.group("type"):
                h.doc_type = m.group("type").lower()
                h.type_start, h.type_end = u.start + m.start("type"), u.start + m.end("type")
            if "num" in m.groupdict() and m.group("num"):
                h.number, h.num_start, h.num_end = m.group("num"), u.start + m.start("num"), u.start + m.end("num")
            if "year" in m.groupdict() and m.group("year"):
                h.year, h.year_end = m.group("year"), u.start + m.end("year") + 1
            rest_at = m.start("rest")
            rest = t[rest_at:]
            if kind == "typed":
                on = ON_SUBJECT.match(rest)
                if on:
                    rest_at, rest = rest_at + on.end(), rest[on.end():]
            dl = _date_line(rest.strip())
            if dl is not None:
                u.date_line = off + rest_at + rest.find(rest.strip()) + dl
                if kind == "old_un":
                    h.doc_type = h.doc_type or _type_in(rest, u.start + rest_at, h)
                rest = ""
            h.title = _title_from(text, units, k, u.start + rest_at, rest)
            u.kind = "heading"
            return h
        m = TYPED_BARE.match(t)
        if m:
            h = Heading("typed_bare", k, m.group("type").lower(), u.start + m.start("type"), u.start + m.end("type"))
            u.kind = "heading"
            return h
        m = DATED.match(t)
        if m:
            hit = date_match(t, m.end(), min(len(t), m.end() + 40))
            if hit and hit[1].start() <= m.end() + 2:
                h = Heading("dated", k, m.group("type").lower(), u.start + m.start("type"), u.start + m.end("type"))
                u.date_line = hit[1].start()
                on = ON_SUBJECT.match(t, hit[1].end())
                if on:
                    h.title = _title_from(text, units, k, u.start + on.end(), t[on.end():])
                u.kind = "heading"
                return h
    return None


def _type_in(rest: str, at: int, h: Heading) -> str | None:
    m = re.search(TYPES, rest, re.I)
    if m:
        h.type_start, h.type_end = at + m.start(), at + m.end()
        return m.group("type").lower()
    return None


def _title_from(text: str, units: list[Para], k: int, start: int, rest: str) -> tuple[str, int, int] | None:
    """The title printed on the heading's line, with the candidate lines that continue it."""
    rest = re.sub(r"^[\s:–—.\-]+", "", rest)
    if not WORD.search(rest):
        return None
    start = start + (len(text[start:start + len(rest) + 10]) - len(text[start:start + len(rest) + 10].lstrip(" :–—.-")))
    end = units[k].end
    for u in units[k + 1:]:
        if u.kind != "candidate" or u.blank_before:
            break
        end = u.end
    return _finish(text, start, end)


def _finish(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    raw = text[start:end]
    raw = PROCEDURE.sub("", raw)
    value = _join(raw.splitlines())
    value = re.sub(r"\s*" + MARKS + r"\s*$", "", value).strip(" ,;:")
    value = re.sub(r"\s+\d{1,3}$", "", value) if re.search(r"[A-Za-z]\s+\d{1,3}$", value) and not re.search(
        r"\b(?:resolution|article|paragraph|no\.?|\d{4})\s+\d{1,3}$", value, re.I) else value
    if not WORD.search(value) or len(value) < 3:
        return None
    return value, start, start + len(raw.rstrip())


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = re.sub(r"\s+", " ", p.replace("\\", "")).strip().strip("#").strip()
        if not p:
            continue
        if not out:
            out = p
        elif out.endswith("-") and not out.endswith(" -"):
            out += p
        else:
            out += " " + p
    return out


def title(text: str, units: list[Para], heading: Heading | None) -> tuple[str, int, int] | None:
    """The document's own subject title: on the heading's line, else the run of title lines nearest
    the heading (the one before it on a tie), else the run nearest the body."""
    if heading is not None and heading.title is not None:
        return heading.title
    runs: list[list[Para]] = []
    for u in units:
        if u.kind != "candidate":
            continue
        if runs and runs[-1][-1].index == u.index - 1:
            runs[-1].append(u)
        else:
            runs.append([u])
    runs = [r for r in runs if not _sentence(r) or re.fullmatch(r"\W*on\W*", r[0].text, re.I)]
    if not runs:
        return None
    if heading is not None:
        at = units[heading.unit].index

        def distance(r):
            return min(abs(r[0].index - at), abs(r[-1].index - at)) + (0.5 if r[0].index > at else 0)
        run = min(runs, key=distance)
    else:
        run = runs[-1]
    if re.fullmatch(r"\W*on\W*", " ".join(u.text for u in run), re.I) and run is not runs[-1]:
        run = runs[runs.index(run) + 1]
    done = _finish(text, run[0].start, run[-1].end)
    if done and heading is not None:
        on = re.match(r"(?i:on)\s+(?=\S)", done[0])
        if on:
            at = text.find(done[0][on.end():on.end() + 20], done[1])
            done = (done[0][on.end():], at if at >= 0 else done[1], done[2])
    return done


def _sentence(run: list[Para]) -> bool:
    """Body text before the first clause (a recital, an opening formula without its comma: "Therefore
    the Security Council", "To this end,") is not a title."""
    joined = " ".join(u.text.strip() for u in run)
    if len(joined) > 400 or re.search(r"[,;:]$", joined) or RECITAL.match(joined):
        return True
    named = bodies.body_named(joined)
    rest = joined[:named[1]] + joined[named[2]:] if named else ""
    if named and not WORD.search(re.sub(r"\b(?:the|therefore|and)\b", "", rest, flags=re.I)):
        return True
    if re.match(r"^\W*(?:Therefore\s+)?The\s+(?:[A-Z][\w\-]*\s+){0,3}(?:Assembly|Council|Parliament)\W*$", joined):
        return True
    return bool(re.search(r"[a-z]{2}[.;,]$", joined) and len(joined.split()) > 12)


RECITAL = re.compile(r"^\W*(?:Whereas|Therefore|To\s+this\s+end|Considering|Noting|Recalling|Having)\b", re.I)


def _words(s: str) -> list[str]:
    return s.split()


def _key(w: str) -> str:
    return re.sub(r"[\W_]+", "", w).casefold()


def clean_catalogue_title(value: str) -> str:
    """Catalogue titles put a spaced colon between parts and after the last ("Title : subtitle :")."""
    value = re.sub(r"\s+:\s*$", "", value.strip())
    return re.sub(r"\s+:\s+", ": ", value).strip()


def complete_title(printed: str, longer: str) -> str | None:
    """A printed title cut short (a PDF extraction lost its last line), completed from a catalogue title
    that begins with the same words (one word in five may differ: "fourth"/"4th"); None otherwise."""
    have = [_key(w) for w in _words(printed) if _key(w)]
    full = _words(clean_catalogue_title(longer))
    keys = [_key(w) for w in full]
    if len(have) < 3:
        return None
    i = j = misses = 0
    while i < len(have) and j < len(keys):
        if not keys[j]:
            j += 1
            continue
        misses += have[i] != keys[j]
        i, j = i + 1, j + 1
    tail = full[j:]
    if i < len(have) or misses > max(1, len(have) // 5) or not any(_key(w) for w in tail):
        return None
    return f"{printed.rstrip()} {' '.join(tail)}".replace(" :", ":")


def complete_from_agenda(printed: str, units: list[Para]) -> str | None:
    """UN mastheads repeat the subject in the agenda item ("Agenda item 99 (k) General and complete
    disarmament: observance of ..."): the subject completes a title cut short."""
    for u in units:
        m = re.match(r"^\W*Agenda\s+item\s+\d+\s*(?:\([a-z]{1,3}\))?\s*(?P<subject>\S.*)$", u.text.strip(), re.I)
        if not m:
            continue
        subject = m.group("subject")
        for candidate in (subject, subject.split(":", 1)[-1]):
            candidate = candidate.strip()
            have, full = _key(printed), _key(candidate)
            if len(have) >= 10 and full.startswith(have) and len(full) > len(have):
                words = _words(candidate)
                n = len([w for w in _words(printed) if _key(w)])
                tail = words[n:]
                if tail:
                    return f"{printed.rstrip()} {' '.join(tail)}"
    return None
