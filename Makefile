# One task runner: these targets are exactly what README.md and .ci/run call.
# Needs only python3 and make; uv is installed on first use when missing.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# uv on PATH, else the copy `pip install --user uv` put in the user site.
UV = $(shell command -v uv 2>/dev/null || echo python3 -m uv)
DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_HOME
FUZZ_EXAMPLES ?= 100000

.PHONY: install run test dev fuzz clean dagster-home lint

install:
	@if ! command -v uv >/dev/null 2>&1 && ! python3 -m uv --version >/dev/null 2>&1; then \
		echo "uv not found: installing it with pip (--user)"; \
		python3 -m pip install --user uv || python3 -m pip install --user --break-system-packages uv; \
	fi
	$(UV) sync --locked

# The Dagster instance (run history, schedule and sensor state) for `make dev` and `make run`.
dagster-home: $(DAGSTER_HOME)/dagster.yaml
$(DAGSTER_HOME)/dagster.yaml: dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	cp dagster.yaml $@

# Build, check and publish warehouse/warehouse.duckdb (RESOLUTIONS_RAW_DIR / RESOLUTIONS_WAREHOUSE_DIR
# override the folders). Exit status 3 means "published, some files quarantined": not a failure here.
# The finished run is recorded in the Dagster instance of .dagster_home, which `make dev` shows.
run: install dagster-home
	$(UV) run resolutions run || { rc=$$?; [ $$rc -eq 3 ] || exit $$rc; }

# Every test, including the slow end-to-end ones. pytest exit 5 ("no tests collected") is a failure.
test: install browser
	$(UV) run pytest

# ruff on the Python, sqlfluff (dbt templater, duckdb dialect, rules in .sqlfluff) on the dbt models and
# tests; make test runs the same file
lint: install
	$(UV) run pytest -q -p no:cacheprovider tests/test_lint.py

# The Dagster UI on http://127.0.0.1:3000 with the assets, checks, schedule and sensor.
dev: install dagster-home
	$(UV) run dagster dev -h 127.0.0.1 -p 3000 -m pipelines.definitions

# Long hypothesis run of the parser properties (make test runs 10,000 examples).
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(UV) run pytest tests/test_parse_properties.py -q

# Run outputs and caches. Keeps warehouse/README.md.
clean:
	rm -rf warehouse/*.duckdb warehouse/*.duckdb.wal warehouse/.staging warehouse/.dbt warehouse/versions \
		warehouse/.report-charts \
		warehouse/.lock warehouse/.lock.guard warehouse/publish_history.jsonl \
		dbt_project/target dbt_project/logs logs .dagster_home .pytest_cache .hypothesis test-artifacts \
		.superset/home

# Reserved for other parts of the project (added by their owners):
# dashboard:  the Streamlit dashboard over the published warehouse
# docs:       dbt docs / README checks

# Parser and pipeline benchmarks (benchmarks/): every comparison in one run, figures in
# benchmarks/results/*.json and docs/benchmarks.md. Takes the machine for a while (10,000 documents).
.PHONY: bench
bench: install
	$(UV) sync --locked --all-groups
	$(UV) run python -m benchmarks.run

# The scale run: 10,000 and 100,000 documents end to end, each with a rerun and one new document, in
# one run (about an hour here), results in benchmarks/results/e2e_scale.json and docs/benchmarks.md.
.PHONY: bench-100k
bench-100k: install
	$(UV) sync --locked --all-groups
	$(UV) run python -m benchmarks.run --only e2e,incremental --e2e-sizes 10000,100000 --e2e-timeout 0

# --- dashboard, docs and browser (issue 7) ---
.PHONY: dashboard docs browser
DASHBOARD_PORT ?= 8501

# The Streamlit dashboard over the published warehouse (read-only), on http://127.0.0.1:$(DASHBOARD_PORT).
dashboard: install
	$(UV) run streamlit run pipelines/dashboard/app.py --server.address 127.0.0.1 \
		--server.port $(DASHBOARD_PORT) --server.headless true --browser.gatherUsageStats false

# dbt docs with the published warehouse's catalog (dbt_project/target/static_index.html) and the
# answers of docs/analyst-guide.md, rerun from dbt_project/analyses/. Needs `make run` first.
docs: install
	$(UV) run python -m pipelines.report.docs

# Headless Chromium and ChromeDriver (Debian packages) for the browser tests, installed when missing.
browser:
	sh scripts/install-browser.sh

# --- BI tool (issue 18) ---
.PHONY: bi
BI_PORT ?= 8088

# Apache Superset on http://127.0.0.1:$(BI_PORT) (user admin, password admin) with the dashboard of
# bi/superset/dashboard over the published warehouse, read-only. Superset has its own virtualenv
# (.superset/venv, from the pinned bi/superset/requirements.txt), reused while those pins are unchanged.
bi: install
	$(UV) run python -m pipelines.bi.superset up --port $(BI_PORT)
