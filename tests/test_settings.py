"""pipelines/settings.py owns every RESOLUTIONS_* setting: no other module reads one or spells its name,
and its parsing (defaults, clamping, values that do not parse) is the one the run applies."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipelines import settings
from pipelines.commands import run_cmd

ROOT = Path(__file__).resolve().parents[1]
# test-only hooks and the owner itself
EXEMPT = {ROOT / "pipelines" / "settings.py", ROOT / "pipelines" / "warehouse" / "faults.py"}
SETTING_NAMES = {v for k, v in vars(settings).items() if k.isupper() and isinstance(v, str)
                 and v.startswith("RESOLUTIONS_")}


def _is_environ_read(node: ast.AST) -> str | None:
    """The key of ``os.environ.get(K)``, ``os.getenv(K)``, ``os.environ[K]`` or ``K in os.environ``."""
    def environ(n):
        return isinstance(n, ast.Attribute) and n.attr == "environ" or isinstance(n, ast.Name) and n.id == "environ"

    key = None
    if isinstance(node, ast.Call) and node.args:
        f = node.func
        if isinstance(f, ast.Attribute) and (f.attr == "getenv" or f.attr in ("get", "pop") and environ(f.value)):
            key = node.args[0]
    elif isinstance(node, ast.Subscript) and environ(node.value):
        key = node.slice
    elif isinstance(node, ast.Compare) and any(environ(c) for c in node.comparators):
        key = node.left
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else None


def _offences(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        key = _is_environ_read(node)
        if key is not None and key.startswith("RESOLUTIONS_"):
            found.append(f"{path.relative_to(root)}:{node.lineno} reads {key}")
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            for name in SETTING_NAMES:
                if name in node.value:
                    found.append(f"{path.relative_to(root)}:{node.lineno} spells {name}")
    return found


def test_settings_is_the_only_module_that_reads_or_names_a_setting():
    assert len(SETTING_NAMES) >= 7
    offences = [o for p in sorted((ROOT / "pipelines").rglob("*.py")) if p not in EXEMPT for o in _offences(p)]
    assert offences == []


def test_the_offence_finder_catches_a_read_and_a_spelled_name(tmp_path):
    sample = tmp_path / "sample.py"
    for code, expected in [('import os\nx = os.environ.get("RESOLUTIONS_NEW")\n', "reads RESOLUTIONS_NEW"),
                           ('import os\nx = os.getenv("RESOLUTIONS_NEW", "1")\n', "reads RESOLUTIONS_NEW"),
                           ('import os\nx = "RESOLUTIONS_NEW" in os.environ\n', "reads RESOLUTIONS_NEW"),
                           ('x = f"raise {1} with RESOLUTIONS_KEEP_VERSIONS"\n', "spells RESOLUTIONS_KEEP_VERSIONS")]:
        sample.write_text(code)
        assert any(expected in o for o in _offences(sample, tmp_path)), code


def test_the_run_help_lists_every_setting_of_a_run():
    for name, _ in settings.ENVIRONMENT:
        assert f"\n  {name} " in run_cmd.EPILOG
    assert {name for name, _ in settings.ENVIRONMENT} == SETTING_NAMES - {settings.SUPERSET_DIR}


@pytest.mark.parametrize(("read", "variable", "value", "expected"), [
    (settings.keep_versions, "KEEP_VERSIONS", None, 5),
    (settings.keep_versions, "KEEP_VERSIONS", "2", 2),
    (settings.keep_versions, "KEEP_VERSIONS", "0", 1),
    (settings.keep_versions, "KEEP_VERSIONS", "2.5", 5),
    (settings.max_shrink, "MAX_SHRINK", None, 0.5),
    (settings.max_shrink, "MAX_SHRINK", "1.5", 1.0),
    (settings.max_shrink, "MAX_SHRINK", "-1", 0.0),
    (settings.max_shrink, "MAX_SHRINK", "half", 0.5),
    (settings.lock_wait, "LOCK_WAIT", None, 600.0),
    (settings.lock_wait, "LOCK_WAIT", "-3", 0.0),
    (settings.lock_wait, "LOCK_WAIT", "", 600.0),
    (settings.max_file_mb, "MAX_FILE_MB", None, 20.0),
    (settings.max_file_mb, "MAX_FILE_MB", "0.5", 0.5),
    (settings.max_file_mb, "MAX_FILE_MB", "big", 20.0),
])
def test_a_setting_parses_clamps_and_falls_back_to_its_default(monkeypatch, read, variable, value, expected):
    name = getattr(settings, variable)
    if value is None:
        monkeypatch.delenv(name, raising=False)
    else:
        monkeypatch.setenv(name, value)
    assert read() == expected


def test_an_explicit_value_wins_over_the_environment_and_is_clamped_the_same(monkeypatch):
    monkeypatch.setenv(settings.KEEP_VERSIONS, "9")
    monkeypatch.setenv(settings.MAX_SHRINK, "0.9")
    monkeypatch.setenv(settings.LOCK_WAIT, "9")
    assert settings.keep_versions(3) == 3 and settings.keep_versions(0) == 1
    assert settings.max_shrink(0.2) == 0.2 and settings.max_shrink(2) == 1.0
    assert settings.lock_wait(1) == 1.0 and settings.lock_wait(-1) == 0.0


def test_folders_come_from_the_argument_the_environment_or_the_project(monkeypatch, tmp_path):
    monkeypatch.setenv(settings.RAW_DIR, str(tmp_path / "env"))
    assert settings.raw_dir() == tmp_path / "env"
    assert settings.raw_dir(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.setenv(settings.WAREHOUSE_DIR, "")  # empty counts as unset
    assert settings.warehouse_dir() == settings.PROJECT_ROOT / "warehouse"


def test_the_run_takes_its_settings_from_the_warehouse_resource_else_from_settings(monkeypatch):
    from pipelines.defs.resources import WarehouseResource

    for name in (settings.KEEP_VERSIONS, settings.MAX_SHRINK, settings.LOCK_WAIT, settings.MAX_FILE_MB):
        monkeypatch.setenv(name, "7")
    unset = WarehouseResource()
    assert (unset.keep_count(), unset.shrink_limit(), unset.lock_wait_seconds(), unset.max_file_bytes()) == \
        (7, 1.0, 7.0, 7 * 1024 * 1024)
    configured = WarehouseResource(keep_versions=0, max_shrink=0.25, lock_wait=-5, max_file_mb=1)
    assert (configured.keep_count(), configured.shrink_limit(), configured.lock_wait_seconds(),
            configured.max_file_bytes()) == (1, 0.25, 0.0, 1024 * 1024)
