"""Apache Superset, installed as `make bi` installs it, shows the dashboard of bi/superset/ over the session's
published warehouse; headless Chromium reads every figure off the page and compares it with SQL.

The virtualenv is .superset/venv, the one `make bi` uses (installed on first use, then reused while
bi/superset/requirements.txt is unchanged); a failed install fails the test with its output, never skips.
Superset's home (metadata, admin user, imported dashboard) is new for each session.
"""

from __future__ import annotations

import duckdb
import pytest
from browser_helpers import (
    chromium,
    free_port,
    needs_chromium,
    requests_sent_outside,
    screenshot,
    server,
    wait_until,
)

from pipelines.bi import superset

pytestmark = [pytest.mark.slow, needs_chromium]

USER, PASSWORD = "admin", "admin"


@pytest.fixture(scope="module")
def superset_venv():
    try:
        return superset.install(superset.DEFAULT_DIR / "venv")
    except superset.SupersetError as exc:
        pytest.fail(f"installing Superset as `make bi` does failed:\n{exc}")


@pytest.fixture(scope="module")
def superset_url(superset_venv, published_warehouse, tmp_path_factory):
    home = tmp_path_factory.mktemp("superset-home")
    db = published_warehouse / "warehouse.duckdb"
    try:
        superset.setup(superset_venv, home, db, USER, PASSWORD)
    except superset.SupersetError as exc:
        pytest.fail(f"setting up Superset as `make bi` does failed:\n{exc}")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with server(superset.serve_command(superset_venv, "127.0.0.1", port), f"{url}/health",
                home / "gunicorn.log", env=superset.superset_env(home), cwd=home, ok=b"OK", timeout=180):
        yield url


@pytest.fixture(scope="module")
def dashboard(superset_url, tmp_path_factory):
    """Chromium logged in to Superset with the dashboard open and every chart drawn."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    with chromium(tmp_path_factory.mktemp("chromium-superset"), network_log=True) as driver:
        driver.get(f"{superset_url}/login/")
        wait_until(lambda: driver.find_elements(By.ID, "username"), what="Superset's login form")
        driver.find_element(By.ID, "username").send_keys(USER)
        password = driver.find_element(By.ID, "password")
        password.send_keys(PASSWORD)
        password.send_keys(Keys.ENTER)
        wait_until(lambda: "/login" not in driver.current_url, what="the login")
        driver.get(f"{superset_url}/superset/dashboard/{superset.DASHBOARD_SLUG}/")
        try:
            wait_until(lambda: set(_chart_states(driver).values()) == {"drawn"}, timeout=180,
                       what="the Superset dashboard's charts")
        except AssertionError:
            shot = screenshot(driver, "superset-dashboard-failed")
            pytest.fail(f"Superset did not draw every chart ({shot}): {_chart_states(driver)}")
        yield driver


CHART_NAMES = ["Commitments", "Targets", "Commitments by strength and year",
               "Commitments by body, strength and year", "Targets by kind", "Clauses per topic", "Documents"]


def _chart_states(driver) -> dict[str, str]:
    """Each chart of the dashboard: "drawn", "loading", "missing" or the error it shows."""
    return driver.execute_script(
        """
        const states = {};
        for (const n of arguments[0]) {
            const c = document.querySelector(`[data-test-chart-name="${n}"]`);
            const error = c && c.querySelector('[role="alert"], .ant-alert-error, [data-test="error-message"]');
            const figure = c && (c.querySelector('table tbody tr, canvas')
                                 || /\\d/.test(c.innerText.split('\\n')[1] || ''));
            states[n] = !c ? 'missing' : error ? 'error: ' + error.innerText.slice(0, 300)
                      : figure ? 'drawn' : 'loading';
        }
        return states;
        """,
        CHART_NAMES,
    )


def table_rows(driver, chart: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows of a table chart as the page holds them (all rows, scrolled out of view too)."""
    return driver.execute_script(
        """
        const c = document.querySelector(`[data-test-chart-name="${arguments[0]}"]`);
        const text = el => el.textContent.trim();
        return [[...c.querySelectorAll('table thead th')].map(text),
                [...c.querySelectorAll('table tbody tr')].map(tr => [...tr.querySelectorAll('td')].map(text))];
        """,
        chart,
    )


def big_number(driver, chart: str) -> str:
    from selenium.webdriver.common.by import By

    lines = driver.find_element(By.CSS_SELECTOR, f'[data-test-chart-name="{chart}"]').text.splitlines()
    return lines[1]  # the chart's title, then its figure


def sql(warehouse, query: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def as_rows(records) -> list[list[str]]:
    return sorted([[str(v) for v in r] for r in records])


def test_superset_totals_are_the_warehouse_counts(dashboard, published_warehouse):
    [(commitments, targets)] = sql(published_warehouse, "select (select count(*) from main.fct_commitments), "
                                                        "(select count(*) from main.fct_targets)")
    assert big_number(dashboard, "Commitments") == f"{commitments:,}"
    assert big_number(dashboard, "Targets") == f"{targets:,}"


# each table chart of the dashboard: its header as drawn, and the SQL on the marts that gives its rows
TABLES = {
    "Commitments by body, strength and year": (["body", "year", "strength (lexicon)", "commitments"], """
        select coalesce(d.adopted_by, d.issuing_body, 'not stated'),
               coalesce(cast(year(d.adopted_on) as varchar), 'not stated'),
               coalesce(cast(c.strength as varchar), 'unknown'), count(*)
        from main.fct_commitments c join main.dim_documents d using (doc_id) group by all"""),
    "Targets by kind": (["kind", "unit", "targets"], """
        select target_kind, coalesce(unit, 'none'), count(*) from main.fct_targets group by all"""),
    "Clauses per topic": (["topic", "clauses", "documents"], """
        select topic_label, count(distinct clause_id), count(distinct doc_id) from main.fct_topics group by all"""),
    "Documents": (["document", "adopted", "body", "clauses", "commitments", "targets"], """
        select upper(doc_type[1]) || doc_type[2:] || ' ' || number, coalesce(cast(adopted_on as varchar), 'not stated'),
               coalesce(adopted_by, issuing_body, 'not stated'), n_clauses, n_commitments, n_targets
        from main.dim_documents"""),
}


@pytest.mark.parametrize("chart", list(TABLES))
def test_each_superset_table_shows_the_rows_sql_gives(dashboard, published_warehouse, chart):
    head, rows = table_rows(dashboard, chart)
    want_head, query = TABLES[chart]
    assert head == want_head
    assert as_rows(rows) == as_rows(sql(published_warehouse, query))


def test_superset_writes_a_year_as_a_year(dashboard):
    _, rows = table_rows(dashboard, "Commitments by body, strength and year")
    # never "2,025" or "2.03k"
    assert rows and all(r[1] == "not stated" or (len(r[1]) == 4 and r[1].isdigit()) for r in rows)


def test_superset_draws_every_chart_loads_nothing_from_outside_and_a_screenshot_is_kept(dashboard):
    from selenium.webdriver.common.by import By

    bars = dashboard.find_element(By.CSS_SELECTOR, '[data-test-chart-name="Commitments by strength and year"]')
    canvas = bars.find_element(By.TAG_NAME, "canvas")
    assert canvas.size["width"] > 200 and canvas.size["height"] > 150
    errors = dashboard.find_elements(By.CSS_SELECTOR, '[data-test="alert"], .alert-danger')
    assert not [e.text for e in errors if e.is_displayed()]
    base = dashboard.current_url.split("/superset/")[0]
    assert requests_sent_outside(dashboard, base) == []
    screenshot(dashboard, "superset-dashboard")
