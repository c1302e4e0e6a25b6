"""Document expectations are findings about one document, with a severity that decides its status.

Texts are written here in the genre's layouts (numbered, lettered, roman sub-items, a preamble only, a
cut-off text); coverage is checked on documents built span by span, so the figure is known exactly.
"""

from datetime import date, datetime

import pytest

from pipelines import findings
from pipelines.findings.coverage import body_coverage
from pipelines.parsing import parse_bytes
from pipelines.parsing.model import Clause, DocumentMeta, ParsedDocument, ParseIssue

TODAY = date(2026, 12, 1)
PREAMBLE = "The General Assembly,\n\nRecalling its earlier resolutions on the matter,\n\n"


def parsed(body: str, name: str = "variant.txt") -> ParsedDocument:
    (doc,) = parse_bytes((PREAMBLE + body).encode(), name)
    return doc


def checks(doc: ParsedDocument) -> dict[str, list[findings.Finding]]:
    out: dict[str, list[findings.Finding]] = {}
    for f in findings.review(doc, TODAY):
        out.setdefault(f.check_name, []).append(f)
    return out


def test_a_well_formed_text_has_no_finding_above_info():
    doc = parsed("1. Decides to remain seized of the matter;\n\n2. Requests a report within six months.\n")
    found = findings.review(doc, TODAY)
    assert {f.severity for f in found} <= {"info"}
    assert findings.STATUS_BY_SEVERITY[findings.worst_severity(found)] == "ok"


@pytest.mark.parametrize("numbers,broken", [((1, 2, 4), "4"), ((2, 3), "2"), ((1, 3, 4, 6), "3")])
def test_a_numbering_gap_is_one_finding_at_the_clause_after_it(numbers, broken):
    body = "\n\n".join(f"{n}. Decides to act on item {n};" for n in numbers[:-1])
    body += f"\n\n{numbers[-1]}. Decides to remain seized of the matter.\n"
    found = checks(parsed(body)).get("numbering_not_contiguous", [])
    assert found and found[0].clause_ref == broken and found[0].severity == "warning"
    assert len(found) == sum(1 for a, b in zip((0, *numbers), numbers, strict=False) if b != a + 1)


def test_contiguous_numbering_after_an_unnumbered_preamble_is_not_a_finding():
    doc = parsed("1. Decides to act;\n\n2. Decides to remain seized of the matter.\n")
    assert "numbering_not_contiguous" not in checks(doc)


def test_a_skipped_letter_is_one_finding_and_the_list_goes_on_from_it():
    body = ("1. Calls upon all States:\n\n(a) To cooperate fully;\n\n(c) To report regularly;\n\n"
            "(d) To refrain from any action;\n\n2. Decides to remain seized of the matter.\n")
    found = checks(parsed(body)).get("lettering_not_contiguous", [])
    assert [f.clause_ref for f in found] == ["1.c"]


def test_roman_sub_items_are_checked_in_their_own_style():
    good = ("1. Calls upon all States:\n\n(i) To cooperate fully;\n\n(ii) To report regularly;\n\n"
            "(iii) To refrain from any action;\n\n2. Decides to remain seized of the matter.\n")
    assert "lettering_not_contiguous" not in checks(parsed(good))
    doc = parsed(good.replace("(iii)", "(iv)"))
    third = [c.ref for c in doc.clauses if c.parent_ref == "1"][2]
    assert [f.clause_ref for f in checks(doc).get("lettering_not_contiguous", [])] == [third]


def test_a_text_with_a_preamble_only_is_flagged_not_refused():
    doc = parsed("Noting with concern the situation in the region,\n\n"
                 "Bearing in mind the relevant provisions of the Charter,\n")
    found = checks(doc)["no_operative_clause"]
    assert found[0].severity == "warning" and found[0].clause_ref is None
    assert not findings.is_held_back(findings.review(doc, TODAY))


def test_a_cut_off_text_is_flagged_at_its_last_clause():
    doc = parsed("1. Decides to act;\n\n2. Requests the Secretary-General to report to the Council on")
    found = checks(doc)["truncated"]
    assert found[0].clause_ref == "2" and found[0].severity == "warning"


