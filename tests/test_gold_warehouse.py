"""The published warehouse of the two sample documents holds every fact of their gold annotation, as
the project's own tool checks it (``../shared/tools/gold_check.py warehouse``): targets with their kind,
value, unit, comparator and normativity, the required topics and entities, and the commitment count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GOLD_CHECK = Path(__file__).resolve().parents[2] / "shared" / "tools" / "gold_check.py"
GOLD = Path(__file__).parent / "fixtures" / "gold" / "seeds.gold.json"


def test_the_sample_warehouse_matches_every_gold_fact(published_warehouse):
    assert GOLD_CHECK.is_file(), f"{GOLD_CHECK} is missing: ../shared must sit beside the project"
    proc = subprocess.run([sys.executable, str(GOLD_CHECK), "warehouse", "--gold", str(GOLD),
                           "--db", str(published_warehouse / "warehouse.duckdb"), "--show", "50"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "gold warehouse: 69/69 facts match" in proc.stdout
