"""Candidate speed-ups for the parser, measured without editing it.

Each patch is applied at run time (monkeypatch) in this process only; the benchmark checks that the
parser's output is unchanged on every document (``ParsedDocument.as_dict()`` equal) and measures the
CPU time, alone and all together. What a patch would change in ``pipelines/parsing`` is in its
docstring; the lead owns the parser and decides.

    uv run python -m benchmarks.parser_patches [--n 200]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from benchmarks.corpus import generate


def _set(obj, name, value) -> Callable[[], None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    return lambda: setattr(obj, name, old)


def patch_secondary_leads() -> Callable[[], None]:
    """leads._secondary_leads: look a word up in the lexicon only when it can start a preambular "-ing"
    lead (a frozenset of those first words, cached per lexicon), and pass ``words[k:k + max_words]``
    instead of ``words[k:]`` (which copied the rest of the clause at every word)."""
    from pipelines.parsing import leads

    @lru_cache(maxsize=8)
    def starters(lex) -> frozenset[str]:
        return frozenset(
            p.split()[0] for p, e in lex.entries.items() if e.position == "preambular" and p.split()[0].endswith("ing")
        )

    def fast(text, start, lex, info, emphasised):
        toks = [t for t in leads.tokens(text) if t.start() >= start]
        words = [t.group().lower() for t in toks]
        first = starters(lex)
        k = 0
        while k < len(toks):
            if words[k] not in first:
                k += 1
                continue
            entry = lex.longest_lead(words[k : k + lex.max_words], "preambular")
            if not entry or not entry.phrase.split()[0].endswith("ing"):
                k += 1
                continue
            n = len(entry.phrase.split())
            tok = toks[k]
            before = text[: tok.start()]
            if emphasised is not None:
                ok = emphasised(tok.start())
            else:
                boundary = leads._BOUNDARY.search(before)
                ok = boundary is not None
                if ok and "while" in boundary.group() and entry.verb_class in leads.WHILE_QUALIFIER_CLASSES:
                    ok = False
            if ok:
                info.secondary_leads.append(text[tok.start() : toks[k + n - 1].end()])
                info.secondary_lemmas.append(entry.lemma)
            k += n

    return _set(leads, "_secondary_leads", fast)


def patch_whitespace() -> Callable[[], None]:
    """textclean._WS: r"\\s{2,}|[^\\S ]" instead of r"\\s+", so the single spaces between words (which
    collapse_whitespace leaves alone) are not matched and handed to a Python callback one by one."""
    from pipelines.parsing import textclean

    return _set(textclean, "_WS", re.compile(r"\s{2,}|[^\S ]"))


def patch_html_spaces() -> Callable[[], None]:
    """markup._HTML_TOKEN: the whitespace alternative r"\\s{2,}|[^\\S ]" instead of r"\\s+", so a single
    space is copied with the text around it instead of being one more token of the Python loop."""
    from pipelines.parsing import markup

    pattern = markup._HTML_TOKEN.pattern.replace(r"|(?P<ws>\s+)", r"|(?P<ws>\s{2,}|[^\S ])")
    assert pattern != markup._HTML_TOKEN.pattern
    return _set(markup, "_HTML_TOKEN", re.compile(pattern, markup._HTML_TOKEN.flags))


def patch_vocabulary() -> Callable[[], None]:
    """textclean.vocabulary_of: lower-case the text once and count ``findall`` results directly (the
    counting loop runs in C) instead of lower-casing word by word in a generator; Assembler: copy the
    document's vocabulary and add the lexicon's words (cached) instead of ``Counter + Counter``, which
    rebuilds both in Python for every document."""
    import pipelines.parsing as parsing
    from pipelines.parsing import assemble, textclean

    compound = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")

    def vocabulary_of(text: str) -> Counter:
        lower = text.lower()
        words = Counter(textclean.WORD.findall(lower))
        words.update(compound.findall(lower))
        return words

    @lru_cache(maxsize=8)
    def lexicon_words(lex) -> dict[str, int]:
        return {w: 2 for p in lex.entries for w in p.split()}

    original_init = assemble.Assembler.__init__

    def init(self, plain, emphasis, lex, vocabulary):
        original_init(self, plain, emphasis, lex, Counter())  # everything but the known words
        self.vocabulary = vocabulary
        known = Counter(vocabulary)
        known.update(lexicon_words(lex))
        self._known_words = known

    undo = [_set(parsing, "vocabulary_of", vocabulary_of), _set(assemble.Assembler, "__init__", init)]
    return lambda: [u() for u in undo]


def patch_clean_text_guards() -> Callable[[], None]:
    """textclean: skip a repair when its trigger characters are absent (a plain ``in`` test on the clause
    text, in C): mojibake needs one of "Â", "Ã", "â"; doubled apostrophes need "''", "'’", "’'" or "’’";
    a ligature split needs "ff", "fi" or "fl" followed by a space somewhere."""
    from pipelines.parsing import textclean

    moji, apos, ocr = textclean.repair_mojibake, textclean.collapse_doubled_apostrophes, textclean.join_ocr_splits
    lig = textclean._LIGATURE_SPLIT

    def repair_mojibake(text, origin):
        return moji(text, origin) if ("Â" in text or "Ã" in text or "â" in text) else (text, origin, [])

    def collapse_doubled_apostrophes(text, origin):
        if "''" in text or "'’" in text or "’'" in text or "’’" in text:
            return apos(text, origin)
        return text, origin, 0

    def join_ocr_splits(text, origin, vocabulary):
        if "ff " in text or "fi " in text or "fl " in text or "ffi " in text or "ffl " in text:
            return ocr(text, origin, vocabulary)
        # no ligature split possible: run only the generic split rule
        textclean._LIGATURE_SPLIT = _NEVER
        try:
            return ocr(text, origin, vocabulary)
        finally:
            textclean._LIGATURE_SPLIT = lig

    undo = [
        _set(textclean, "repair_mojibake", repair_mojibake),
        _set(textclean, "collapse_doubled_apostrophes", collapse_doubled_apostrophes),
        _set(textclean, "join_ocr_splits", join_ocr_splits),
    ]
    return lambda: [u() for u in undo]


_NEVER = re.compile(r"(?!)")

PATCHES = {
    "secondary_leads_prefilter": patch_secondary_leads,
    "whitespace_regex": patch_whitespace,
    "html_single_spaces": patch_html_spaces,
    "vocabulary_counting": patch_vocabulary,
    "clean_text_guards": patch_clean_text_guards,
}


def parse_all(docs) -> tuple[float, list]:
    from pipelines.parsing import UnreadableDocument, parse_bytes

    out = []
    t0 = time.process_time()
    for name, data in docs:
        try:
            out.append([d.as_dict() for d in parse_bytes(data, name)])
        except UnreadableDocument as exc:
            out.append(exc.reason)
    return time.process_time() - t0, out


def measure(docs, rounds: int = 5) -> dict:
    """CPU seconds of the unpatched parser, each patch alone, and all together: the best of ``rounds``
    rounds, each round running every configuration once (interleaved, so load changes hit all alike)."""
    configs = {"baseline": None, **PATCHES, "all_together": "all"}
    parse_all(docs[:3])
    _, base = parse_all(docs)
    times: dict[str, list[float]] = {name: [] for name in configs}
    same = dict.fromkeys(configs, True)
    for _ in range(rounds):
        for name, apply in configs.items():
            undo = [] if apply is None else [p() for p in PATCHES.values()] if apply == "all" else [apply()]
            try:
                t, out = parse_all(docs)
            finally:
                for u in undo:
                    u()
            times[name].append(t)
            same[name] = same[name] and out == base
    best = {name: min(ts) for name, ts in times.items()}
    result = {
        "documents": len(docs),
        "megabytes": round(sum(len(d) for _, d in docs) / 1e6, 3),
        "rounds": rounds,
        "baseline_cpu_seconds": round(best["baseline"], 3),
        "patches": {},
    }
    for name, apply in configs.items():
        if apply is None:
            continue
        doc = "every patch above" if apply == "all" else " ".join((apply.__doc__ or "").split())
        result["patches"][name] = {
            "cpu_seconds": round(best[name], 3),
            "output_identical": same[name],
            "saving": round(1 - best[name] / best["baseline"], 3),
            "what": doc,
        }
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.parser_patches")
    p.add_argument("--n", type=int, default=200)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    docs = [(name, data) for name, data, _, _ in generate(args.n, args.seed)]
    print(json.dumps(measure(docs), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
