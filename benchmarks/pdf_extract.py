"""PDF text extraction: pypdfium2 (what the parser uses) against pdfplumber, on the same files.

    uv run python -m benchmarks.pdf_extract          # prints JSON; benchmarks.run writes results/pdf.json

The files are the sample documents laid out by ReportLab (benchmarks/typeset.py): one column with the
text's own lines, two hyphenated columns with a footnote, and the declaration reflowed, each repeated to
make a longer document. Each library is timed two ways: its own plain text call, and its glyph boxes fed
to the same reading-order code (pipelines/parsing/pdflayout.py), so the layout does not decide the race.
Accuracy: the clause refs, kinds and lemmas of the parsed text against those of the text file.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from benchmarks.typeset import MARK, PdfLayout, blocks_from_markdown, blocks_from_text, render_pdf
from pipelines.parsing import parse_bytes, parse_text
from pipelines.parsing.pdflayout import Glyph, body_size_of, page_text

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"


def sample_files() -> dict[str, tuple[bytes, str]]:
    """name -> (PDF bytes, the raw text file it was laid out from)."""
    r494 = (RAW / "nato-pa-resolution-494.txt").read_text(encoding="utf-8")
    d496 = (RAW / "nato-pa-declaration-496.md").read_text(encoding="utf-8")
    two = blocks_from_text(r494)
    two[5].lines[-1] += MARK
    two[5].notes.append(("1", "See the Washington Summit Declaration, paragraph 12."))
    return {
        "494 one column": (render_pdf(blocks_from_text(r494), PdfLayout(running_head="NATO PA — Resolution 494",
                                                                        page_numbers="Page {n}"))[0],
                           "nato-pa-resolution-494.txt"),
        "494 two columns": (render_pdf(two, PdfLayout(columns=2, keep_lines=False, hyphenate=True, font="Vera",
                                                      font_size=9, running_head="NATO PA — Resolution 494",
                                                      page_numbers="- {n} -"))[0], "nato-pa-resolution-494.txt"),
        "496 reflowed": (render_pdf(blocks_from_markdown(d496), PdfLayout(keep_lines=False, hyphenate=True,
                                                                          running_head="NATO PA — Declaration 496"))[0],
                         "nato-pa-declaration-496.md"),
    }


def pdfium_plain(data: bytes) -> tuple[str, int]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    text = "\n".join(pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf)))
    return text, len(pdf)


def pdfium_layout(data: bytes) -> tuple[str, int]:
    from pipelines.parsing.pdf import extract_pdf

    ex = extract_pdf(data, "bench.pdf")
    return ex.text, len(ex.page_starts or [])


def plumber_plain(data: bytes) -> tuple[str, int]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages), len(pdf.pages)


def plumber_layout(data: bytes) -> tuple[str, int]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = []
        for p in pdf.pages:
            h = p.height
            # pdfplumber measures from the top; the layout code works in PDF space (y up)
            pages.append(([Glyph(c["text"], c["x0"], h - c["bottom"], c["x1"], h - c["top"]) for c in p.chars],
                          p.width))
    body = body_size_of([g.size for glyphs, _ in pages for g in glyphs])
    lines = []
    for glyphs, width in pages:
        lines.extend(page_text(glyphs, width, body).lines)
    return "\n".join(lines) + "\n", len(pages)


METHODS = {"pypdfium2 + layout (used)": pdfium_layout, "pypdfium2 plain text": pdfium_plain,
           "pdfplumber chars + layout": plumber_layout, "pdfplumber extract_text": plumber_plain}


def accuracy(text: str, raw_name: str) -> dict:
    truth = parse_bytes((RAW / raw_name).read_bytes(), raw_name)[0].clauses
    try:
        got = parse_text(text, "bench.txt", fmt="text")[0].clauses
    except Exception:  # noqa: BLE001 - an extraction the parser cannot read scores zero
        got = []
    want = [(c.ref, c.kind, c.lemma) for c in truth]
    have = {(c.ref, c.kind, c.lemma) for c in got}
    return {"clauses_expected": len(want), "clauses_found": len(got),
            "ref_kind_lemma_matched": sum(1 for w in want if w in have),
            "refs_identical": [c.ref for c in got] == [c.ref for c in truth]}


def run(repeat: int = 5) -> dict:
    out: dict = {"files": {}, "methods": {}}
    files = sample_files()
    for name, (data, raw_name) in files.items():
        out["files"][name] = {"bytes": len(data)}
        for method, fn in METHODS.items():
            best, pages, text = float("inf"), 0, ""
            for _ in range(repeat):
                t0 = time.perf_counter()
                text, pages = fn(data)
                best = min(best, time.perf_counter() - t0)
            row = out["methods"].setdefault(method, {"seconds": 0.0, "pages": 0, "files": {}})
            row["seconds"] += best
            row["pages"] += pages
            row["files"][name] = {"seconds": round(best, 4), "pages": pages, **accuracy(text, raw_name)}
    for row in out["methods"].values():
        row["pages_per_s"] = round(row["pages"] / row["seconds"], 1)
        row["seconds"] = round(row["seconds"], 4)
    return out


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