# -- coverage, on documents built span by span ---------------------------------------------------------

def built(paragraphs: list[str], in_clauses: list[bool], set_aside: list[bool] | None = None) -> ParsedDocument:
    """A document whose body is ``paragraphs``; the ones marked True are clauses, the ones marked
    ``set_aside`` are reported by a parse issue that belongs to no clause."""
    text, clauses, issues, cursor = "", [], [], 0
    set_aside = set_aside or [False] * len(paragraphs)
    for p, is_clause, aside in zip(paragraphs, in_clauses, set_aside, strict=True):
        start, end = cursor, cursor + len(p)
        if is_clause:
            clauses.append(Clause(ref=str(len(clauses) + 1), kind="operative", text=p, char_start=start, char_end=end))
        elif aside:
            issues.append(ParseIssue("footnote", "set aside", start, end, None, "info"))
        text += p + "\n\n"
        cursor = len(text)
    meta = DocumentMeta(doc_id="built", source_file="built.txt", sha256="0" * 64, title="A title", number=1,
                        adopted_on="2020-01-01", body_start=0, body_end=len(text))
    return ParsedDocument(meta, clauses, issues, source_text=text)


WORDS = "Decides to remain actively seized of the matter."  # 38 letters and digits


@pytest.mark.parametrize("in_clauses,expected_severity", [
    ([True] * 10, None),
    ([True] * 9 + [False], "warning"),         # 90% covered: a tenth in no clause is not yet suspect
    ([True] * 17 + [False] * 3, "suspect"),    # 85%
    ([True] * 6 + [False] * 4, "suspect"),     # 60%
    ([True] * 4 + [False] * 6, "held_back"),   # 40%
])
def test_coverage_severity_follows_the_share_of_the_body_in_clauses(in_clauses, expected_severity):
    doc = built([WORDS] * len(in_clauses), in_clauses)
    share = body_coverage(doc).share
    assert share == pytest.approx(sum(in_clauses) / len(in_clauses))
    found = checks(doc).get("body_coverage", [])
    assert (found[0].severity if found else None) == expected_severity


def test_a_lost_paragraph_is_named_by_the_clause_after_it():
    doc = built([WORDS] * 5, [True, True, False, True, True])
    (finding,) = checks(doc)["body_coverage"]
    assert finding.clause_ref == "3"  # the third clause follows the lost paragraph
    start = doc.source_text.index(WORDS, len(WORDS) * 2)
    assert (finding.char_start, finding.char_end)[0] <= start < finding.char_end


def test_text_the_parser_set_aside_and_reported_is_not_missing():
    doc = built([WORDS] * 4, [True, False, True, True], set_aside=[False, True, False, False])
    assert body_coverage(doc).share == 1.0
    assert "body_coverage" not in checks(doc)


# -- metadata ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("adopted_on,plausible", [
    ("1066-10-14", False), ("2099-01-01", False), ("1944-12-31", False),
    ("1945-01-01", True), ("2027-11-30", True),
])
def test_an_implausible_adoption_date_is_withheld_with_a_finding(adopted_on, plausible):
    doc = built([WORDS], [True])
    doc.document.adopted_on = adopted_on
    fields = [field for field, _ in findings.implausible_metadata(doc, TODAY)]
    assert (fields == []) == plausible
    assert ("adoption_date_implausible" in checks(doc)) == (not plausible)
    findings.withhold(doc, fields)
    assert (doc.document.adopted_on is None) == (not plausible)


@pytest.mark.parametrize("printed", ["0000-05-12", "2024-02-30", "0999-01-01"])
def test_a_printed_date_that_is_no_calendar_date_is_a_finding_naming_it_not_a_missing_date(printed):
    (doc,) = parse_bytes(f"RESOLUTION 901\n\nON TESTING\n\nAdopted on {printed}\n\n{PREAMBLE}"
                         "1. Decides to remain seized of the matter.\n".encode(), "dated.txt")
    found = checks(doc)
    assert [f.message for f in found.get("adoption_date_implausible", [])] and printed in \
        found["adoption_date_implausible"][0].message
    assert "adoption_date_missing" not in found
    findings.withhold(doc, [field for field, _ in findings.implausible_metadata(doc, TODAY)])
    assert doc.document.adopted_on is None  # withheld, never loaded as a date


