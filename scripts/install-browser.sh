#!/bin/sh
# Headless Chromium and its WebDriver for the dashboard's end-to-end test (tests/test_dashboard_browser.py).
# Debian packages, installed only when missing; needs root (the project's container runs as root).
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y chromium chromium-driver
