"""Superset's configuration for the resolution warehouse (read by Superset through SUPERSET_CONFIG_PATH).

A local, single-user tool: metadata in SQLite under the Superset home, the published warehouse opened
read-only through duckdb-engine, nothing loaded from outside the machine. ``pipelines.bi`` sets
RESOLUTIONS_SUPERSET_HOME before starting any Superset command.
"""

import os
from pathlib import Path

_HOME = Path(os.environ["RESOLUTIONS_SUPERSET_HOME"])

# written once per home by pipelines.bi (never committed, never the same on two machines)
SECRET_KEY = (_HOME / "secret_key").read_text().strip()
SQLALCHEMY_DATABASE_URI = f"sqlite:///{_HOME / 'superset.db'}"
DATA_DIR = str(_HOME)

# Superset refuses SQLite (its own metadata store) as a data source by default; DuckDB is allowed, and the
# warehouse URI carries access_mode=read_only so a dashboard never holds the pipeline's write lock.
PREVENT_UNSAFE_DB_CONNECTIONS = True

# No request leaves the machine: Superset's default policy allows a tracking pixel, map tiles and
# documentation images from outside hosts; here everything comes from Superset's own server.
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": ["'self'", "blob:", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'"],
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,
    "session_cookie_secure": False,
}
CONTENT_SECURITY_POLICY_WARNING = False

# One process, no Celery or Redis: queries run in the web request, results are not cached between runs
# (a new publish must show at once).
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
SUPERSET_WEBSERVER_TIMEOUT = 120
