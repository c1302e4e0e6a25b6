"""Write a planned document as .txt (PDF text), .md (converter output) or .html, with the genre's
extraction defects: wrapped lines, page furniture, lines after a page break that start with a space,
"4," markers, missing or OCR-misread sub-clause letters, doubled apostrophes, bold/italic leads,
an adoption footnote, sub-clause bullets that lose their indentation, line-end hyphenation.

The defects never change what a careful reader takes the clauses to be: the truth file is written
from the plan, not from the rendered text.
"""

from __future__ import annotations

import re
from random import Random

from benchmarks.clausebank import MONTHS
from benchmarks.compose import DocSpec, TopSpec

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SECONDARY = re.compile(r"(?<=, )(?:and|while) (welcoming|recognising|recognizing|stressing|noting|underlining)\b")


def long_date(d, weekday: bool = False) -> str:
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def footnote_text(doc: DocSpec) -> str:
    return (
        f"Adopted by the {doc.adopted_by} at its {doc.session} in {doc.place} on "
        f"{long_date(doc.adopted_on, weekday=True)}."
    )


# -- defects decided once per document ------------------------------------------------------------
def decide_defects(doc: DocSpec, rng: Random, html_lists: bool, publishable: bool = False) -> dict:
    """Markers as they will be written, and which clauses get which defect."""
    applied: dict = {
        "comma_marker": None,
        "missing_letters": 0,
        "misread_letters": [],
        "doubled_apostrophes": [],
        "footnote": False,
    }
    numbered = [t for t in doc.tops if t.role in ("pre", "op")]
    if numbered and not html_lists and rng.random() < 0.25:
        t = rng.choice(numbered[:-1] or numbered)
        t.marker = t.marker[:-1] + ","
        applied["comma_marker"] = t.ref
    if doc.style == "nato" and not html_lists:
        for top in doc.tops:
            if not top.subs:
                continue
            mode = rng.choices(["keep", "all", "after_first", "random"], [0.35, 0.2, 0.2, 0.25])[0]
            for j, sub in enumerate(top.subs):
                drop = (
                    mode == "all"
                    or (mode == "after_first" and 0 < j < len(top.subs) * 0.6)
                    or (mode == "random" and rng.random() < 0.3)
                )
                if drop:
                    sub.marker, sub.letter_inferred = None, True
                    applied["missing_letters"] += 1
            if len(top.subs) > 11 and top.subs[11].marker == "l." and rng.random() < 0.6:
                misread = rng.choice(["I.", "I.", "1."])
                top.subs[11].marker = "I." if publishable else misread
                top.subs[11].letter_inferred = True
                applied["misread_letters"].append(top.subs[11].ref)
    with_apostrophe = [c for c in _clauses(doc) if "'" in c.final]
    if with_apostrophe and rng.random() < 0.35:
        applied["doubled_apostrophes"] = [c.ref for c in rng.sample(with_apostrophe, min(3, len(with_apostrophe)))]
    return applied


def _clauses(doc: DocSpec):
    for top in doc.tops:
        yield top
        yield from top.subs


def styled(doc: DocSpec, clause, applied: dict) -> str:
    """Clause text as printed: the document's apostrophe, doubled where the defect applies."""
    text = clause.final
    if clause.ref in applied["doubled_apostrophes"]:
        text = text.replace("'", "''" if doc.apostrophe == "'" else "'’", 1)
    return text.replace("'", doc.apostrophe)


def clean(doc: DocSpec, text: str) -> str:
    return text.replace("'", doc.apostrophe)


# -- plain text out of a PDF ----------------------------------------------------------------------
def wrap(
    text: str,
    width: int,
    rng: Random,
    first: str = "",
    cont: str = "",
    hyphenate: float = 0.0,
    stats: dict | None = None,
) -> list[str]:
    lines: list[str] = []
    line, empty = first, True
    for word in text.split(" "):
        candidate = (line + word) if empty else (line + " " + word)
        if len(candidate) <= width or empty:
            line, empty = candidate, False
            continue
        room = width - len(line) - 1
        if hyphenate and len(word) >= 10 and word.isalpha() and room >= 5 and rng.random() < hyphenate:
            cut = rng.randint(4, min(room - 1, len(word) - 4))
            lines.append(line + " " + word[:cut] + "-")
            line = cont + word[cut:]
            if stats is not None:
                stats["hyphenations"] = stats.get("hyphenations", 0) + 1
            continue
        if "-" in word[1:-1] and room > word.index("-") + 1 and rng.random() < 0.5:
            head, tail = word.split("-", 1)
            lines.append(line + " " + head + "-")
            line = cont + tail
            continue
        lines.append(line)
        line = cont + word
    lines.append(line)
    return lines


