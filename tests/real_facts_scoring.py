"""Scores a published warehouse's fact tables against the hand-annotated facts of real documents
(``tests/fixtures/real_facts/``: commitments, targets, entity mentions, topics, read by people).

``python -m tests.real_facts_scoring WAREHOUSE.duckdb`` prints precision and recall per fact table, the
share of operative clauses with a topic and the precision of their CAP codes, and (-v) every miss.
Matching is per clause: a commitment matches on its action verb, a target on its words, an entity mention
on its words; fields are then compared on the matched pairs (a target: kind, value, value_high, unit by its
head noun, a deadline's date).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines.parsing import slug

FIXTURES = Path(__file__).parent / "fixtures" / "real_facts"
_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", (text or "").replace("’", "'")).strip().casefold()


@dataclass
class TableScore:
    annotated: int = 0
    extracted: int = 0
    matched: int = 0
    fully_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 0.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0


def _match(wanted: list[dict], got: list[dict], key) -> list[tuple[dict, dict | None]]:
    """Each annotated row with the first unused extracted row of the same clause and key."""
    used: set[int] = set()
    out = []
    for w in wanted:
        hit = next((i for i, g in enumerate(got) if i not in used and g["clause_ref"] == w["clause_ref"]
                    and key(w, g)), None)
        if hit is not None:
            used.add(hit)
        out.append((w, got[hit] if hit is not None else None))
    return out


def _same_action(w: dict, g: dict) -> bool:
    return _norm(g["action_lemma"]) == _norm(w["action"])


def _commitment_right(w: dict, g: dict) -> bool:
    deadline = str(g["deadline_date"]) if g["deadline_date"] else None
    return (bool(g["is_continuation"]) == bool(w["is_continuation"])
            and deadline == w["deadline_date"]
            and g["addressee_kind"] == w["addressee_kind"]
            and (_norm(w["addressee"]) in _norm(g["addressee"]) or w["addressee_kind"] == "self"
                 and not g["addressee"]))


def _unit_head(unit: str | None) -> str:
    """The head noun of a unit in the singular: "special sessions" and "special session" are one unit,
    so are "South African refugees" and "refugee" (the warehouse keeps a counted noun as printed)."""
    word = _norm(unit).split(" ")[-1] if unit else ""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _target_right(w: dict, g: dict) -> bool:
    """Kind, value (and the high end of a range), and unit; for a deadline its date instead of a unit."""
    if w.get("kind") and g["target_kind"] != w["kind"]:
        return False
    if w.get("value") is not None and (g["value"] is None or abs(g["value"] - w["value"]) > 0.01):
        return False
    if w.get("value_high") is not None and (g["value_high"] is None or abs(g["value_high"] - w["value_high"]) > 0.01):
        return False
    if w.get("kind") == "deadline":
        return w.get("date") is None or str(g["target_date"]) == w["date"]
    return w.get("unit") is None or _unit_head(g["unit"]) == _unit_head(w["unit"])


def _overlapping(annotated: str, extracted: str):
    """Rows match when one's words contain the other's."""
    return lambda w, g: _norm(g[extracted]) in _norm(w[annotated]) or _norm(w[annotated]) in _norm(g[extracted])


@dataclass(frozen=True)
class _Table:
    fixture_key: str  # the list in the fixture, and the name of the score
    sql: str  # the extracted rows of one document (parameter: doc_id)
    matches: object  # (annotated, extracted) -> bool, within one clause
    described_by: str  # the annotated field a miss is reported by
    noun: str
    right: object  # (annotated, extracted) -> bool: every compared field right


TABLES = (
    _Table("commitments", "select clause_ref, action_lemma, addressee, addressee_kind, is_continuation, "
                          "deadline_date from main.fct_commitment_actions where doc_id = ? order by clause_ref, "
                          "action_ordinal",
           _same_action, "action", "action", _commitment_right),
    _Table("targets", "select clause_ref, span_text, target_kind, value, value_high, unit, target_date "
                      "from main.fct_targets where doc_id = ?",
           _overlapping("span_text", "span_text"), "span_text", "target", _target_right),
    _Table("entities", "select clause_ref, mention_text, entity_name from main.fct_entity_mentions "
                       "where doc_id = ? order by clause_ref, match_start",
           _overlapping("mention_text", "mention_text"), "mention_text", "entity",
           lambda w, g: _norm(g["entity_name"]) == _norm(w["canonical"])),
)


def score(db_path: Path) -> dict[str, TableScore]:
    scores = {t.fixture_key: TableScore() for t in TABLES}
    with duckdb.connect(str(db_path), read_only=True) as con:
        for path in sorted(FIXTURES.glob("*.json")):
            fx = json.loads(path.read_text(encoding="utf-8"))
            doc_id = slug(Path(fx["source"]).name)
            for table in TABLES:
                cur = con.execute(table.sql, [doc_id])
                names = [d[0] for d in cur.description]
                got = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
                s = scores[table.fixture_key]
                s.annotated += len(fx[table.fixture_key])
                s.extracted += len(got)
                for w, g in _match(fx[table.fixture_key], got, table.matches):
                    if g is None:
                        s.misses.append(f"{path.stem} {w['clause_ref']}: {table.noun} "
                                        f"{w[table.described_by]!r} not found")
                        continue
                    s.matched += 1
                    s.fully_right += table.right(w, g)
    return scores


def topic_coverage(db_path: Path) -> tuple[int, int]:
    """(operative and sub-operative clauses of the annotated documents with a topic, all of them)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        total = covered = 0
        for path in sorted(FIXTURES.glob("*.json")):
            fx = json.loads(path.read_text(encoding="utf-8"))
            doc_id = slug(Path(fx["source"]).name)
            with_topic = {r[0] for r in con.execute(
                "select distinct clause_ref from main.fct_topics where doc_id = ?", [doc_id]).fetchall()}
            refs = [t["clause_ref"] for t in fx["topics"]]
            total += len(refs)
            covered += sum(r in with_topic for r in refs)
    return covered, total


