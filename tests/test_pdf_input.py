"""PDF and Word input: real files laid out by ReportLab and python-docx parse like their text.

The files are made by benchmarks/typeset.py from the sample documents in raw/ (one and two columns,
running heads, page numbers, a footnote at the foot of a page, typesetter hyphenation, Word automatic
numbering); the scanned, encrypted and damaged PDFs are made by the same writers.
"""

from __future__ import annotations

import json
import re

import duckdb
import pypdfium2 as pdfium
import pytest
from conftest import run_cli
from parsing_helpers import RAW_DIR, load_gold, norm

from benchmarks.typeset import (
    MARK,
    PdfLayout,
    blocks_from_markdown,
    blocks_from_text,
    render_docx,
    render_pdf,
    render_scanned_pdf,
)
from pipelines.parsing import UnreadableDocument, parse_bytes

R494 = "nato-pa-resolution-494"
D496 = "nato-pa-declaration-496"
NOTE = "See the Washington Summit Declaration, paragraph 12."


def _text(doc_id: str) -> bytes:
    return next(RAW_DIR.glob(f"{doc_id}.*")).read_bytes()


def _blocks(doc_id: str):
    path = next(RAW_DIR.glob(f"{doc_id}.*"))
    text = path.read_text(encoding="utf-8")
    return blocks_from_markdown(text) if path.suffix == ".md" else blocks_from_text(text)


