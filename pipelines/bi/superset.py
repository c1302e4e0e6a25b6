"""Apache Superset over the published warehouse: install it, load the dashboard of bi/superset/, serve it.

Superset lives in its own virtualenv (``.superset/venv``), installed from the pinned
``bi/superset/requirements.txt``: its pins (SQLAlchemy 1.4, pandas 2.1, Flask 2) cannot share the
project's environment. Its home (``.superset/home``: SQLite metadata, secret key) holds the imported
dashboard; the warehouse is opened read-only through duckdb-engine with the same DuckDB as the pipeline.

    python -m pipelines.bi.superset up [--port 8088]     # what `make bi` runs: install, set up, serve

Every step says what failed and ends with a ``SupersetError`` carrying the command's last output lines.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
import venv as stdlib_venv
import zipfile
from collections.abc import Callable
from pathlib import Path

from pipelines import settings
from pipelines.dashboard import queries

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "bi" / "superset"
REQUIREMENTS = SPEC / "requirements.txt"
CONFIG = SPEC / "superset_config.py"
DASHBOARD = SPEC / "dashboard"
DEFAULT_DIR = settings.DEFAULT_SUPERSET_DIR
DASHBOARD_SLUG = "resolutions"
URI_PLACEHOLDER = "__WAREHOUSE_URI__"

Log = Callable[[str], None]


class SupersetError(RuntimeError):
    """A step of installing, setting up or serving Superset failed; the message says which and why."""


def warehouse_uri(db: Path) -> str:
    """SQLAlchemy URI of ``db`` for duckdb-engine, read-only (four slashes before an absolute path)."""
    return f"duckdb:///{Path(db).resolve()}?access_mode=read_only"


def build_bundle(db: Path, out: Path) -> Path:
    """Zip bi/superset/dashboard/ as a Superset import bundle whose database points at ``db``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as zf:
        for path in sorted(DASHBOARD.rglob("*.yaml")):
            text = path.read_text(encoding="utf-8").replace(URI_PLACEHOLDER, warehouse_uri(db))
            # Superset expects one top folder in the bundle
            zf.writestr(f"resolution_warehouse/{path.relative_to(DASHBOARD).as_posix()}", text)
    return out


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for p in paths:
        for f in sorted(p.rglob("*")) if p.is_dir() else [p]:
            if f.is_file():
                h.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _run(cmd: list[str], what: str, env: dict | None = None, cwd: Path | None = None,
         timeout: float = 1800) -> str:
    try:
        proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SupersetError(f"{what} failed: {exc}") from exc
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise SupersetError(f"{what} failed (exit {proc.returncode}): {' '.join(cmd[:4])} ...\n{tail}")
    return proc.stdout


def _uv() -> list[str] | None:
    if found := shutil.which("uv"):
        return [found]
    for python in ("python3", sys.executable):
        if subprocess.run([python, "-m", "uv", "--version"], capture_output=True).returncode == 0:
            return [python, "-m", "uv"]
    return None


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def install(venv: Path, log: Log = print) -> Path:
    """Superset's virtualenv at ``venv`` from the pinned requirements; reused while they are unchanged."""
    stamp = venv / ".requirements.sha256"
    want = _digest(REQUIREMENTS)
    if venv_python(venv).exists() and stamp.exists() and stamp.read_text().strip() == want:
        log(f"superset: reusing {venv}")
        return venv
    log(f"superset: installing Apache Superset into {venv} (bi/superset/requirements.txt)")
    if venv.exists():
        shutil.rmtree(venv)
    uv = _uv()
    if uv:
        _run([*uv, "venv", "--quiet", "--python", sys.executable, str(venv)], "creating Superset's virtualenv")
        _run([*uv, "pip", "sync", "--quiet", "--python", str(venv_python(venv)), str(REQUIREMENTS)],
             "installing Superset's requirements with uv")
    else:
        stdlib_venv.create(venv, with_pip=True)
        _run([str(venv_python(venv)), "-m", "pip", "install", "--quiet", "-r", str(REQUIREMENTS)],
             "installing Superset's requirements with pip")
    _run([str(venv_python(venv)), "-c", "import superset, duckdb_engine"], "importing the installed Superset")
    stamp.write_text(want + "\n")
    return venv


