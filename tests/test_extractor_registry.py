"""The extractor registry (pipelines/facts/registry.py) is the one list of raw document tables: the loader, the
raw assets and the facts extraction are derived from it, and every entry reaches dbt."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import yaml

from pipelines.facts import extract_clause_facts
from pipelines.facts.registry import EXTRACTORS, FACT_EXTRACTORS
from pipelines.parsing import parse_bytes
from pipelines.warehouse import rawload

ROOT = Path(__file__).resolve().parents[1]
STAGING = ROOT / "dbt_project" / "models" / "staging"


def _raw_source_tables() -> dict[str, dict]:
    sources = yaml.safe_load((STAGING / "_sources.yml").read_text(encoding="utf-8"))["sources"]
    raw = next(s for s in sources if s["name"] == "raw")
    return {t["name"]: t for t in raw["tables"]}


@pytest.mark.parametrize("entry", EXTRACTORS, ids=lambda e: e.table)
def test_every_extractor_has_a_dbt_source_linked_to_its_asset(entry):
    table = _raw_source_tables().get(entry.table)
    assert table is not None, f"add {entry.table} to the raw source in {STAGING / '_sources.yml'}"
    assert table.get("meta", {}).get("dagster", {}).get("asset_key") == [entry.table]


@pytest.mark.parametrize("entry", EXTRACTORS, ids=lambda e: e.table)
def test_every_extractor_has_a_staging_model_reading_its_source(entry):
    model = STAGING / f"{entry.staging_model}.sql"
    assert model.exists(), f"add the staging model {model}"
    assert f"source('raw', '{entry.table}')" in model.read_text(encoding="utf-8")


def test_the_loader_and_the_raw_assets_hold_exactly_the_registry():
    from pipelines.defs.ingest.assets import RAW_TABLES

    assert rawload.DOC_TABLES == {e.table: e.schema for e in EXTRACTORS}
    assert rawload.FACT_TABLES == tuple(e.table for e in FACT_EXTRACTORS)
    assert [t for t in RAW_TABLES if t.startswith("raw_")] == [e.table for e in EXTRACTORS]


def test_each_extractor_makes_a_frame_of_its_contract():
    doc = parse_bytes(
        b"The Assembly,\n\n1. URGES member governments to spend at least 2% of GDP on defence by 2030;\n",
        "registry-sample.txt",
    )[0]
    out = extract_clause_facts(doc)
    assert list(out) == [e.table for e in FACT_EXTRACTORS]
    for e in FACT_EXTRACTORS:
        assert isinstance(out[e.table], pl.DataFrame) and dict(out[e.table].schema) == e.schema, e.table
    assert out["raw_targets"].height >= 1


@pytest.mark.parametrize("entry", EXTRACTORS, ids=lambda e: e.table)
def test_every_extractor_is_described_in_the_architecture_doc(entry):
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    raw_schema = doc[doc.index("## Raw schema"):]
    assert f"`{entry.table}`" in raw_schema[:raw_schema.index("\n## ", 1)]
