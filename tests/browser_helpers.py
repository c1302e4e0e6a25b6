"""Headless Chromium and local servers for the browser tests (test_dashboard_browser.py,
test_bi_superset.py). Needs the Debian packages chromium and chromium-driver (``make browser``)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dashboard_helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts"

needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="headless Chromium missing: run `make browser` (scripts/install-browser.sh)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout: float = 60, what: str = "the page"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@contextmanager
def server(cmd: list[str], health_url: str, log: Path, *, env: dict, cwd: Path, ok: bytes,
           timeout: float = 90) -> Iterator[None]:
    """Run ``cmd`` (a server bound to 127.0.0.1) until ``health_url`` answers with ``ok`` in its body;
    stop it after."""
    with open(log, "w") as out:
        # own process group, so the server and anything it spawns stop together
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(health_url, timeout=2) as r:
                    if ok in r.read():
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{cmd[0]} did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextmanager
def chromium(profile: Path, width: int = 1440, height: int = 1900, network_log: bool = False):
    """A headless Chromium driven by Selenium, with the machine's own driver (never a downloaded one);
    ``network_log`` records every request the page makes (for ``requests_sent_outside``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    mp = pytest.MonkeyPatch()
    # the driver and browser are given: Selenium Manager must not look for (or download) others
    mp.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={width},{height}", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if network_log:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        mp.undo()


def screenshot(driver, name: str) -> Path:
    """Save the window as test-artifacts/<name>.png (gitignored) and return the path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert driver.save_screenshot(str(path)), path
    return path


def body_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").text


def outside_requests(driver, base_url: str) -> list[str]:
    """Resources the page loaded from anywhere but ``base_url`` (data: and blob: URLs are local)."""
    names = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [n for n in names if not n.startswith((base_url, "data:", "blob:"))]


def requests_sent_outside(driver, base_url: str) -> list[str]:
    """Requests the browser sent anywhere but ``base_url`` since the last call (needs ``network_log``).
    A request the page's Content-Security-Policy refused never leaves the browser, so it is not counted:
    Superset's page asks for a tracking pixel that its policy (bi/superset/superset_config.py) blocks."""
    import json

    asked, refused = {}, set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            asked[params["requestId"]] = params["request"]["url"]
        elif message["method"] == "Network.loadingFailed" and params.get("blockedReason") == "csp":
            refused.add(params["requestId"])
    # chrome://, data: and blob: URLs are the browser's own pages and the page's memory, not the network
    return sorted(url for rid, url in asked.items()
                  if rid not in refused and url.startswith(("http:", "https:", "ws:", "wss:"))
                  and not url.startswith(base_url))