def superset_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPERSET_", "FLASK_"))}
    env.update(SUPERSET_CONFIG_PATH=str(CONFIG), RESOLUTIONS_SUPERSET_HOME=str(home), FLASK_APP="superset",
               SUPERSET_LOAD_EXAMPLES="no", PYTHONUNBUFFERED="1")
    return env


def _superset(venv: Path, home: Path, *args: str, what: str) -> str:
    return _run([str(venv / "bin" / "superset"), *args], what, env=superset_env(home), cwd=home)


def setup(venv: Path, home: Path, db: Path, user: str = "admin", password: str = "admin",
          log: Log = print) -> None:
    """Superset's metadata in ``home``, an admin user, and the dashboard imported over ``db``; reused while
    Superset, the dashboard definition and ``db``'s path are unchanged, made anew when one changed."""
    db = Path(db).resolve()
    if not db.exists():
        raise SupersetError(f"no published warehouse at {db}: build one with `make run`")
    home.mkdir(parents=True, exist_ok=True)
    key = home / "secret_key"
    if not key.exists():
        key.write_text(secrets.token_urlsafe(42) + "\n")
        key.chmod(0o600)
    stamp = home / ".setup.sha256"
    # Superset's import never overwrites a database, dataset or chart it already has (only the dashboard):
    # when the definition, the warehouse path or Superset itself changed, start from new metadata instead
    want = hashlib.sha256((_digest(REQUIREMENTS, CONFIG, DASHBOARD) + warehouse_uri(db)).encode()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == want:
        log(f"superset: reusing {home} (dashboard already imported over {db})")
        return
    stamp.unlink(missing_ok=True)
    (home / "superset.db").unlink(missing_ok=True)
    log(f"superset: creating its metadata database in {home}")
    _superset(venv, home, "db", "upgrade", what="superset db upgrade")
    _superset(venv, home, "fab", "create-admin", "--username", user, "--firstname", "Local",
              "--lastname", "Analyst", "--email", f"{user}@localhost", "--password", password,
              what="creating Superset's admin user")
    _superset(venv, home, "init", what="superset init")
    bundle = build_bundle(db, home / "resolution_warehouse.zip")
    log(f"superset: importing the dashboard of bi/superset/dashboard over {db}")
    _superset(venv, home, "import-dashboards", "--path", str(bundle), "--username", user,
              what="importing the dashboard bundle")
    stamp.write_text(want + "\n")


def serve_command(venv: Path, host: str, port: int) -> list[str]:
    """One gunicorn worker on ``host:port`` (threads for the dashboard's parallel chart queries)."""
    return [str(venv / "bin" / "gunicorn"), "--workers", "1", "--threads", "8", "--timeout", "120",
            "--bind", f"{host}:{port}", "--access-logfile", "-", "superset.app:create_app()"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.bi.superset", description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=["install", "setup", "up"],
                        help="install: the virtualenv; setup: install + metadata + dashboard; up: setup + serve")
    parser.add_argument("--dir", type=Path, default=settings.superset_dir(),
                        help="where the virtualenv (venv/) and Superset's home (home/) live")
    parser.add_argument("--warehouse-dir", default=None, help="the published warehouse's folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8088)
    args = parser.parse_args(argv)
    venv, home = args.dir / "venv", args.dir / "home"
    try:
        install(venv)
        if args.step == "install":
            return 0
        setup(venv, home, queries.warehouse_file(args.warehouse_dir))
    except SupersetError as exc:
        print(f"superset: {exc}", file=sys.stderr)
        return 1
    if args.step == "up":
        print(f"superset: http://{args.host}:{args.port}/superset/dashboard/{DASHBOARD_SLUG}/ "
              "(user admin, password admin; this machine only)", flush=True)
        os.execve(serve_command(venv, args.host, args.port)[0], serve_command(venv, args.host, args.port),
                  superset_env(home))
    return 0


if __name__ == "__main__":
    sys.exit(main())
