"""Pledge mentions in clause text: the aliases of seed pledges matched in Python (pipelines/facts/pledges.py)."""

import csv
from array import array

from pipelines.facts import RAW_PLEDGE_MENTIONS_SCHEMA, extract_clause_facts
from pipelines.facts.pledges import load_pledges, match_pledges
from pipelines.parsing.model import Clause, DocumentMeta, ParsedDocument


def _pledges(tmp_path, rows):
    with open(tmp_path / "pledges.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["pledge_id", "name", "aliases", "figure_value", "figure_unit", "description"])
        w.writerows([(pid, pid, aliases, "", "", "") for pid, aliases in rows])
    return load_pledges(tmp_path)


def test_pledge_names_overlap_longest_wins_and_acronyms_keep_case(tmp_path):
    pledges = _pledges(tmp_path, [("dip", "Defen[cs]e Investment Pledge"),
                                  ("hague", "Hague Defen[cs]e Investment Pledge"),
                                  ("nice", "Industrial Capacity Expansion Pledge|(?-i:NICE)")])
    text = "to agree on a Hague Defence Investment Pledge, beyond the Defence Investment Pledge;"
    got = [(m.pledge_id, m.mention_text, m.text_start) for m in match_pledges(text, pledges)]
    assert got == [("hague", "Hague Defence Investment Pledge", 14), ("dip", "Defence Investment Pledge", 58)]
    assert [(m.pledge_id, m.text_start) for m in match_pledges("to deliver on NICE;", pledges)] == [("nice", 14)]
    assert match_pledges("to have a nice summit;", pledges) == []


def test_a_clause_mentions_a_pledge_once_at_its_first_mention():
    (m,) = match_pledges("the Defence Investment Pledge, and again the Defence Investment Pledge")
    assert (m.pledge_id, m.text_start) == ("defence_investment_pledge", 4)


def test_the_raw_frame_carries_clause_offsets_and_source_offsets():
    text = "to meet the Cyber Defence Pledge;"
    clause = Clause(ref="1.a", kind="sub_operative", text=text, char_start=1000, char_end=1000 + len(text) + 3)
    clause.text_origin = array("i", range(1003, 1003 + len(text)))
    meta = DocumentMeta(doc_id="doc-a", source_file="doc-a.txt", sha256="0" * 64)
    frame = extract_clause_facts(ParsedDocument(meta, [clause], []))["raw_pledge_mentions"]
    assert dict(frame.schema) == RAW_PLEDGE_MENTIONS_SCHEMA
    row = frame.row(0, named=True)
    assert (row["pledge_id"], row["mention_text"], row["match_start"]) == (
        "cyber_defence_pledge", "Cyber Defence Pledge", 12)
    assert (row["char_start"], row["char_end"]) == (1015, 1035)
