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
