"""Reading order of a PDF page from its glyph boxes (pure geometry: no PDF library, no I/O).

A PDF holds positioned glyphs, in whatever order its producer wrote them. This module rebuilds the
lines a reader sees and puts them in reading order: glyphs into runs on one baseline, runs into the page's
head zone (running header, title), its body (one or two columns, a column gutter detected where no body
line crosses) and its foot zone (page number, footnotes), top to bottom. Raised small glyphs become
superscripts ("¹"), the page's small-print lines under the body are its footnotes.

It does not decide what is page furniture beyond that: running headers and page numbers stay in the
text, where the parser's genre rules (``segment.py``) recognise them as for any extracted text. Only
footnotes, which text alone cannot tell from clause text, are reported, as spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(slots=True)
class Glyph:
    ch: str
    x0: float
    y0: float  # PDF user space: y grows upwards
    x1: float
    y1: float

    @property
    def size(self) -> float:
        return self.y1 - self.y0


@dataclass(slots=True)
class Run:
    """Glyphs set on one baseline without a column-sized gap: a line, or a line of one column."""
    glyphs: list[Glyph] = field(default_factory=list)
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0
    y1: float = 0.0
    size: float = 0.0  # height of its full-size glyphs
    text: str = ""

    def overlaps_vertically(self, g: Glyph) -> bool:
        low, high = max(self.y0, g.y0), min(self.y1, g.y1)
        return high - low >= 0.5 * min(self.y1 - self.y0, g.size)


@dataclass
class PageText:
    lines: list[str]  # in reading order; "" is a paragraph break
    notes: list[int]  # indexes into ``lines`` of footnote lines


def page_text(glyphs: list[Glyph], width: float, body_size: float) -> PageText:
    """The page's lines in reading order. ``body_size`` is the document's usual glyph height."""
    runs = _runs(glyphs)
    if not runs:
        return PageText([], [])
    body = [r for r in runs if abs(r.size - body_size) <= 0.15 * body_size and r.x1 - r.x0 >= 0.15 * width]
    if body:
        top, bottom = max(r.y1 for r in body), min(r.y0 for r in body)
        head = [r for r in runs if r.y0 > top]
        foot = [r for r in runs if r.y1 < bottom]
        middle = [r for r in runs if r.y0 <= top and r.y1 >= bottom]
    else:
        head, foot, middle = [], [], runs
    lines: list[str] = []
    notes: list[int] = []
    for zone in (_top_down(head), _body_order(middle, width)):
        if zone:
            if lines:
                lines.append("")
            lines.extend(_with_paragraph_breaks(zone))
    foot = _top_down(foot)
    if foot:
        lines.append("")
    for r in foot:
        if r.size < 0.9 * body_size and not _is_page_number(r.text):
            notes.append(len(lines))
        lines.append(r.text)
    return PageText(lines, notes)


def body_size_of(glyph_heights: list[float]) -> float:
    """The most common glyph height (rounded to 0.5 pt): the body text's."""
    counts: dict[float, int] = {}
    for h in glyph_heights:
        if h > 0:
            key = round(h * 2) / 2
            counts[key] = counts.get(key, 0) + 1
    return max(counts, key=counts.get) if counts else 0.0


def _runs(glyphs: list[Glyph]) -> list[Run]:
    runs: list[Run] = []
    cur: Run | None = None
    space = False  # a space glyph since the last glyph: the producer's word break, kept as written
    for g in glyphs:
        if g.ch.isspace():
            space = True
            continue
        if cur is not None and _continues(cur, g):
            if space:
                cur.glyphs.append(Glyph(" ", g.x0, g.y0, g.x0, g.y0))
            space = False
            cur.glyphs.append(g)
            cur.x1 = max(cur.x1, g.x1)
            if g.size >= 0.8 * cur.size:
                cur.y0, cur.y1, cur.size = min(cur.y0, g.y0), max(cur.y1, g.y1), max(cur.size, g.size)
            continue
        cur = Run([g], g.x0, g.x1, g.y0, g.y1, g.size)
        runs.append(cur)
        space = False
    runs = _merge_same_line(runs)
    for r in runs:
        r.text = _run_text(r)
    return [r for r in runs if r.text]