def topic_precision(db_path: Path) -> tuple[int, int, list[str]]:
    """(extracted CAP codes of the annotated clauses that are among the clause's annotated codes, all of
    them, a line per wrong code): a clause's distinct cap_major codes count once each."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        right = extracted = 0
        wrong: list[str] = []
        for path in sorted(FIXTURES.glob("*.json")):
            fx = json.loads(path.read_text(encoding="utf-8"))
            doc_id = slug(Path(fx["source"]).name)
            got: dict[str, set[int]] = {}
            for ref, code in con.execute("select distinct clause_ref, cap_major from main.fct_topics where doc_id = ?",
                                         [doc_id]).fetchall():
                got.setdefault(ref, set()).add(code)
            for t in fx["topics"]:
                for code in sorted(got.get(t["clause_ref"], ())):
                    extracted += 1
                    if code in t["cap_major"]:
                        right += 1
                    else:
                        wrong.append(f"{path.stem} {t['clause_ref']}: topic code {code} not in {t['cap_major']}")
    return right, extracted, wrong


if __name__ == "__main__":
    db = Path(sys.argv[1])
    scores = score(db)
    for name, s in scores.items():
        print(f"{name}: {s.annotated} annotated, {s.extracted} extracted, recall {s.recall:.3f}, "
              f"precision {s.precision:.3f}, fully right {s.fully_right}/{s.matched}")
    covered, total = topic_coverage(db)
    right, extracted, wrong = topic_precision(db)
    print(f"topics: {covered}/{total} operative clauses with a topic, precision {right}/{extracted} CAP codes right")
    if "-v" in sys.argv:
        for s in scores.values():
            for m in s.misses:
                print("  ", m)
        for m in wrong:
            print("  ", m)
