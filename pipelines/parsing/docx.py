"""Word (.docx) bytes to text with python-docx: paragraphs in order, automatic numbering as printed.

Word keeps a list's numbers and letters out of the text: a paragraph only says "level 1 of list 7", and
``word/numbering.xml`` says how that level prints ("%2)" in lowerLetter). ``Numbering`` replays the
counters the way Word does, so "1.", "(a)", "aa)" reach the parser as a reader sees them. Footnotes go
after the body, as lines the parser keeps out of the clauses; tables are recorded as an issue and left out.
"""

from __future__ import annotations

import io
import zipfile

from pipelines.parsing.extracted import ExtractedText
from pipelines.parsing.letters import roman
from pipelines.parsing.model import ParseIssue, UnreadableDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HINT_DAMAGED = "damaged Word file: open it in Word or LibreOffice and save it again as .docx"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def is_docx(data: bytes) -> bool:
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except zipfile.BadZipFile:
        return False


def extract_docx(data: bytes, source_file: str) -> ExtractedText:
    import docx
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = Numbering(_numbering_xml(document))
        notes = _footnotes(document)
    except (zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise UnreadableDocument(source_file, "damaged_docx", f"Word file cannot be read ({exc})",
                                 HINT_DAMAGED) from exc
    styles = _style_numbering(document)
    parts: list[str] = []
    issues: list[ParseIssue] = []
    pos = 0
    referenced: list[str] = []  # footnote ids in the order the body cites them
    for el in document.element.body.iterchildren():
        if el.tag == f"{W}tbl":
            issues.append(ParseIssue("docx_table", f"table of {len(el.findall(f'{W}tr'))} row(s) left out of "
                                     "the text (tables hold no clauses)", pos, pos, severity="info"))
            continue
        if el.tag != f"{W}p":
            continue
        text = _paragraph_text(el, notes, referenced)
        label = numbering.label(*_num_pr(el, styles))
        if label:
            text = f"{label} {text}" if text else label
        if not text.strip():
            continue
        parts.append(text)
        pos += len(text) + 2
    note_spans: list[tuple[int, int]] = []
    for note_id in referenced:
        mark, body = notes[note_id]
        line = f"{mark} {body}".strip()
        note_spans.append((pos, pos + len(line)))
        parts.append(line)
        pos += len(line) + 2
    # paragraphs apart by a blank line, as a text export has them: the parser's paragraph boundary
    return ExtractedText("\n\n".join(parts) + "\n", "docx", None, note_spans, issues)


def _paragraph_text(p, notes: dict[str, tuple[str, str]], referenced: list[str]) -> str:
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            out.append(el.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}footnoteReference":
            note_id = el.get(f"{W}id")
            if note_id in notes and note_id not in referenced:
                referenced.append(note_id)
            if el.get(f"{W}customMarkFollows") not in ("1", "true", "on"):
                # Word numbers its footnotes in the order they are cited
                number = str(referenced.index(note_id) + 1) if note_id in referenced else "?"
                out.append(number.translate(SUPERSCRIPT))
                if note_id in notes:
                    notes[note_id] = (number, notes[note_id][1])
    return "".join(out).strip()


def _footnotes(document) -> dict[str, tuple[str, str]]:
    """footnote id -> (mark, text); the mark is replaced by the citation number when Word numbers it."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.reltype == _FOOTNOTES_REL and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob)
            out = {}
            for fn in root.iter(f"{W}footnote"):
                if fn.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in p.iter(f"{W}t")).strip()
                                for p in fn.iter(f"{W}p")).strip()
                custom = text.split(" ", 1)
                # a custom mark ("*") is typed at the start of the note's text; Word's own is a field
                if (fn.find(f".//{W}footnoteRef") is None and len(custom) == 2 and len(custom[0]) <= 2
                        and not custom[0].isalpha()):
                    out[fn.get(f"{W}id")] = (custom[0], custom[1])
                else:
                    out[fn.get(f"{W}id")] = ("", text)
            return out
    return {}


def _numbering_xml(document):
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return None


def _style_numbering(document) -> dict[str, tuple[str | None, int | None]]:
    """style id -> (numId, ilvl) for paragraph styles that carry numbering ("List Number")."""
    out: dict[str, tuple[str | None, int | None]] = {}
    styles = document.styles.element
    for st in styles.iter(f"{W}style"):
        num_pr = st.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{W}numId")
            ilvl = num_pr.find(f"{W}ilvl")
            out[st.get(f"{W}styleId")] = (num_id.get(f"{W}val") if num_id is not None else None,
                                          int(ilvl.get(f"{W}val")) if ilvl is not None else None)
    return out


def _num_pr(p, styles) -> tuple[str | None, int]:
    """(numId, level) of a paragraph: its own numbering, else its style's."""
    ppr = p.find(f"{W}pPr")
    num_id, ilvl = None, None
    if ppr is not None:
        style = ppr.find(f"{W}pStyle")
        if style is not None and style.get(f"{W}val") in styles:
            num_id, ilvl = styles[style.get(f"{W}val")]
        num_pr = ppr.find(f"{W}numPr")
        if num_pr is not None:
            n, lv = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
            num_id = n.get(f"{W}val") if n is not None else num_id
            ilvl = int(lv.get(f"{W}val")) if lv is not None else ilvl
    return num_id, ilvl or 0


class Numbering:
    """Word's list counters: one per list (numId) and level; a level restarts after a higher one."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> level -> (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract = {}
        for a in root.iter(f"{W}abstractNum"):
            abstract[a.get(f"{W}abstractNumId")] = _levels(a)
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{W}val") if ref is not None else None, {}))
            for override in num.iter(f"{W}lvlOverride"):
                lvl = int(override.get(f"{W}ilvl"))
                redefined = override.find(f"{W}lvl")
                if redefined is not None:
                    levels.update(_levels_of([redefined]))
                start = override.find(f"{W}startOverride")
                if start is not None and lvl in levels:
                    fmt, text, _ = levels[lvl]
                    levels[lvl] = (fmt, text, int(start.get(f"{W}val")))
            self.levels[num.get(f"{W}numId")] = levels

    def label(self, num_id: str | None, level: int) -> str:
        """The printed label of the next paragraph of list ``num_id`` at ``level`` ("" if none)."""
        levels = self.levels.get(num_id or "")
        if not levels or level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[level] = counters.get(level, levels[level][2] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return ""  # a bullet is decoration, not a clause marker
        out = text
        for k in range(level, -1, -1):
            if k in levels:
                value = counters.get(k, levels[k][2])
                out = out.replace(f"%{k + 1}", format_number(value, levels[k][0]))
        return out.strip()


def _levels(abstract) -> dict[int, tuple[str, str, int]]:
    return _levels_of(abstract.iter(f"{W}lvl"))


def _levels_of(lvls) -> dict[int, tuple[str, str, int]]:
    out = {}
    for lvl in lvls:
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        start = lvl.find(f"{W}start")
        out[int(lvl.get(f"{W}ilvl"))] = (fmt.get(f"{W}val") if fmt is not None else "decimal",
                                         text.get(f"{W}val") if text is not None else "",
                                         int(start.get(f"{W}val")) if start is not None else 1)
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter in Word's number formats: lowerLetter runs a..z, then aa..zz (as the genre letters)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n) if fmt == "lowerRoman" else roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)