def test_missing_metadata_is_information_only():
    doc = built([WORDS], [True])
    doc.document.title = doc.document.adopted_on = doc.document.number = None
    found = findings.review(doc, TODAY)
    assert {f.check_name for f in found} == {"title_missing", "adoption_date_missing", "number_missing"}
    assert findings.STATUS_BY_SEVERITY[findings.worst_severity(found)] == "ok"


def test_every_check_a_review_can_emit_is_documented():
    docs = [built([WORDS] * 4, [True, False, False, False]), parsed("Noting the situation,\n"),
            parsed("1. Decides to act;\n\n(a) To do;\n\n(c) To do;\n\n3. Requests a report on")]
    docs[0].document.adopted_on = "1066-01-01"
    emitted = {f.check_name for d in docs for f in findings.review(d, TODAY)}
    assert emitted <= set(findings.CHECKS)
    assert {f.severity for d in docs for f in findings.review(d, TODAY)} <= set(findings.SEVERITIES)


# -- in the ingest ------------------------------------------------------------------------------------------

def test_a_document_mostly_in_no_clause_is_held_back_and_the_others_load(tmp_path):
    """The parser is the real one for every file but one, whose parse keeps only a tenth of its body in
    clauses (a layout the parser misreads): that file is quarantined as held_back, the others load."""
    import duckdb

    from pipelines.parsing import UnreadableDocument
    from pipelines.warehouse.ingest import ingest
    from tests.conftest import RAW_SAMPLES

    raw = tmp_path / "raw"
    raw.mkdir()
    for p in RAW_SAMPLES:
        (raw / p.name).write_bytes(p.read_bytes())
    (raw / "misread.txt").write_text("placeholder", encoding="utf-8")

    def parser(data, name, **kw):
        if name != "misread.txt":
            return parse_bytes(data, name, **kw)
        doc = built([WORDS] * 10, [True] + [False] * 9)
        doc.document.doc_id, doc.document.source_file = "misread", name
        return [doc]

    db = tmp_path / "w.duckdb"
    report = ingest(db, raw, now=datetime(2026, 1, 1), parser=(parser, UnreadableDocument))
    (held,) = report.quarantined
    assert held["source_file"] == "misread.txt" and held["reason"] == "held_back"
    assert "body_coverage" in held["message"] and "10.0%" in held["message"] and held["hint"]
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = {r[0] for r in con.execute("select source_file from raw.raw_documents").fetchall()}
        statuses = {r[0] for r in con.execute("select quality_status from raw.raw_documents").fetchall()}
        findings_docs = {r[0] for r in con.execute("select doc_id from raw.raw_document_findings").fetchall()}
    assert loaded == {p.name for p in RAW_SAMPLES}
    assert statuses == {"ok"} and "misread" not in findings_docs


@pytest.mark.parametrize("defect,expected", [
    (lambda d: setattr(d.clauses[1], "text", "  "), "has no text"),
    (lambda d: setattr(d.clauses[1], "char_end", d.clauses[1].char_start), "outside the text"),
    (lambda d: setattr(d.clauses[2], "char_start", d.clauses[1].char_end - 3), "overlap"),
    (lambda d: setattr(d.clauses[1], "ref", "1"), "appears twice"),
    (lambda d: setattr(d.clauses[1], "ref", "1.2.3"), "not a form"),
    (lambda d: setattr(d.clauses[1], "kind", "sub_operative"), "disagree"),
])
def test_a_document_whose_clauses_break_the_warehouse_shape_is_held_back(defect, expected):
    doc = built([WORDS] * 3, [True] * 3)
    defect(doc)
    found = [f for f in findings.review(doc, TODAY) if f.check_name == "parse_defect"]
    assert found and expected in found[0].message and findings.is_held_back(findings.review(doc, TODAY))
