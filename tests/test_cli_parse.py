"""`resolutions parse` as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import json
import subprocess
import sys

from parsing_helpers import RAW_DIR


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], capture_output=True, text=True,
                          timeout=120)


def test_parse_json_prints_document_clauses_and_issues():
    out = run_cli("parse", str(RAW_DIR / "nato-pa-declaration-496.md"), "--json")
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert set(payload) == {"document", "clauses", "issues"}
    assert payload["document"]["doc_id"] == "nato-pa-declaration-496"
    assert len(payload["document"]["sha256"]) == 64
    clause = next(c for c in payload["clauses"] if c["ref"] == "26.l")
    for field in ("ref", "kind", "parent_ref", "marker_as_written", "letter_inferred", "lead_phrase", "lemma",
                  "intensifier", "secondary_leads", "addressee", "lead_verb", "text", "char_start", "char_end"):
        assert field in clause
    assert all({"kind", "message", "char_start", "char_end"} <= set(i) for i in payload["issues"])


def test_parse_table_is_readable(tmp_path):
    out = run_cli("parse", str(RAW_DIR / "nato-pa-resolution-494.txt"))
    assert out.returncode == 0, out.stderr
    assert "nato-pa-resolution-494" in out.stdout
    assert any(line.startswith("18.q ") for line in out.stdout.splitlines())


def test_compilation_prints_a_json_array(tmp_path):
    path = tmp_path / "two.txt"
    path.write_text("RESOLUTION 1\n\nThe Assembly,\n\n1. Noting the report;\n\n2. URGES member governments:\n\n"
                    "a. to act.\n\nRESOLUTION 2\n\nThe Assembly,\n\n1. Welcoming the plan;\n\n"
                    "2. URGES member governments:\n\na. to invest.\n", encoding="utf-8")
    out = run_cli("parse", str(path), "--json")
    assert out.returncode == 0, out.stderr
    assert [d["document"]["number"] for d in json.loads(out.stdout)] == [1, 2]


def test_unreadable_file_fails_with_the_file_and_the_reason(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    out = run_cli("parse", str(path), "--json")
    assert out.returncode == 1
    assert "empty.txt" in out.stderr and "empty" in out.stderr
    assert out.stdout == ""


def test_json_output_shows_c1_controls_and_bidi_overrides_as_escapes(tmp_path):
    f = tmp_path / "c1.txt"
    f.write_text("The Assembly,\n\n1. Urges \x9b31m governments \u202e to act.\n", encoding="utf-8")
    proc = run_cli("parse", str(f), "--json")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "\x9b" not in out and "\u202e" not in out
    assert "\\u009b" in out and "\\u202e" in out
    assert json.loads(out)["clauses"][0]["text"].startswith("Urges \x9b31m")  # the JSON itself is unchanged
