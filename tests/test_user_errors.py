"""Paths a user can get wrong get one clear line, never a traceback, and `parse` and `run` agree on a file.

`run` reads a file the way `parse` does: a file `run` quarantines (an unsupported type such as .rtf, a
folder named like a document) is refused by `parse` with the same reason, message and hint, and the
raw and warehouse folders are checked before anything is loaded (exit 2, one line naming the folder).
"""

from __future__ import annotations

import os

import duckdb
import pytest

from pipelines.warehouse import sources
from pipelines.warehouse.ingest import ingest
from tests.conftest import ROOT, hostile_document, run_cli

RTF = "{\\rtf1\\ansi " + hostile_document(5, "plain").replace("\n", "\\par\n") + "}"


def quarantined_by_run(raw) -> dict[str, tuple[str, str, str]]:
    """``name -> (reason, message, hint)`` as a run quarantines the files of ``raw`` (its ingest step)."""
    db = raw.parent / "staging.duckdb"
    ingest(db, raw, facts=False)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select source_file, reason, message, hint from raw.quarantine").fetchall()
    return {r[0]: r[1:] for r in rows}


@pytest.mark.parametrize("name,make", [
    ("empty.txt", lambda p: p.write_bytes(b"")),
    ("image.html", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)),
    ("letter.txt", lambda p: p.write_text("Dear colleagues,\nthank you for the lovely dinner.\n")),
    ("broken-utf16.txt", lambda p: p.write_bytes(("1. Urges governments to act;\n" * 20).encode("utf-16-le")
                                                 + b"\x00\xd8A\x00")),
    ("notes.rtf", lambda p: p.write_text(RTF)),
    ("no-suffix", lambda p: p.write_text(hostile_document(6, "plain"))),
    ("folder.txt", lambda p: (p.mkdir(), (p / "inner.txt").write_text(hostile_document(7, "plain")))),
])
def test_parse_refuses_what_run_quarantines_with_the_same_reason_message_and_hint(tmp_path, name, make):
    raw = tmp_path / "raw"
    raw.mkdir()
    make(raw / name)
    reason, message, hint = quarantined_by_run(raw)[name]
    proc = run_cli("parse", str(raw / name), timeout=120)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip() == f"resolutions: {name}: {message} ({reason}). {hint}"
    assert "Traceback" not in proc.stderr


def test_the_unsupported_type_message_names_every_type_that_is_read():
    message = sources.problem_message("unsupported_type")
    assert all(suffix in message for suffix in sources.SUPPORTED_SUFFIXES)


def test_a_raw_path_that_is_a_file_is_one_line_not_does_not_exist(tmp_path):
    not_a_folder = tmp_path / "raw.txt"
    not_a_folder.write_text("a file given as the raw folder")
    proc = run_cli("run", "--raw-dir", str(not_a_folder), "--warehouse-dir", str(tmp_path / "wh"), timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"resolutions run: raw folder {not_a_folder} is a file, not a folder"


def test_a_missing_raw_folder_is_one_line(tmp_path):
    proc = run_cli("run", "--raw-dir", str(tmp_path / "nowhere"), "--warehouse-dir", str(tmp_path / "wh"), timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"resolutions run: raw folder {tmp_path / 'nowhere'} does not exist"


def test_an_unreadable_raw_folder_is_named_with_its_cause(tmp_path, monkeypatch):
    from pipelines.commands.run_cmd import raw_folder_problem

    raw = tmp_path / "raw"
    raw.mkdir()
    assert raw_folder_problem(raw) is None

    def denied(path):  # root reads every folder: the refusal a user sees is simulated
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", denied)
    assert raw_folder_problem(raw) == f"cannot read the raw folder {raw}: Permission denied"


def test_a_warehouse_path_that_is_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "wh"
    blocker.write_text("a file where the warehouse folder should be")
    proc = run_cli("run", "--raw-dir", str(ROOT / "raw"), "--warehouse-dir", str(blocker), timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"resolutions run: cannot write the warehouse folder {blocker}: "
                                   "it is a file, not a folder")


@pytest.mark.parametrize("command", ["status", "rollback"])
def test_status_and_rollback_name_a_warehouse_path_that_is_a_file(tmp_path, command):
    blocker = tmp_path / "wh"
    blocker.write_text("a file where the warehouse folder should be")
    proc = run_cli(command, "--warehouse-dir", str(blocker), timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"resolutions {command}: the warehouse folder {blocker} is a file, not a folder"