def render_txt(doc: DocSpec, rng: Random, applied: dict) -> str:
    width = rng.randint(84, 100)
    hyph = rng.choice([0.0, 0.0, 0.15, 0.35])
    sub_indent = rng.choice(["", "", "   "])
    stats: dict = {}
    footnote = doc.style == "nato" and rng.random() < 0.45
    applied["footnote"] = footnote
    head: list[str] = []
    if doc.style == "nato":
        type_line = f"{doc.doc_type.upper()} {doc.number}" + ("*" if footnote else "")
        title = wrap(doc.title, rng.randint(55, 75), rng)
        head = (title + ["", type_line]) if rng.random() < 0.6 else ([type_line, ""] + title)
    elif doc.style == "un":
        sess = doc.symbol.split("/")[-2]
        head = [
            f"United Nations {doc.symbol}",
            doc.adopted_by if doc.adopted_by == "General Assembly" else "",
            "Distr.: General",
            f"Agenda item {rng.randint(10, 140)}",
            "",
            f"Resolution adopted by the {doc.adopted_by} on {long_date(doc.adopted_on)}",
            "",
            f"{sess}/{doc.number}. {doc.title}",
        ]
    else:
        head = wrap(
            f"European Parliament resolution of {long_date(doc.adopted_on)} on {doc.title} ({doc.symbol})",
            width,
            rng,
        )
    paragraphs: list[list[str]] = [[line for line in head], [doc.formula]]
    for top in doc.tops:
        marker = top.marker
        text = styled(doc, top, applied)
        first = f"{marker} " if marker else ""
        paragraphs.append(wrap(text, width, rng, first, "", hyph, stats))
        for sub in top.subs:
            lines = wrap(
                styled(doc, sub, applied),
                width,
                rng,
                f"{sub.marker} " if sub.marker else "",
                sub_indent,
                hyph,
                stats,
            )
            paragraphs.append(lines)
    tight = rng.random() < 0.3
    out: list[str] = []
    for i, para in enumerate(paragraphs):
        if i and not (tight and i > 2 and rng.random() < 0.5):
            out.append("")
        out.extend(para)
    if footnote:
        foot = "* " + footnote_text(doc)
    applied.update(stats)
    return "\n".join(paginate(out, doc, rng, applied, foot if footnote else None)) + "\n"


def paginate(lines: list[str], doc: DocSpec, rng: Random, applied: dict, footnote: str | None) -> list[str]:
    per_page = rng.randint(44, 58)
    number_style = rng.choice(["{p}", "- {p} -", "Page {p}", "{p}"])
    running = rng.choice(
        [
            f"{doc.number or ''} {rng.choice(['PC', 'DSC', 'ESC', 'CDS', 'STC'])} "
            f"{doc.adopted_on.year % 100:02d} E rev.{rng.randint(1, 3)} fin".strip(),
            f"{doc.adopted_by} – {doc.adopted_on.year}",
        ]
    )
    out: list[str] = []
    page = 1
    breaks = 0
    pending_space = False
    for i, line in enumerate(lines):
        if i and i % per_page == 0 and i < len(lines) - 3:
            if page == 1 and footnote:
                out += ["", "_______________", footnote]
                footnote = None
            out += ["", number_style.format(p=page), "\f" + running, ""]
            page += 1
            breaks += 1
            pending_space = rng.random() < 0.6
        if pending_space and line:
            line = " " + line
            pending_space = False
        out.append(line)
    if footnote:
        out += ["", "_______________", footnote]
    if breaks:
        out += ["", number_style.format(p=page), "\f" + running]
    applied["page_breaks"] = breaks
    return out


