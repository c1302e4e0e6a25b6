"""Run a list of ``Rule``s as a Great Expectations 1.x suite over a pandas frame (ephemeral context).

GE's SQL datasource over duckdb fails every expectation (see STYLE.md), so the marts are read with
DuckDB into Arrow and validated as pandas frames. GE is imported here, lazily: it takes seconds, which
the run spends in its side worker process (pipelines/side_worker.py) while dbt builds.
"""

from __future__ import annotations

import json
import os
import re

from pipelines.defs.quality.suites import ROW_ID_COLUMNS, SUITES, Rule

MAX_ROWS_REPORTED = 20


def _context():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    return gx, gx.get_context(mode="ephemeral", project_config=config)


def _jsonable(value):
    return json.loads(json.dumps(value, default=str))


def validate_frame(df, rules: list[Rule], suite_name: str) -> dict:
    """``{"success", "rules": [{rule, expectation, success, unexpected_count, rows, observed, error}]}``."""
    gx, ctx = _context()
    import great_expectations.expectations as gxe

    batch = (
        ctx.data_sources.add_pandas(f"{suite_name}_source")
        .add_dataframe_asset(suite_name)
        .add_batch_definition_whole_dataframe("all_rows")
        .get_batch(batch_parameters={"dataframe": df})
    )
    suite = gx.ExpectationSuite(name=suite_name)
    for rule in rules:
        expectation = getattr(gxe, rule.expectation)(**rule.kwargs, meta={"rule": rule.name})
        suite.add_expectation(expectation)
    id_columns = [c for c in ROW_ID_COLUMNS if c in df.columns]
    result = batch.validate(
        suite,
        result_format={
            "result_format": "COMPLETE" if id_columns else "SUMMARY",
            "unexpected_index_column_names": id_columns,
            "partial_unexpected_count": MAX_ROWS_REPORTED,
            "return_unexpected_index_query": False,
        },
    )
    outcomes = []
    for r in result.results:
        d = r.to_json_dict()
        cfg = d.get("expectation_config") or {}
        res = d.get("result") or {}
        info = d.get("exception_info") or {}
        if "raised_exception" in info:
            errors = [info.get("exception_message")] if info["raised_exception"] else []
        else:  # keyed by metric: one entry per metric that failed to compute
            errors = [v.get("exception_message") for v in info.values()
                      if isinstance(v, dict) and v.get("raised_exception")]
        rows = res.get("unexpected_index_list") or res.get("partial_unexpected_list") or []
        outcomes.append({
            "rule": (cfg.get("meta") or {}).get("rule") or cfg.get("type"),
            "expectation": cfg.get("type"),
            "success": bool(d.get("success")),
            "unexpected_count": res.get("unexpected_count"),
            "observed": res.get("observed_value"),
            "rows": _jsonable(rows[:MAX_ROWS_REPORTED]),
            "error": "; ".join(dict.fromkeys(e for e in errors if e)) or None,
        })
    return {"success": all(o["success"] for o in outcomes), "rules": outcomes}


def columns_read(rules: list[Rule], columns: list[str]) -> list[str]:
    """The columns of ``columns`` that a rule names (as its column, or in its row condition) or that name
    a row in a failure report: a mart's other columns (a clause's text where no rule reads it) would
    only fill the frame, the largest of a run's memory once the mart holds a large corpus."""
    named = " ".join(repr(rule.kwargs) for rule in rules)
    keep = [c for c in columns if c in ROW_ID_COLUMNS or re.search(rf"(?<!\w){re.escape(c)}(?!\w)", named)]
    return keep or columns[:1]  # a suite of row counts alone still needs the rows


def run_suite(staging_db, mart: str, scope: str = "true") -> dict:
    """Validate the rows of ``mart`` that match ``scope`` (an SQL condition of the project's own, see
    suites.py) in the warehouse file ``staging_db`` against its suite (suites.SUITES)."""
    import duckdb

    from pipelines.dashboard.queries import quote_identifier

    with duckdb.connect(str(staging_db), read_only=True) as con:
        rules = SUITES[mart](con, scope)
        columns = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'main' and table_name = ? "
            "order by ordinal_position", [mart]).fetchall()]
        select = ", ".join(quote_identifier(c) for c in columns_read(rules, columns)) or "*"
        df = con.sql(f"select {select} from main.{quote_identifier(mart)} where {scope}").to_arrow_table().to_pandas()
    return validate_frame(df, rules, f"ge_{mart}")
