"""The README shows real commands with their real output, and documents every command."""

from __future__ import annotations

import re

import duckdb
from parsing_helpers import ROOT

from pipelines.cli import COMMANDS, build_parser

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _sample_query_and_table() -> tuple[str, list[list[str]]]:
    sql = re.search(r"```sql\n(.*?)```", README, re.S).group(1)
    after = README[README.index(sql) + len(sql):].splitlines()
    start = next(i for i, line in enumerate(after) if line.startswith("|"))
    block = []
    for line in after[start:]:
        if not line.startswith("|"):
            break  # the table ends at the first line that is not a table row
        block.append(line)
    return sql, [[cell.strip() for cell in line.strip("|").split("|")] for line in block[2:]]


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}" if abs(value) < 1e6 else f"{value:.0f}"
    return str(value)


def test_readme_sample_query_output_is_what_the_warehouse_returns(published_warehouse):
    sql, table = _sample_query_and_table()
    assert table, "README lost its sample output table"
    con = duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        rows = [[_cell(v) for v in row] for row in con.execute(sql).fetchall()]
    finally:
        con.close()
    assert rows == table


def test_every_resolutions_command_is_documented_in_the_readme():
    build_parser()  # every command module imports
    for name in COMMANDS:
        assert f"`resolutions {name}" in README, f"resolutions {name} is not documented in README.md"


def test_every_make_target_the_readme_names_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    for target in set(re.findall(r"`make ([a-z-]+)`", README)):
        assert target in targets, f"README names `make {target}` but the Makefile has no such target"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# -- every promise of README.md and warehouse/README.md is backed by a named test (docs/promises.md) -------

PROMISES = ROOT / "docs" / "promises.md"


def _promise_rows() -> list[dict]:
    rows = []
    for line in PROMISES.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) == 4 and cells[0].endswith("README.md"):
            rows.append({"readme": cells[0], "section": cells[1], "promise": cells[2],
                         "tests": [t.strip() for t in cells[3].split(",")]})
    return rows


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sections(readme: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"^#{1,2} (.+)$", (ROOT / readme).read_text(encoding="utf-8"),
                                                    re.M)]


def _test_names(path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name.startswith("test_")}


def test_every_promise_is_quoted_word_for_word_and_names_tests_that_exist():
    rows = _promise_rows()
    assert len(rows) >= 50
    for row in rows:
        assert _flat(row["promise"]) in _flat((ROOT / row["readme"]).read_text(encoding="utf-8")), row["promise"]
        assert row["section"] in _sections(row["readme"]), row["section"]
        for test in row["tests"]:
            file, _, name = test.partition("::")
            assert name and name in _test_names(ROOT / file), f"{test} (for: {row['promise']})"


def test_every_section_of_both_readmes_has_a_promise_backed_by_a_test():
    covered = {(r["readme"], r["section"]) for r in _promise_rows()}
    for readme in ("README.md", "warehouse/README.md"):
        for section in _sections(readme):
            assert (readme, section) in covered, f"{readme}: section {section!r} has no row in docs/promises.md"


def test_every_table_the_readme_lists_is_in_the_published_warehouse(published_warehouse):
    block = README[README.index("## What you get"):README.index("Schema `raw` holds")]
    listed = set(re.findall(r"`((?:dim|fct|mart)_[a-z_]+)`", block))
    con = duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        tables = {r[0] for r in con.execute("select table_name from information_schema.tables "
                                            "where table_schema = 'main'").fetchall()}
    finally:
        con.close()
    assert len(listed) >= 15 and listed <= tables, sorted(listed - tables)


def test_every_fact_row_carries_its_document_clause_and_a_span(published_warehouse):
    """A fact table's row names its document and clause, and its span is its own ``char_start``/``char_end``
    or, for a fact about the whole clause (a topic, a verb, a lineage pair), the clause's span."""
    con = duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        facts = [r[0] for r in con.execute("select table_name from information_schema.tables where table_schema = "
                                           "'main' and table_name like 'fct\\_%' escape '\\' "
                                           "and table_name not in ('fct_clauses', 'fct_document_metadata')").fetchall()]
        assert len(facts) >= 8
        for table in facts:
            cols = {r[0] for r in con.execute("select column_name from information_schema.columns where "
                                              "table_schema = 'main' and table_name = ?", [table]).fetchall()}
            assert {"doc_id", "clause_ref"} <= cols, table
            own_span = {"char_start", "char_end"} <= cols
            spanless = con.execute(
                f"select count(*) from main.{table} f where not exists (select 1 from main.fct_clauses c "
                "where c.doc_id = f.doc_id and c.clause_ref = f.clause_ref)"
                + (" and (f.char_start is null or f.char_end is null)" if own_span else "")).fetchone()[0]
            assert spanless == 0, f"{table}: {spanless} row(s) without a span of their own or of their clause"
    finally:
        con.close()


def test_the_readme_says_which_facts_have_a_span_of_their_own(published_warehouse):
    flat = " ".join(README.split())
    own = re.search(r"carry their own `char_start`/`char_end` span into the decoded source file: (.*?)\. ", flat)
    clause = re.search(r"trace to their clause's span \(join `fct_clauses` on `doc_id`, `clause_ref`\): (.*?) \(", flat)
    own, clause = (set(re.findall(r"`(fct_[a-z_]+)`", m.group(1))) for m in (own, clause))
    con = duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        spans = {t: {"char_start", "char_end"} <= {r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'main' and table_name = ?",
            [t]).fetchall()} for t in own | clause}
    finally:
        con.close()
    assert own and all(spans[t] for t in own), spans
    assert clause and not any(spans[t] for t in clause), spans


def test_the_parser_reads_its_leads_from_the_dbt_seed():
    import csv

    from pipelines.lexicon import SEEDS_DIR, load_lexicon

    assert SEEDS_DIR == ROOT / "dbt_project" / "seeds"  # the folder dbt loads its seeds from
    with open(SEEDS_DIR / "lead_lexicon.csv", newline="", encoding="utf-8") as fh:
        phrases = {" ".join(row["phrase"].lower().split()) for row in csv.DictReader(fh)}
    assert phrases and set(load_lexicon().entries) == phrases


def test_the_parser_package_does_no_io():
    import ast

    for path in sorted((ROOT / "pipelines" / "parsing").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not any(n.split(".")[0] in {"dagster", "duckdb", "subprocess", "socket"} for n in names), path
            if isinstance(node, ast.Call):
                fn = node.func
                called = fn.id if isinstance(fn, ast.Name) else fn.attr if isinstance(fn, ast.Attribute) else ""
                assert called not in {"open", "read_text", "read_bytes", "write_text", "write_bytes"}, \
                    f"{path.name}:{node.lineno} calls {called}"
