"""The Great Expectations suites are warehouse invariants: rows the extractors produce from real texts of
the genre meet them, and rows no text can produce fail them."""

import duckdb
import pandas as pd
import pytest

from pipelines.defs.quality import suites
from pipelines.defs.quality.ge import validate_frame
from pipelines.facts.targets import extract_targets


@pytest.fixture()
def empty_raw(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute("create schema raw")
    yield con
    con.close()


def targets_frame(texts: list[str]) -> pd.DataFrame:
    rows = []
    for k, text in enumerate(texts, start=1):
        for t in extract_targets(text):
            rows.append({"doc_id": "d", "clause_ref": str(k), "target_kind": t.target_kind, "value": t.value,
                         "char_start": t.text_start, "char_end": t.text_end})
    return pd.DataFrame(rows)


def outcome(frame: pd.DataFrame, con) -> dict[str, bool]:
    rules = [r for r in suites.fct_targets(con) if r.name.endswith("_range")]
    return {r["rule"]: r["success"] for r in validate_frame(frame, rules, "t")["rules"]}


def test_a_debt_ratio_above_100_percent_of_gdp_is_a_valid_share(empty_raw):
    frame = targets_frame(["Notes with concern that public debt exceeds 150% of GDP in several member States;"])
    assert frame["value"].tolist() == [150.0]
    assert all(outcome(frame, empty_raw).values())


def test_a_share_no_text_states_fails_the_suite(empty_raw):
    frame = pd.DataFrame([{"doc_id": "d", "clause_ref": "1", "target_kind": "share_of_gdp", "value": 5000.0,
                           "char_start": 0, "char_end": 5}])
    assert outcome(frame, empty_raw)["share_of_gdp_range"] is False