@pytest.fixture(scope="session")
def files() -> dict[str, tuple[bytes, dict]]:
    """name -> (file bytes, page of each block as the layout engine set it)."""
    out = {}
    # Resolution 494 as its PDF printed it: its own line breaks, a running head, "Page n" footers
    out["494-one-column.pdf"] = render_pdf(_blocks(R494), PdfLayout(running_head="NATO PA — Resolution 494",
                                                                    page_numbers="Page {n}"))
    # reflowed into two justified columns, hyphenated, an embedded TrueType font, a footnote on clause 3
    blocks = _blocks(R494)
    third = next(b for b in blocks if b.text.startswith("3. Welcoming"))
    third.lines[-1] += MARK
    third.notes.append(("1", NOTE))
    out["494-two-columns.pdf"] = render_pdf(blocks, PdfLayout(
        columns=2, keep_lines=False, hyphenate=True, font="Vera", font_size=9,
        running_head="NATO Parliamentary Assembly — Resolution 494", page_numbers="- {n} -"))
    out["496.pdf"] = render_pdf(_blocks(D496), PdfLayout(keep_lines=False, hyphenate=True,
                                                         running_head="NATO PA — Declaration 496"))
    out["496.docx"] = (render_docx(_blocks(D496)), {})
    out["scanned.pdf"] = (render_scanned_pdf(_blocks(R494)), {})
    out["encrypted.pdf"] = (render_pdf(_blocks(R494), encrypt_password="assembly")[0], {})
    whole = out["494-one-column.pdf"][0]
    out["damaged.pdf"] = (whole[: len(whole) // 3], {})  # a download cut off a third of the way in
    return out


@pytest.fixture(scope="session")
def parsed(files):
    return {name: parse_bytes(data, name)[0] for name, (data, _) in files.items()
            if name not in ("scanned.pdf", "encrypted.pdf", "damaged.pdf")}


def _strip_marks(s: str) -> str:
    return re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]", "", s)


@pytest.mark.parametrize("name,doc_id", [("494-one-column.pdf", R494), ("494-two-columns.pdf", R494),
                                         ("496.pdf", D496), ("496.docx", D496)])
def test_the_pdf_or_word_file_gives_the_clauses_of_its_text(parsed, name, doc_id):
    text = parse_bytes(_text(doc_id), f"{doc_id}.txt")[0]
    mine = parsed[name]
    assert [(c.ref, c.kind, c.lemma, c.lead_verb) for c in mine.clauses] == \
        [(c.ref, c.kind, c.lemma, c.lead_verb) for c in text.clauses]
    assert mine.document.number == text.document.number
    assert mine.document.doc_type == text.document.doc_type
    assert norm(mine.document.title) == norm(text.document.title)


@pytest.mark.parametrize("name,doc_id,fields", [
    ("494-one-column.pdf", R494, ["kind", "marker_as_written", "letter_inferred", "lead_phrase", "lemma",
                                  "intensifier", "addressee", "lead_verb", "text"]),
    # Word numbers every sub-clause itself, so its markers are the printed a), b) ... not the text's
    ("496.docx", D496, ["kind", "lead_phrase", "lemma", "intensifier", "addressee", "lead_verb", "text"]),
])
def test_the_pdf_of_494_and_the_word_file_of_496_parse_to_the_gold_clauses(parsed, name, doc_id, fields):
    gold = load_gold()[doc_id]
    mine = parsed[name]
    assert [c.ref for c in mine.clauses] == [c["ref"] for c in gold["clauses"]]
    for g, c in zip(gold["clauses"], mine.clauses, strict=True):
        got = c.as_dict()
        for field in fields:
            if field in g:
                assert norm(got[field]) == norm(g[field]), (c.ref, field)
    for field in ("doc_type", "number", "adopted_on", "adopted_by", "session", "place"):
        assert norm(getattr(mine.document, field)) == norm(gold["document"][field]), field


def test_word_numbering_is_rendered_as_printed(parsed):
    doc = parsed["496.docx"]
    markers = {c.ref: c.marker_as_written for c in doc.clauses}
    assert markers["1"] == "1." and markers["26"] == "26."
    assert markers["26.a"] == "a)" and markers["26.z"] == "z)" and markers["26.aa"] == "aa)"
    assert not any(c.letter_inferred for c in doc.clauses if c.kind == "sub_operative")


def test_footnotes_are_kept_out_of_the_clauses_and_feed_the_adoption_metadata(parsed):
    for name in ("496.pdf", "496.docx"):
        doc = parsed[name]
        assert doc.document.adopted_on == "2025-05-26", name
        assert not any("Adopted by" in c.text for c in doc.clauses), name
    two = parsed["494-two-columns.pdf"]
    assert not any(NOTE[:30] in c.text for c in two.clauses)
    note = [i for i in two.issues if i.kind == "footnote"]
    assert len(note) == 1 and NOTE in two.source_text[note[0].char_start:note[0].char_end]
    assert {c.ref: c.text for c in two.clauses}["3"].endswith("arrangements;¹")  # the mark, as printed


def test_two_columns_are_read_left_column_first(parsed):
    text = parsed["494-two-columns.pdf"].source_text
    # clause 1 starts the left column of page 1; clause 2 follows it in the same column
    assert text.index("1. Recognising") < text.index("2. Applauding") < text.index("3. Welcoming")


def test_typesetter_hyphenation_is_undone(parsed):
    clauses = {c.ref: c.text for c in parsed["494-two-columns.pdf"].clauses}
    assert "exceed-\ning" in parsed["494-two-columns.pdf"].source_text  # the layout did hyphenate
    assert "exceeding" in clauses["4"]
    # hyphens the typesetter added at line ends are gone; the text's own compounds keep theirs
    assert "reaffirming" in clauses["1"] and "Euro-Atlantic" in clauses["1"]
    assert "internationally" in clauses["6"]


@pytest.mark.parametrize("name", ["494-one-column.pdf", "494-two-columns.pdf", "496.pdf"])
def test_every_clause_records_the_pages_its_span_covers(files, parsed, name):
    data, pages = files[name]
    doc = parsed[name]
    n_pages = len(pdfium.PdfDocument(data))
    assert all(c.page_start is not None and 1 <= c.page_start <= c.page_end for c in doc.clauses)
    assert doc.clauses[-1].page_end == n_pages  # the last clause ends on the last page
    checked = 0
    for c in doc.clauses:
        if c.kind == "sub_operative":
            continue
        head = f"{c.marker_as_written} {c.text}"[:30]
        key = next((k for k in pages if _strip_marks(k)[:30] == head), None)
        if key is not None:  # the page the layout engine set the paragraph's first line on
            assert c.page_start == pages[key], (c.ref, c.page_start, pages[key])
            checked += 1
    assert checked >= 10, checked
    assert any(c.page_end > c.page_start for c in doc.clauses)  # some clause runs over a page break


def test_every_span_indexes_the_extracted_text(parsed):
    for name, doc in parsed.items():
        for c in doc.clauses:
            window = doc.source_text[c.char_start:c.char_end]
            assert c.text.split()[0] in window, (name, c.ref)


def test_word_input_has_no_pages_and_records_its_table(parsed):
    doc = parsed["496.docx"]
    assert all(c.page_start is None and c.page_end is None for c in doc.clauses)
    assert any(i.kind == "docx_table" for i in doc.issues)
    assert "Votes for" not in doc.source_text


@pytest.mark.parametrize("name,reason,hint", [
    ("scanned.pdf", "scanned_pdf", "OCR it first"),
    ("encrypted.pdf", "encrypted_pdf", "password"),
    ("damaged.pdf", "damaged_pdf", "export it again"),
])
def test_unreadable_pdfs_are_refused_with_their_own_reason_and_hint(files, name, reason, hint):
    with pytest.raises(UnreadableDocument) as err:
        parse_bytes(files[name][0], name)
    assert err.value.reason == reason
    assert hint in err.value.hint


def test_a_text_pdf_is_read_whatever_its_file_name(files):
    docs = parse_bytes(files["496.pdf"][0], "declaration.txt")
    assert docs[0].document.source_format == "pdf" and len(docs[0].clauses) == 58


def test_cli_parse_reads_pdf_and_docx_and_help_lists_the_formats(files, tmp_path):
    pdf = tmp_path / "r494.pdf"
    pdf.write_bytes(files["494-one-column.pdf"][0])
    out = run_cli("parse", str(pdf), "--json", check_codes={0})
    payload = json.loads(out.stdout)
    assert payload["document"]["source_format"] == "pdf"
    assert payload["clauses"][0]["page_start"] == 1
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(files["scanned.pdf"][0])
    refused = run_cli("parse", str(scanned), check_codes={1})
    assert "scanned_pdf" in refused.stderr and "OCR it first" in refused.stderr
    helptext = run_cli("parse", "--help", check_codes={0}).stdout
    assert ".pdf" in helptext and ".docx" in helptext


@pytest.mark.slow
def test_pdf_and_word_files_publish_and_bad_pdfs_are_quarantined(files, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("494-one-column.pdf", "496.docx", "scanned.pdf", "encrypted.pdf", "damaged.pdf"):
        (raw / name).write_bytes(files[name][0])
    wh = tmp_path / "warehouse"
    proc = run_cli("run", "--raw-dir", str(raw), "--warehouse-dir", str(wh), check_codes={3})
    assert "scanned_pdf" in proc.stdout
    with duckdb.connect(str(wh / "warehouse.duckdb"), read_only=True) as con:
        quarantined = dict(con.execute("select source_file, reason from dim_quarantine").fetchall())
        pages = con.execute("select count(*), min(page_start), max(page_end) from fct_clauses "
                            "where doc_id = '494-one-column'").fetchone()
        word = con.execute("select count(*), count(page_start) from fct_clauses where doc_id = '496'").fetchone()
    assert {k: v for k, v in quarantined.items() if k.endswith(".pdf")} == {
        "scanned.pdf": "scanned_pdf", "encrypted.pdf": "encrypted_pdf", "damaged.pdf": "damaged_pdf"}
    assert pages[0] == 35 and pages[1] == 1 and pages[2] >= 3
    assert word == (58, 0)
