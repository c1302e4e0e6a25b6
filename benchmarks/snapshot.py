"""Output snapshots for the identity checks (parse_identity, facts_identity): write one JSON line per key,
or compare this run's outputs with a saved snapshot and print the first differences."""

from __future__ import annotations

import json


def first_diff(a, b, path: str = "") -> str | None:
    """Where two JSON-like values first differ (a path and both sides), or None when equal."""
    if type(a) is not type(b):
        return f"{path}: {a!r:.300} != {b!r:.300}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return f"{path}.{k}: missing on one side"
            d = first_diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            d = first_diff(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        return None
    return None if a == b else f"{path}: {a!r:.300} != {b!r:.300}"


def save(path: str, results: dict, key_name: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for key, value in results.items():
            f.write(json.dumps({key_name: key, "result": value}, ensure_ascii=False, sort_keys=True) + "\n")


def check(path: str, results: dict, key_name: str, unit: str) -> int:
    """Print the first differences from the snapshot at ``path``; 1 if anything differs, else 0."""
    expected = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            expected[row[key_name]] = row["result"]
    # round-trip through JSON so both sides have the same types (tuples -> lists)
    actual = {k: json.loads(json.dumps(v, ensure_ascii=False)) for k, v in results.items()}
    diffs = []
    for key in sorted(set(expected) | set(actual)):
        if key not in expected or key not in actual:
            diffs.append(f"{key}: present on one side only")
            continue
        d = first_diff(expected[key], actual[key])
        if d:
            diffs.append(f"{key}{d}")
    for d in diffs[:20]:
        print("DIFF", d)
    print(f"{len(diffs)} {unit}(s) differ" if diffs else "identical output")
    return 1 if diffs else 0
