"""Each published run refreshes the offline report and the Parquet exports from the published file."""

import duckdb


def test_a_published_run_leaves_report_and_parquet_of_every_mart(published_warehouse):
    report = published_warehouse / "report.html"
    assert report.exists() and "<svg" in report.read_text(encoding="utf-8")
    con = duckdb.connect(str(published_warehouse / "warehouse.duckdb"), read_only=True)
    try:
        marts = {r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and regexp_matches(table_name, '^(fct|dim|mart)_')").fetchall()}
        for mart in marts:
            path = published_warehouse / "parquet" / f"{mart}.parquet"
            assert path.exists(), mart
            in_parquet = con.execute("select count(*) from read_parquet(?)", [str(path)]).fetchone()[0]
            in_db = con.execute(f'select count(*) from main."{mart}"').fetchone()[0]
            assert in_parquet == in_db, mart
    finally:
        con.close()
