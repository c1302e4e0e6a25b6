"""A lineage worker process: a pickled ``(documents, clauses, use_lsh, doc_ids, order_key)`` on stdin, the pickled
lineage rows of those documents on stdout. Started by ``lineage.corpus_lineage`` with ``python -m`` (no
fork of a process that runs threads: the dbt Python model runs in dbt's worker threads)."""

import pickle
import sys

from pipelines.facts.lineage import _corpus_lineage


def main() -> None:
    documents, clauses, use_lsh, only, order_key = pickle.load(sys.stdin.buffer)
    pickle.dump(
        _corpus_lineage(documents, clauses, use_lsh, only, order_key),
        sys.stdout.buffer,
        protocol=pickle.HIGHEST_PROTOCOL,
    )


if __name__ == "__main__":
    main()
