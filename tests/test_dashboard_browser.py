"""End to end in headless Chromium: the dashboard served by Streamlit on a free loopback port, the figures
read off the page compared with SQL counts on the same file, and what a person sees checked as they see it:
every label a chart draws (Vega hides overlapping ones), the axis titles and scale, the strength chart after
a filter, target figures as written ("USD 700 billion", never a run of digits or the year "2,024").
Screenshots in test-artifacts/ (gitignored): dashboard.png, dashboard-stances.png, dashboard-commitments.png,
dashboard-commitments-filtered.png, dashboard-targets.png, dashboard-lineage.png, report.png,
report-strength.png.

Needs the Debian packages chromium and chromium-driver (``make browser`` = scripts/install-browser.sh).
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest
from browser_helpers import (
    body_text,
    chromium,
    free_port,
    needs_chromium,
    outside_requests,
    screenshot,
    server,
    wait_until,
)
from dashboard_helpers import ROOT, sql_count

from pipelines.dashboard import charts, queries

APP = Path(queries.__file__).with_name("app.py")

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def warehouse(published_warehouse) -> Path:
    return published_warehouse


@pytest.fixture(scope="module")
def dashboard_url(warehouse, tmp_path_factory):
    import os

    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "RESOLUTIONS_WAREHOUSE_DIR": str(warehouse)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    url = f"http://127.0.0.1:{port}"
    with server(cmd, f"{url}/_stcore/health", log, env=env, cwd=ROOT, ok=b"ok"):
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


def open_page(driver, url: str) -> dict[str, str]:
    """Load ``url``, wait until the script finished and the charts are drawn; the visible metrics."""
    from selenium.webdriver.common.by import By

    driver.get(url)

    def ready():
        metrics = {}
        for m in driver.find_elements(By.CSS_SELECTOR, '[data-testid="stMetric"]'):
            label = m.find_element(By.CSS_SELECTOR, '[data-testid="stMetricLabel"]').text.strip()
            value = m.find_element(By.CSS_SELECTOR, '[data-testid="stMetricValue"]').text.strip()
            if label:
                metrics[label] = value
        running = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stStatusWidget"]')
        drawn = driver.find_elements(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"] canvas, '
                                                      '[data-testid="stVegaLiteChart"] svg')
        return metrics if {"Clauses", "Commitments", "Targets"} <= set(metrics) and drawn and not running \
            else None

    return wait_until(ready, what=f"the dashboard at {url}")


def click_tab(driver, name: str) -> None:
    from selenium.webdriver.common.by import By

    for tab in driver.find_elements(By.CSS_SELECTOR, '[role="tab"]'):
        if tab.text.strip() == name:
            tab.click()
            return
    raise AssertionError(f"no tab {name}")


def test_each_documents_page_shows_its_counts_from_the_warehouse(browser, dashboard_url, warehouse):
    docs = queries.documents(warehouse / "warehouse.duckdb")["doc_id"].to_list()
    for doc_id in docs:
        shown = open_page(browser, f"{dashboard_url}/?doc={doc_id}")
        for label, table in [("Clauses", "fct_clauses"), ("Commitments", "fct_commitments"),
                             ("Targets", "fct_targets")]:
            expected = sql_count(warehouse, f"select count(*) from main.{table} where doc_id = ?", [doc_id])
            assert shown[label] == str(expected), (doc_id, label)


def chart_texts(driver, index: int) -> list[str]:
    """The words a person can read on the ``index``-th drawn chart of the page (SVG text that is not hidden
    by Vega's label-overlap rule, which sets its opacity to 0)."""
    return driver.execute_script(
        """
        const shown = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].filter(c => c.offsetParent);
        return [...shown[arguments[0]].querySelectorAll('svg text')]
            .filter(t => t.getAttribute('opacity') !== '0' && t.textContent.trim())
            .map(t => t.textContent.trim());
        """,
        index,
    )


def table_cells(driver, column: str) -> list[str]:
    """The cells of ``column`` in the visible table that has it (Streamlit's grid keeps an accessible copy
    of what its canvas draws)."""
    return driver.execute_script(
        """
        for (const grid of document.querySelectorAll('[data-testid="stDataFrame"]')) {
            if (!grid.offsetParent) continue;
            const rows = [...grid.querySelectorAll('table tr')].map(r => [...r.children].map(c => c.textContent));
            const at = rows.length ? rows[0].indexOf(arguments[0]) : -1;
            if (at >= 0) return rows.slice(1).map(r => r[at]);
        }
        return null;
        """,
        column,
    )


def click_button(driver, label: str) -> None:
    from selenium.webdriver.common.by import By

    for button in driver.find_elements(By.CSS_SELECTOR, "button"):
        if button.is_displayed() and button.text.strip() == label:
            button.click()
            return
    raise AssertionError(f"no button {label}")


LONG_NUMBER = re.compile(r"\d{7,}|…\d|^[12],\d{3}$")  # a clipped amount, or a year written 2,024


def test_the_dashboard_renders_and_a_screenshot_is_kept(browser, dashboard_url, warehouse):
    from selenium.webdriver.common.by import By

    newest = queries.documents(warehouse / "warehouse.duckdb")["doc_id"].to_list()[-1]
    shown = open_page(browser, f"{dashboard_url}/?doc={newest}")
    n = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?", [newest])
    assert shown["Commitments"] == str(n)
    topics = sql_count(warehouse, "select count(distinct topic_label) from main.fct_topics")
    heatmap = browser.find_element(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"]')
    assert heatmap.size["height"] > 20 * topics  # one row per topic of the warehouse
    # every topic and document of the heatmap is labelled
    labels = set(chart_texts(browser, 0))
    matrix = queries.topic_matrix(warehouse / "warehouse.duckdb")
    assert set(matrix["topic_label"]) <= labels and set(matrix["doc_label"]) <= labels
    assert outside_requests(browser, dashboard_url) == []
    screenshot(browser, "dashboard")

    if not queries.lineage_pairs(warehouse / "warehouse.duckdb").is_empty():
        click_tab(browser, "Lineage")
        wait_until(lambda: "Compared with" in body_text(browser), what="the lineage tab")
        time.sleep(1)
        screenshot(browser, "dashboard-lineage")


def test_the_stance_chart_labels_every_verb_class_and_its_scale(browser, dashboard_url, warehouse):
    newest = queries.documents(warehouse / "warehouse.duckdb")["doc_id"].to_list()[-1]
    open_page(browser, f"{dashboard_url}/?doc={newest}")
    click_tab(browser, "Stances")
    classes = set(queries.stance_distribution(warehouse / "warehouse.duckdb", newest)["verb_class"])
    wait_until(lambda: classes <= set(chart_texts(browser, 0)), what="every verb class on the stance chart")
    words = chart_texts(browser, 0)
    assert "lead verbs" in words and "verb class" in words and "0" in words  # the scale and its title
    assert not [w for w in words if w.endswith("…")]
    totals = chart_texts(browser, 1)
    assert "share of lead verbs" in totals and "100%" in totals
    screenshot(browser, "dashboard-stances")


def test_the_strength_chart_shows_the_whole_scale_and_follows_the_filters(browser, dashboard_url, warehouse):
    db = warehouse / "warehouse.duckdb"
    newest = queries.documents(db)["doc_id"].to_list()[-1]
    rows = queries.commitments(db, newest)
    open_page(browser, f"{dashboard_url}/?doc={newest}")
    click_tab(browser, "Commitments")
    n = rows.height
    wait_until(lambda: f"{n} of {n} commitments" in body_text(browser), what="the commitments tab")

    def bars_say(frame) -> bool:
        words = chart_texts(browser, 0)
        counts = frame.group_by("strength").len()
        return (set(charts.strength_levels(rows)) <= set(words)
                and all(str(c) in words for c in counts["len"].to_list())
                and any(w.startswith("strength of the call") for w in words) and "commitments" in words)

    wait_until(lambda: bars_say(rows), what="the strength chart's scale, titles and bar labels")
    screenshot(browser, "dashboard-commitments")

    new = rows.filter(~rows["is_continuation"])
    click_button(browser, "not a continuation")
    wait_until(lambda: f"{new.height} of {n} commitments" in body_text(browser), what="the filter")
    wait_until(lambda: bars_say(new) and f"{new.height} of {n} commitments (filtered)" in chart_texts(browser, 0),
               what="the strength chart of the filtered commitments")
    assert not [w for w in chart_texts(browser, 0) if w.endswith("…")]  # no title or label cut short
    screenshot(browser, "dashboard-commitments-filtered")


def test_target_figures_are_written_as_a_person_writes_them(browser, dashboard_url, warehouse):
    db = warehouse / "warehouse.duckdb"
    docs = queries.documents(db)["doc_id"].to_list()
    money = sql_count(warehouse, "select count(*) from main.fct_targets where unit = 'USD' and value >= 1e9")
    for doc_id in docs:
        targets = queries.targets(db, doc_id)
        if targets.is_empty():
            continue
        open_page(browser, f"{dashboard_url}/?doc={doc_id}")
        click_tab(browser, "Targets")
        cells = wait_until(lambda: table_cells(browser, "figure"), what="the targets table")
        assert sorted(cells) == sorted(targets["figure"].to_list())
        assert not [c for c in cells if LONG_NUMBER.search(c)], cells
        if doc_id == docs[-1]:
            screenshot(browser, "dashboard-targets")
    if money:
        assert any("billion" in f for d in docs for f in queries.targets(db, d)["figure"].to_list())


def test_the_offline_report_renders_its_charts_without_fetching_anything(browser, warehouse, tmp_path):
    import shutil

    from selenium.webdriver.common.by import By

    from pipelines.report import build_report

    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    report = build_report(tmp_path)
    browser.get(report.as_uri())
    drawn = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, ".chart svg"), what="the report")
    assert all(c.size["width"] > 100 and c.size["height"] > 50 for c in drawn)
    # nothing but the file itself was loaded: no script, stylesheet, font or image from anywhere
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    n = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?",
                  [queries.documents(warehouse / "warehouse.duckdb")["doc_id"][-1]])
    text = body_text(browser)
    assert f"Commitments ({n})" in text
    # figures as a person writes them: no year printed "2,024", no amount as a run of digits
    cells = [c.text.strip() for c in browser.find_elements(By.CSS_SELECTOR, "td")]
    assert not [c for c in cells if re.fullmatch(r"[12],\d{3}", c) or re.search(r"\d{7,}", c)]
    for doc_id in queries.documents(warehouse / "warehouse.duckdb")["doc_id"].to_list():
        for fig in queries.targets(warehouse / "warehouse.duckdb", doc_id)["figure"].to_list():
            assert fig in cells
    screenshot(browser, "report")
    strength = next(c for c in drawn if "strength of the call" in c.text)
    browser.execute_script("arguments[0].scrollIntoView()", strength)
    screenshot(browser, "report-strength")