# -- markdown out of a converter ------------------------------------------------------------------
def _emph_lead(text: str, lead: str, mark: str) -> str:
    if not lead or not text.startswith(lead) or not mark:
        return text
    rest = text[len(lead) :]
    if mark == "**":
        rest = SECONDARY.sub(lambda m: m.group().replace(m.group(1), f"**{m.group(1)}**"), rest)
    return f"{mark}{lead}{mark}{rest}"


def render_md(doc: DocSpec, rng: Random, applied: dict) -> str:
    out: list[str] = []
    emph = rng.choices(["**", "*", ""], [0.7, 0.2, 0.1])[0] if doc.style == "nato" else rng.choice(["*", "*", ""])
    footnote = doc.style == "nato" and rng.random() < 0.75
    applied["footnote"] = footnote
    star = "\\*" if footnote else ""
    if doc.style == "nato":
        if rng.random() < 0.6:
            out += ["", f"## {doc.doc_type.upper()} {doc.number}{star} {doc.title}", ""]
        else:
            out += [f"## {doc.doc_type.upper()} {doc.number}{star}", "", f"## {doc.title}", ""]
        out += [f"## {doc.formula}", ""]
    elif doc.style == "un":
        sess = doc.symbol.split("/")[-2]
        out += [
            f"United Nations {doc.symbol}",
            "",
            f"Resolution adopted by the {doc.adopted_by} on {long_date(doc.adopted_on)}",
            "",
            f"## {sess}/{doc.number}. {doc.title}",
            "",
            doc.formula,
            "",
        ]
    else:
        out += [
            f"**European Parliament resolution of {long_date(doc.adopted_on)} on {doc.title}** ({doc.symbol})",
            "",
            doc.formula,
            "",
        ]
    foot_at = rng.randint(len(doc.tops) // 3, max(len(doc.tops) // 3, (2 * len(doc.tops)) // 3)) if footnote else -1
    lost_indent = False
    wrap_subs = rng.random() < 0.15
    for i, top in enumerate(doc.tops):
        text = styled(doc, top, applied)
        if top.role == "cite":
            out.append(f"- {text}")
        elif top.role == "recital":
            out.append(f"{top.marker} {text}")
        else:
            body = _emph_lead(text, top.lead, emph if top.role != "recital" else "")
            prefix = f"{top.marker} " if top.marker else ""
            out.append(f"- {prefix}{body}" if doc.style == "nato" else f"{prefix}{body}")
        for j, sub in enumerate(top.subs):
            if footnote and i == foot_at and j == len(top.subs) // 2 and not lost_indent:
                out += ["", "\\_", "", f"<sup>\\*</sup> {footnote_text(doc)}", ""]
                lost_indent = True
            indent = "" if lost_indent else ("  " if doc.style == "nato" else "    ")
            bullet = "- " if doc.style == "nato" else ""
            marker = f"{sub.marker} " if sub.marker else ""
            line = f"{indent}{bullet}{marker}{styled(doc, sub, applied)}"
            if wrap_subs and len(line) > 100:
                out.extend(wrap(line, 95, rng, "", indent + "  "))
            else:
                out.append(line)
        if footnote and i == foot_at and not lost_indent:
            out += ["", "\\_", "", f"<sup>\\*</sup> {footnote_text(doc)}", ""]
            lost_indent = True
        if rng.random() < 0.25 or doc.style != "nato":
            out.append("")
    return "\n".join(out) + "\n"


# -- HTML -----------------------------------------------------------------------------------------
def _esc(text: str, entities: bool) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if entities:
        text = text.replace("’", "&rsquo;").replace("–", "&ndash;")
    return text


def render_html(doc: DocSpec, rng: Random, applied: dict, lists: bool) -> str:
    ent = rng.random() < 0.5
    nbsp = "&nbsp;" if rng.random() < 0.3 else " "
    tag = "b" if rng.random() < 0.6 else "strong"
    if doc.style != "nato":
        tag = rng.choice(["i", "em"])
    footnote = doc.style == "nato" and rng.random() < 0.45
    applied["footnote"] = footnote
    sourcewrap = rng.random() < 0.5

    def para(inner: str, cls: str = "") -> str:
        attr = f' class="{cls}"' if cls else ""
        html = f"<p{attr}>{inner}</p>"
        return "\n".join(wrap(html, 100, rng)) if sourcewrap else html

    def lead_html(top: TopSpec, text: str) -> str:
        e = _esc(text, ent)
        lead = _esc(top.lead or "", ent)
        if top.role in ("cite", "recital") or not lead or not e.startswith(lead):
            return e
        return f"<{tag}>{lead}</{tag}>{e[len(lead) :]}"

    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{_esc(doc.doc_id, False)}</title>",
        "<style>p { margin: 0 0 0.6em } .sub { margin-left: 2em }</style></head><body>",
    ]
    if doc.style == "nato":
        out += [
            f"<h1>{doc.doc_type.upper()} {doc.number}{'<sup>*</sup>' if footnote else ''}</h1>",
            f"<h2>{_esc(doc.title, ent)}</h2>",
        ]
    elif doc.style == "un":
        sess = doc.symbol.split("/")[-2]
        out += [
            f"<p>United Nations</p><p>{doc.symbol}</p>",
            f"<p>Resolution adopted by the {doc.adopted_by} on {long_date(doc.adopted_on)}</p>",
            f"<h1>{sess}/{doc.number}. {_esc(doc.title, ent)}</h1>",
        ]
    else:
        out.append(
            f"<h1>European Parliament resolution of {long_date(doc.adopted_on)} on "
            f"{_esc(doc.title, ent)} ({doc.symbol})</h1>"
        )
    out.append(f"<p>{doc.formula}</p>")
    if lists:
        out.append("<ol>")
        for top in doc.tops:
            inner = lead_html(top, styled(doc, top, applied))
            if top.subs:
                items = "".join(f"<li>{_esc(styled(doc, s, applied), ent)}</li>\n" for s in top.subs)
                out.append(f'<li>{inner}\n<ol type="a">\n{items}</ol></li>')
            else:
                out.append(f"<li>{inner}</li>")
        out.append("</ol>")
    else:
        for top in doc.tops:
            marker = (top.marker.replace("–", "&ndash;") if ent else top.marker) if top.marker else ""
            sep = nbsp if marker else ""
            out.append(para(f"{marker}{sep}{lead_html(top, styled(doc, top, applied))}"))
            for sub in top.subs:
                m = f"{sub.marker}{nbsp}" if sub.marker else ""
                out.append(para(f"{m}{_esc(styled(doc, sub, applied), ent)}", "sub"))
    if footnote:
        out.append(f'<hr><p class="footnote"><sup>*</sup> {_esc(footnote_text(doc), ent)}</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render(doc: DocSpec, rng: Random, publishable: bool = False) -> tuple[bytes, dict]:
    """The file's bytes and the defects actually written.

    ``publishable``: leave out what today's parser or blocking checks reject, so that an end-to-end run
    publishes: "1." read for "l." (the parser keeps it as text), NATO HTML paragraphs with classed
    ``<p>`` and ``&nbsp;`` (the coverage test counted the markup as lost text) and, in the planner, the UN
    and EP styles (the GE rule clause_ref_format accepts "12", "12.c", "p3" but not "pp3" or "A").
    """
    lists = doc.fmt == "html" and doc.style == "nato" and (rng.random() < 0.5 or publishable)
    if lists:
        for top in doc.tops:
            top.marker = None
            for sub in top.subs:
                sub.marker = None
    applied = decide_defects(doc, rng, lists, publishable)
    applied["html_lists"] = lists
    if doc.fmt == "txt":
        text = render_txt(doc, rng, applied)
    elif doc.fmt == "md":
        text = render_md(doc, rng, applied)
    else:
        text = render_html(doc, rng, applied, lists)
    encoding = "utf-8"
    if doc.fmt == "txt" and rng.random() < 0.05:
        try:
            return text.encode("cp1252"), {**applied, "encoding": "cp1252"}
        except UnicodeEncodeError:
            pass
    return text.encode(encoding), {**applied, "encoding": encoding}
