"""A scan reads only the raw files that are new or changed since the last scan, and never trusts a hash
that could be stale (pipelines/warehouse/hash_cache.py)."""

from __future__ import annotations

import hashlib
import os

import pytest

from pipelines.warehouse import hash_cache, unchanged

MAX_BYTES = 1 << 20


@pytest.fixture
def raw(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    for i in range(4):
        (d / f"doc-{i}.txt").write_text(f"The Assembly,\n1. Decides number {i};\n")
    return d


@pytest.fixture
def trusted_at_once(monkeypatch):
    """Files written by the test are seconds old at most: trust them at once (the guard is tested alone)."""
    monkeypatch.setattr(hash_cache, "TRUST_AFTER_NS", 0)


@pytest.fixture
def reads(monkeypatch):
    """The names of the files a scan opens."""
    opened: list[str] = []
    real = unchanged.read_file

    def counting(path, max_bytes, root=None):
        opened.append(path.name)
        return real(path, max_bytes, root)

    monkeypatch.setattr(unchanged, "read_file", counting)
    return opened


def _hashes(scanned):
    return {s.file.name: (s.sha, s.size, s.too_large) for s in scanned}


def _true_hashes(raw):
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_size, False) for p in raw.iterdir()}


def test_a_second_scan_reads_no_unchanged_file_and_gives_the_same_hashes(raw, tmp_path, trusted_at_once, reads):
    cache = tmp_path / "wh" / ".raw_sha256.json"
    first = unchanged.scan(raw, MAX_BYTES, cache)
    assert sorted(reads) == sorted(p.name for p in raw.iterdir())
    reads.clear()
    second = unchanged.scan(raw, MAX_BYTES, cache)
    assert reads == []
    assert _hashes(second) == _hashes(first) == _true_hashes(raw)
    assert unchanged.fingerprint(second, MAX_BYTES) == unchanged.fingerprint(first, MAX_BYTES)


def test_a_file_rewritten_with_its_size_and_times_restored_is_read_again(raw, tmp_path, trusted_at_once, reads):
    cache = tmp_path / ".raw_sha256.json"
    unchanged.scan(raw, MAX_BYTES, cache)
    target = raw / "doc-2.txt"
    before = target.stat()
    target.write_text(target.read_text().replace("Decides", "Resolves"[:7]))  # same length, other bytes
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the change time tells
    assert target.stat().st_size == before.st_size and target.stat().st_mtime_ns == before.st_mtime_ns
    reads.clear()
    after = unchanged.scan(raw, MAX_BYTES, cache)
    assert reads == ["doc-2.txt"]
    assert _hashes(after) == _true_hashes(raw)


def test_a_file_younger_than_the_trust_window_is_hashed_on_every_scan(raw, tmp_path, reads):
    cache = tmp_path / ".raw_sha256.json"
    unchanged.scan(raw, MAX_BYTES, cache)
    reads.clear()
    unchanged.scan(raw, MAX_BYTES, cache)
    assert len(reads) == 4  # written a moment ago: a rewrite in the same clock tick would keep its times


def test_renamed_and_removed_files_leave_the_cache_right(raw, tmp_path, trusted_at_once, reads):
    cache = tmp_path / ".raw_sha256.json"
    unchanged.scan(raw, MAX_BYTES, cache)
    (raw / "doc-0.txt").rename(raw / "renamed.txt")
    (raw / "doc-1.txt").unlink()
    reads.clear()
    after = unchanged.scan(raw, MAX_BYTES, cache)
    assert set(reads) <= {"renamed.txt"}  # a rename moves the change time on most file systems
    assert _hashes(after) == _true_hashes(raw)
    assert len(hash_cache._load(cache)) == 3


def test_the_size_limit_is_applied_to_a_cached_file(raw, tmp_path, trusted_at_once, reads):
    cache = tmp_path / ".raw_sha256.json"
    unchanged.scan(raw, MAX_BYTES, cache)
    reads.clear()
    small_limit = unchanged.scan(raw, 10, cache)
    assert reads == [] and all(s.too_large for s in small_limit)
    assert unchanged.fingerprint(small_limit, 10) != unchanged.fingerprint(unchanged.scan(raw, MAX_BYTES, cache),
                                                                           MAX_BYTES)


@pytest.mark.parametrize("content", ["not json", '{"format": 99, "files": {}}', '{"format": 1, "files": '
                                     '{"1:2:3:4:5": ["../../etc", -1], "6:7:8:9:10": ["ab", 3]}}', "[]"])
def test_a_damaged_or_foreign_cache_file_is_an_empty_cache(raw, tmp_path, trusted_at_once, reads, content):
    cache = tmp_path / ".raw_sha256.json"
    cache.write_text(content)
    scanned = unchanged.scan(raw, MAX_BYTES, cache)
    assert len(reads) == 4
    assert _hashes(scanned) == _true_hashes(raw)
    assert len(hash_cache._load(cache)) == 4  # rewritten whole


def test_an_unwritable_cache_place_costs_time_not_the_scan(raw, tmp_path, trusted_at_once):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    scanned = unchanged.scan(raw, MAX_BYTES, blocker / ".raw_sha256.json")  # its folder is a file
    assert _hashes(scanned) == _true_hashes(raw)