def _continues(run: Run, g: Glyph) -> bool:
    last = run.glyphs[-1]
    gap = g.x0 - last.x1
    if gap < -0.5 * run.size or gap > 1.5 * run.size:
        return False  # back to the left margin (a new line) or across a gutter (another column)
    if run.overlaps_vertically(g):
        return True
    # a footnote mark: smaller, raised above the baseline, still touching the line's band
    return g.size < 0.8 * run.size and g.y0 >= run.y0 and g.y0 < run.y1


def _merge_same_line(runs: list[Run]) -> list[Run]:
    """Join runs a producer wrote out of order but that sit on one line, side by side, close together."""
    out: list[Run] = []
    for r in sorted(runs, key=lambda r: (-round(r.y0, 0), r.x0)):
        prev = out[-1] if out else None
        if (prev is not None and abs(prev.y0 - r.y0) <= 0.2 * r.size and 0 <= r.x0 - prev.x1 <= 1.5 * r.size
                and abs(prev.size - r.size) <= 0.2 * r.size):
            prev.glyphs.extend(r.glyphs)
            prev.x1 = r.x1
        else:
            out.append(r)
    return out


def _run_text(run: Run) -> str:
    parts: list[str] = []
    prev: Glyph | None = None
    for g in run.glyphs:
        ch = g.ch
        if ch == " ":
            if parts and parts[-1] != " ":
                parts.append(" ")
            continue
        raised = g.size < 0.8 * run.size and g.y0 > run.y0 + 0.15 * run.size
        if raised:
            ch = ch.translate(SUPERSCRIPT)
        elif ch in ("\ufffe", "\u00ad", "\u2010"):
            ch = "-"  # a line-end hyphen (PDFium marks the ones it guesses are soft): as printed
        if prev is not None and parts[-1] != " " and g.x0 - prev.x1 > 0.2 * min(run.size, g.size * 1.25):
            parts.append(" ")  # a gap as wide as a space, in a producer that positions words without one
        parts.append(ch)
        prev = g
    return "".join(parts).strip()


def _top_down(runs: list[Run]) -> list[Run]:
    return sorted(runs, key=lambda r: (-r.y1, r.x0))


def _body_order(runs: list[Run], width: float) -> list[Run]:
    """Top to bottom; in a two-column stretch, the left column before the right one."""
    gutter = _gutter(runs, width)
    ordered = _top_down(runs)
    if gutter is None:
        return ordered
    out: list[Run] = []
    left: list[Run] = []
    right: list[Run] = []
    for r in ordered:
        if r.x0 < gutter < r.x1:  # spans both columns: ends the stretch above it
            out += left + right + [r]
            left, right = [], []
        elif r.x1 <= gutter:
            left.append(r)
        else:
            right.append(r)
    return out + left + right


def _gutter(runs: list[Run], width: float) -> float | None:
    """An x that no body line crosses, with column-wide lines on both sides of it, or None."""
    wide = [r for r in runs if r.x1 - r.x0 >= 0.2 * width]
    if len(wide) < 6:
        return None
    best: tuple[int, float, float] | None = None
    for step in range(int(0.3 * width), int(0.7 * width), 2):
        x = float(step)
        crossing = sum(1 for r in wide if r.x0 < x - 1 < x + 1 < r.x1)
        key = (crossing, abs(x - width / 2), x)
        if best is None or key < best:
            best = key
    assert best is not None
    crossing, _, x = best
    n_left = sum(1 for r in wide if r.x1 <= x)
    n_right = sum(1 for r in wide if r.x0 >= x)
    if n_left >= 3 and n_right >= 3 and crossing <= 0.1 * len(wide):
        return x
    return None


def _with_paragraph_breaks(runs: list[Run]) -> list[str]:
    """Lines, with "" where the gap to the line above is wider than the usual line pitch."""
    pitches = [a.y0 - b.y0 for a, b in zip(runs, runs[1:], strict=False) if 0 < a.y0 - b.y0 < 3 * a.size]
    pitch = median(pitches) if pitches else 0.0
    lines: list[str] = []
    for i, r in enumerate(runs):
        if i and pitch:
            gap = runs[i - 1].y0 - r.y0
            # a paragraph space; the top of the next column (a negative gap) continues the text
            if gap > 1.4 * pitch:
                lines.append("")
        lines.append(r.text)
    return lines


def _is_page_number(text: str) -> bool:
    t = text.strip("-–— ").lower().removeprefix("page").strip()
    return t.replace(" of ", "/").replace("/", "").isdigit()
