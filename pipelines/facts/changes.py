"""What changed between two matched clauses: lead strength, goals, addressee.

Change kinds of a ``modified`` pair, the first that applies:
1. ``strengthened`` / ``weakened``: the lead strength moved (lexicon strength plus intensifier delta:
   "Condemning" -> "Strongly condemning" is up, "URGES" -> "INVITES" down), or a goal of the same kind
   and unit moved (value first, then comparator: "at least 2%" -> "well beyond 2%" is up, "by 2030" ->
   "by 2035" is down). When the lead and the goals disagree, or a goal changed without a direction,
   it is ``target_changed``. Two clauses that open with the same verb and intensifier have the same
   strength, whatever the source of each row's figure.
2. ``target_changed``: a goal was added or removed, or changed without a direction (duration, ordinal,
   date). Only goals count (``is_normative``): a reported figure such as "for 75 years" -> "for 76
   years" is not a target. A goal whose surrounding words the other clause does not repeat belonged to
   a part that was split off or merged in, and is not counted as added or removed.
3. ``addressee_changed``: the operative addressee differs in more than its articles ("the").
4. ``rephrased``: anything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from pipelines.facts.similarity import PreparedClause, content_words, goals, normalise
from pipelines.facts.targets import TargetMention


def lead_strength(row: Mapping) -> int | None:
    """The row's ``strength``: the warehouse's rows carry fct_clauses.lead_strength (a sub-clause its
    operative clause's), computed once in dbt from the lexicon."""
    return None if row.get("strength") is None else int(row["strength"])


# --- targets ---------------------------------------------------------------------------------------

_COMPARATOR_RANK = {"<": -2, "<=": -1, "=": 0, ">=": 1, ">": 2}
_UNDIRECTED = {"duration", "ordinal", "deadline"}


def _ambition(t: TargetMention) -> tuple[float, int]:
    """Larger is more ambitious: more money or share, a higher floor; an earlier year; a deeper cut."""
    value = t.value or 0.0
    rank = _COMPARATOR_RANK.get(t.comparator, 0)
    if t.target_kind == "year":
        return -value, -rank
    if t.target_kind == "percent_change" and value < 0:
        return -value, -rank
    return value, rank


def _figure(t: TargetMention) -> str:
    # a deadline names a date and no value (targets.py)
    return str(t.target_date) if t.value is None else f"{t.value:g}"


_CONTEXT_CHARS = 80
_CONTEXT_SHARED = 0.5


def _context_carried(text: str, t: TargetMention, other_words: frozenset[str]) -> bool:
    """Whether the other clause repeats the words around a goal (half of them or more).

    A goal whose context is gone belonged to a part of the clause that was split off or merged in
    ("...; and announcing a Pledge of EUR 40 billion" left out of the rewrite): its absence is not a
    change of target.
    """
    window = content_words(text[max(0, t.text_start - _CONTEXT_CHARS) : t.text_end + _CONTEXT_CHARS // 2])
    window -= content_words(t.span_text)
    return bool(window) and len(window & other_words) / len(window) >= _CONTEXT_SHARED


@lru_cache(maxsize=100_000)
def _target_change(old: str, old_goals: tuple[TargetMention, ...], new: str,
                   new_goals: tuple[TargetMention, ...]) -> tuple[int | None, str | None]:
    """(+1 up / -1 down / 0 changed without direction / None unchanged, detail) of the goals of the two
    texts. Cached: a clause repeated across a corpus is compared with the same earlier text many times."""
    a, b = goals(old_goals), goals(new_goals)
    if not a and not b:
        return None, None
    old_words, new_words = content_words(old), content_words(new)
    directions, details = [], []
    for key in sorted(set(a) | set(b), key=str):
        before, after = a.get(key, []), b.get(key, [])
        if not before or not after:
            side, text, other = (after, new, old_words) if after else (before, old, new_words)
            if any(_context_carried(text, t, other) for t in side):
                directions.append(0)
                details.append(f"{key[0]} {'added' if after else 'removed'}")
            continue
        old_best = max(before, key=_ambition)
        new_best = max(after, key=_ambition)
        if _ambition(old_best) == _ambition(new_best):
            continue
        desc = f"{key[0]} {old_best.comparator} {_figure(old_best)} -> {new_best.comparator} {_figure(new_best)}"
        details.append(desc)
        if key[0] in _UNDIRECTED:
            directions.append(0)
        else:
            directions.append(1 if _ambition(new_best) > _ambition(old_best) else -1)
    if not directions:
        return None, None
    signs = {d for d in directions if d != 0}
    if len(signs) == 1 and 0 not in directions:
        return signs.pop(), "; ".join(details)
    return 0, "; ".join(details)


def _secondary(row: Mapping) -> dict[str, int | None]:
    """The row's coordinated leads: lemma -> strength (fct_verbs.strength of its secondary leads)."""
    out: dict[str, int | None] = {}
    strengths = list(row.get("secondary_strengths") or [])
    for i, lemma in enumerate(row.get("secondary_lemmas") or []):
        strength = strengths[i] if i < len(strengths) else None
        out.setdefault(str(lemma).lower(), None if strength is None else int(strength))
    return out


def _strengths(old: Mapping, cur: Mapping) -> tuple[int | None, int | None]:
    """Lead strengths to compare. A clause split out of a coordinated one keeps the verb it had there
    ("Clear-eyed ..., and deploring X" -> "Deploring X"): that verb, not the old primary lead, is the
    baseline."""
    s_old, s_new = lead_strength(old), lead_strength(cur)
    new_lemma, old_lemma = (cur.get("lemma") or "").lower(), (old.get("lemma") or "").lower()
    old_secondary, cur_secondary = _secondary(old), _secondary(cur)
    if new_lemma and new_lemma != old_lemma and new_lemma in old_secondary:
        s_old = old_secondary[new_lemma]
    elif old_lemma and old_lemma != new_lemma and old_lemma in cur_secondary:
        s_new = cur_secondary[old_lemma]
    return s_old, s_new


_ARTICLES = frozenset({"the", "a", "an", "its", "their", "our", "all", "of", "and"})


def _addressee_words(addressee: str | None) -> tuple[str, ...]:
    """An addressee's words without articles: "the member governments" and "member governments" are one."""
    return tuple(w for w in normalise(addressee or "").split() if w not in _ARTICLES)


def _same_lead(old: Mapping, cur: Mapping) -> bool:
    """The two clauses open with the same verb and intensifier: their strength cannot differ, whatever
    source each row's strength came from (a sub-clause carries its operative clause's)."""

    def key(row: Mapping) -> tuple[str, str]:
        return ((row.get("lemma") or "").lower(), " ".join((row.get("intensifier") or "").lower().split()))

    return bool(old.get("lemma")) and key(old) == key(cur)


def classify(cur: PreparedClause, old: PreparedClause) -> tuple[str, str | None, str | None]:
    s_old, s_new = _strengths(old.row, cur.row)
    if _same_lead(old.row, cur.row):
        s_old = s_new
    strength_dir = 0
    details = []
    if s_old is not None and s_new is not None and s_old != s_new:
        strength_dir = 1 if s_new > s_old else -1
        details.append(f"lead strength {s_old} -> {s_new}")
    target_dir, target_detail = _target_change(old.row.get("text") or "", old.goals, cur.row.get("text") or "",
                                               cur.goals)
    if target_detail:
        details.append(target_detail)
    addr_old = _addressee_words(old.row.get("addressee"))
    addr_new = _addressee_words(cur.row.get("addressee"))
    addressee_changed = bool(addr_old and addr_new and addr_old != addr_new)
    if addressee_changed:
        details.append(f"addressee: {old.row.get('addressee')} -> {cur.row.get('addressee')}")
    detail = "; ".join(details) or None

    if cur.norm == old.norm and not strength_dir and not addressee_changed:
        return "verbatim", None, None
    # A direction counts when the lead and the goals agree on it (or only one of them moved);
    # goals that changed without a direction, or against the lead, are a target change.
    directions = {d for d in (strength_dir, target_dir) if d}
    if len(directions) == 1 and target_dir != 0:
        return "modified", "strengthened" if directions.pop() > 0 else "weakened", detail
    if target_dir is not None:
        return "modified", "target_changed", detail
    if addressee_changed:
        return "modified", "addressee_changed", detail
    return "modified", "rephrased", detail
