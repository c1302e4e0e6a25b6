"""Topics of clauses: the patterns of seed topic_taxonomy matched in Python (pipelines/facts/topics.py)."""

from array import array

from pipelines.facts import RAW_TOPIC_MENTIONS_SCHEMA, extract_clause_facts
from pipelines.facts.topics import load_taxonomy, match_topics
from pipelines.parsing.model import Clause, DocumentMeta, ParsedDocument


def _taxonomy(tmp_path, rows: list[tuple[str, str, str]]):
    lines = ["topic_key,label,pattern", *(",".join(r) for r in rows)]
    (tmp_path / "topic_taxonomy.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_taxonomy(tmp_path)


def test_patterns_match_whole_words_case_insensitively_and_a_topic_keeps_its_earliest_match(tmp_path):
    taxonomy = _taxonomy(tmp_path, [("space", "Space", "satellites?"), ("space", "Space", "militari[sz]ation of space"),
                                    ("space", "Space", "space"), ("cyber", "Cyber", r"cyber(?:[\w-]*\w)?")])
    text = "Spacecraft makers and Cyberspace; militarisation of space and satellites"
    got = [(t.topic_key, t.matched_phrase, t.text_start) for t in match_topics(text, taxonomy)]
    assert got == [("cyber", "Cyberspace", 22), ("space", "militarisation of space", 34)]
    assert match_topics("no topic here", taxonomy) == []


def test_the_raw_frame_carries_clause_offsets_and_source_offsets():
    text = "to strengthen cyber defences;"
    clause = Clause(ref="1.a", kind="sub_operative", text=text, char_start=1000, char_end=1000 + len(text) + 3)
    clause.text_origin = array("i", range(1003, 1003 + len(text)))  # the marker "a. " comes first
    meta = DocumentMeta(doc_id="doc-a", source_file="doc-a.txt", sha256="0" * 64)
    frame = extract_clause_facts(ParsedDocument(meta, [clause], []))["raw_topic_mentions"]
    assert dict(frame.schema) == RAW_TOPIC_MENTIONS_SCHEMA
    row = frame.filter(frame["topic_key"] == "cyber").row(0, named=True)
    assert (row["clause_ref"], row["matched_phrase"], row["match_start"]) == ("1.a", "cyber", 14)
    assert (row["char_start"], row["char_end"]) == (1017, 1022)
