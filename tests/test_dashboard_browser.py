"""End to end in headless Chromium: the dashboard served by Streamlit on a free loopback port, the figures
read off the page compared with SQL counts on the same file, screenshots kept in test-artifacts/.

Needs the Debian packages chromium and chromium-driver (``make browser`` = scripts/install-browser.sh).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from dashboard_helpers import ROOT, sql_count

from pipelines.dashboard import queries

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"
APP = Path(queries.__file__).with_name("app.py")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="headless Chromium missing: run `make browser` (scripts/install-browser.sh)",
    ),
]


@pytest.fixture(scope="module")
def warehouse(published_warehouse) -> Path:
    return published_warehouse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard_url(warehouse, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    env = {**os.environ, "RESOLUTIONS_WAREHOUSE_DIR": str(warehouse)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]
    with open(log, "w") as out:
        # own process group, so the server and anything it spawns stop together
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory, monkeypatch_module):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    # the driver and browser are given: Selenium Manager must not look for (or download) others
    monkeypatch_module.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1440,1900"):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def wait_until(predicate, timeout: float = 60, what: str = "the page"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


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


def test_the_dashboard_renders_and_a_screenshot_is_kept(browser, dashboard_url, warehouse):
    from selenium.webdriver.common.by import By

    newest = queries.documents(warehouse / "warehouse.duckdb")["doc_id"].to_list()[-1]
    shown = open_page(browser, f"{dashboard_url}/?doc={newest}")
    n = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?", [newest])
    assert shown["Commitments"] == str(n)
    topics = sql_count(warehouse, "select count(distinct topic_label) from main.fct_topics")
    heatmap = browser.find_element(By.CSS_SELECTOR, '[data-testid="stVegaLiteChart"]')
    assert heatmap.size["height"] > 20 * topics  # one row per topic of the warehouse
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "dashboard.png"))

    click_tab(browser, "Commitments")
    wait_until(lambda: f"{n} of {n} commitments" in browser.find_element(By.TAG_NAME, "body").text,
               what="the commitments tab")
    time.sleep(1)  # the table is drawn on a canvas after the text
    assert browser.save_screenshot(str(ARTIFACTS / "dashboard-commitments.png"))

    if not queries.lineage_pairs(warehouse / "warehouse.duckdb").is_empty():
        click_tab(browser, "Lineage")
        wait_until(lambda: "Compared with" in browser.find_element(By.TAG_NAME, "body").text,
                   what="the lineage tab")
        time.sleep(1)
        assert browser.save_screenshot(str(ARTIFACTS / "dashboard-lineage.png"))


def test_the_offline_report_renders_its_charts_without_fetching_anything(browser, warehouse, tmp_path):
    import shutil

    from selenium.webdriver.common.by import By

    from pipelines.report import build_report

    shutil.copy2(warehouse / "warehouse.duckdb", tmp_path / "warehouse.duckdb")
    report = build_report(tmp_path)
    browser.get(report.as_uri())
    charts = wait_until(lambda: browser.find_elements(By.CSS_SELECTOR, ".chart svg"), what="the report")
    assert all(c.size["width"] > 100 and c.size["height"] > 50 for c in charts)
    # nothing but the file itself was loaded: no script, stylesheet, font or image from anywhere
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    n = sql_count(warehouse, "select count(*) from main.fct_commitments where doc_id = ?",
                  [queries.documents(warehouse / "warehouse.duckdb")["doc_id"][-1]])
    assert f"Commitments ({n})" in browser.find_element(By.TAG_NAME, "body").text
    ARTIFACTS.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "report.png"))
