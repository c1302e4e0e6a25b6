"""The environment `make install` builds: what every process of a run relies on."""

import importlib
import importlib.util
from pathlib import Path

import pytest


@pytest.mark.parametrize("module", ["dagster", "dagster_dbt", "dbt.cli.main", "great_expectations", "polars"])
def test_installed_packages_ship_their_bytecode(module):
    # compiled once by uv at install ([tool.uv] compile-bytecode): otherwise every process of a run
    # recompiles these libraries from source when PYTHONDONTWRITEBYTECODE is set
    source = importlib.util.find_spec(module).origin
    assert Path(importlib.util.cache_from_source(source)).is_file(), f"{module}: no bytecode next to {source}"
