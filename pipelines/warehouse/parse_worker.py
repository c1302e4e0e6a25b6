"""A parsing worker process: a pickled ``([(name, path, max_bytes), ...], extract_facts, today)`` on stdin, a
pickled list of ``_parse_one`` results on stdout (with the facts of each document when asked). Started
by ``ingest.parse_files`` with ``python -m``, so it never re-imports the parent's ``__main__`` (which
multiprocessing's spawn does, and which may be anything: a Dagster run worker, a Streamlit app under
test...), and never forks a process that runs threads."""

import pickle
import sys

from pipelines.warehouse.ingest import _default_facts, _parse_one


def main() -> None:
    jobs, extract_facts, today = pickle.load(sys.stdin.buffer)
    extract = _default_facts() if extract_facts else None
    pickle.dump([_parse_one(name, path, max_bytes, None, extract, today) for name, path, max_bytes in jobs],
                sys.stdout.buffer, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    main()
