"""Plan synthetic documents: structure, clause text, references and lineage (no formatting here).

Every document is planned from its own seeded generator (``Random(f"{seed}:{k}")``) and from the
documents planned before it, so the first N documents of a corpus are the same whatever its size.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from benchmarks import clausebank as bank

STYLE_WEIGHTS = {"nato": 0.5, "un": 0.25, "ep": 0.25}
FORMAT_WEIGHTS = {
    "nato": {"txt": 0.45, "md": 0.35, "html": 0.2},
    "un": {"txt": 0.5, "md": 0.2, "html": 0.3},
    "ep": {"txt": 0.3, "md": 0.2, "html": 0.5},
}
ORDINALS = [
    "Fiftieth",
    "Fifty-first",
    "Fifty-second",
    "Fifty-third",
    "Fifty-fourth",
    "Fifty-fifth",
    "Fifty-sixth",
    "Fifty-seventh",
    "Fifty-eighth",
    "Fifty-ninth",
    "Sixtieth",
]
HISTORY = 200  # documents of each style that later ones may borrow clauses from
BASE_YEAR = [2020]  # adoption year of the document being planned (set by Planner.plan)


@dataclass
class SubSpec:
    text: str  # clean text without terminator
    verb: str | None  # expected lead_verb
    key: str  # lineage identity (first document that wrote it)
    origin: dict | None = None
    ref: str = ""
    final: str = ""  # with terminator
    marker: str | None = None  # as it will be written ("a.", "I.", None when missing)
    letter_inferred: bool = False


@dataclass
class TopSpec:
    role: str  # pre (numbered preamble) | pp (unnumbered) | cite | recital | op
    kind: str  # preambular | operative
    lead: str
    lemma: str
    text: str
    key: str
    subs: list[SubSpec] = field(default_factory=list)
    origin: dict | None = None
    ref: str = ""
    final: str = ""
    marker: str | None = None
    comp: str = ""  # what the lead takes: "that", "np", "about", ... (a lead swap keeps it)


@dataclass
class DocSpec:
    k: int
    style: str
    fmt: str
    doc_type: str
    number: int | None
    title: str
    adopted_on: date | None
    adopted_by: str | None
    session: str | None
    place: str | None
    formula: str
    file_name: str
    doc_id: str
    tops: list[TopSpec]
    symbol: str | None = None
    apostrophe: str = "’"
    parent: str | None = None
    rng_state: int = 0


# -- text helpers ---------------------------------------------------------------------------------
def fill(template: str, rng: Random, topic: bank.Topic) -> str:
    """Fill the slots; years fall around the adoption year of the document being planned."""
    base = BASE_YEAR[0]

    def slot(m: re.Match) -> str:
        name = m.group(1)
        if name == "year":
            return str(base + rng.randint(-8, 9))
        if name == "pct":
            return rng.choice(["2", "3", "5", "10", "15", "20", "25", "30", "40", "50"])
        if name == "n":
            return str(rng.randint(2, 60))
        if name == "city":
            return rng.choice(bank.CITIES)
        if name == "country":
            return rng.choice(bank.COUNTRIES)[0]
        if name == "date":
            return f"{rng.randint(1, 28)} {rng.choice(bank.MONTHS)} {base - rng.randint(0, 6)}"
        if name == "np":
            return fill(rng.choice(topic.nps), rng, topic)
        if name == "topic_title":
            return topic.title[0].lower() + topic.title[1:]
        raise KeyError(name)

    return re.sub(r"\{(\w+)\}", slot, template)


def extensions(rng: Random, topic: bank.Topic, count: int, action: bool = False) -> str:
    """``count`` different qualifying phrases to append to a clause."""
    pool = bank.ACTION_EXTENSIONS if action else bank.NP_EXTENSIONS
    return "".join(fill(t, rng, topic) for t in rng.sample(pool, min(count, len(pool))))


def complement(comp: str, lead: str, rng: Random, topic: bank.Topic, addressees: list[str]) -> str:
    if lead.startswith("Expressing its appreciation"):
        return f"to {rng.choice(addressees)} for {fill(rng.choice(topic.nps), rng, topic)}"
    if comp == "that":
        return "that " + fill(rng.choice(topic.thats), rng, topic)
    if comp in ("about", "of", "at"):
        return comp + " " + fill(rng.choice(topic.nps), rng, topic)
    if comp == "to":
        return fill(rng.choice(topic.actions).text(), rng, topic)
    if comp == "that_on":
        return (
            ("on " + fill(rng.choice(topic.nps), rng, topic))
            if rng.random() < 0.5
            else ("that " + fill(rng.choice(topic.thats), rng, topic))
        )
    return fill(rng.choice(topic.nps), rng, topic)


def action(rng: Random, topic: bank.Topic, capital: bool = False) -> tuple[str, str]:
    """(text without terminator, expected lead verb) of a "to ..." sub-clause."""
    act = rng.choice(topic.actions)
    adverb = rng.choice(bank.ADVERBS)
    if rng.random() < 0.08 and act.verb != "continue":
        text, verb = f"to continue {act.text(adverb)}", "continue"
    else:
        text, verb = act.text(adverb), act.verb
    text = fill(text, rng, topic)
    text += extensions(rng, topic, rng.choice([0, 1, 1, 2]), action=True)
    return ("T" + text[1:] if capital else text), verb


# -- clause makers per style ----------------------------------------------------------------------
class Maker:
    def __init__(self, doc_key: str, rng: Random, topics: list[bank.Topic]):
        self.rng, self.topics, self.doc_key, self.count = rng, topics, doc_key, 0

    def key(self) -> str:
        self.count += 1
        return f"{self.doc_key}#{self.count}"

    def topic(self) -> bank.Topic:
        return self.rng.choice(self.topics)

    def preamble(self, leads, addressees, role: str, secondary: list[str]) -> TopSpec:
        rng, topic = self.rng, self.topic()
        lead, lemma, comp = rng.choice(leads)
        text = f"{lead} {complement(comp, lead, rng, topic, addressees)}"
        text += extensions(rng, topic, rng.choice([0, 1, 1, 2, 2, 3]), action=comp == "to")
        if secondary and rng.random() < 0.3:
            text += f", {rng.choice(secondary)} {fill(rng.choice(topic.nps), rng, topic)}"
        return TopSpec(role, "preambular", lead, lemma, text, self.key(), comp=comp)

    def sub(self, capital: bool = False, noun: bool = False) -> SubSpec:
        topic = self.topic()
        if noun:
            np = fill(self.rng.choice(topic.nps), self.rng, topic)
            return SubSpec(np[0].upper() + np[1:], None, self.key())
        text, verb = action(self.rng, topic, capital)
        return SubSpec(text, verb, self.key())

    def nato_operative(self, n_subs: int) -> TopSpec:
        rng = self.rng
        lead, lemma = rng.choice(bank.NATO_OPERATIVE)
        addressee = rng.choice(bank.NATO_ADDRESSEES)
        if n_subs:
            top = TopSpec("op", "operative", lead, lemma, f"{lead} {addressee}", self.key())
            top.subs = [self.sub() for _ in range(n_subs)]
            return top
        text, _ = action(rng, self.topic())
        return TopSpec("op", "operative", lead, lemma, f"{lead} {addressee} {text}", self.key())

    def verb_operative(self, table, addressees, n_subs: int = 0) -> TopSpec:
        rng, topic = self.rng, self.topic()
        lead, lemma, shape = rng.choice(table)
        if shape == "addr_to":
            addressee = rng.choice(addressees)
            if n_subs:
                top = TopSpec("op", "operative", lead, lemma, f"{lead} {addressee}", self.key())
                noun = rng.random() < 0.4
                if noun:
                    top.text = f"{lead} {addressee} to submit a report on"
                top.subs = [self.sub(capital=True, noun=noun) for _ in range(n_subs)]
                return top
            text = f"{lead} {addressee} {action(rng, topic)[0]}"
        else:
            text = f"{lead} {complement(shape, lead, rng, topic, addressees)}"
            text += extensions(rng, topic, rng.choice([0, 1, 1]), action=shape == "to")
        return TopSpec("op", "operative", lead, lemma, text, self.key())


# -- lineage: borrow and modify clauses of an earlier document -------------------------------------
def _mutate_numbers(text: str, rng: Random) -> str:
    def repl(m: re.Match) -> str:
        s = m.group()
        if len(s) == 4 and s.startswith("20"):
            return str(int(s) + rng.randint(1, 3))
        return str(max(2, int(s) + rng.choice([-5, -2, 3, 5, 10])))

    return re.sub(r"\b\d+\b", repl, text, count=1)


def mutate(item, rng: Random, leads, topic: bank.Topic, doc_id: str):
    """A copy of a clause from an earlier document: identical or modified (figures, lead, extension)."""
    change = rng.choices(["identical", "figures", "lead", "extended"], [0.45, 0.2, 0.15, 0.2])[0]
    if isinstance(item, TopSpec) and item.subs:
        change = "identical"  # its sub-clauses carry the changes
    text = item.text
    lemma = getattr(item, "lemma", None)
    lead = getattr(item, "lead", None)
    if change == "figures" and re.search(r"\b\d+\b", text):
        text = _mutate_numbers(text, rng)
    elif change == "lead" and isinstance(item, TopSpec) and item.role in ("pre", "pp"):
        options = [
            x
            for x in leads
            if x[2] == item.comp and x[0] != item.lead and not x[0].startswith("Expressing its appreciation")
        ]
        if options and text.startswith(item.lead):
            lead, lemma, _ = rng.choice(options)
            text = lead + text[len(item.lead) :]
        else:
            change = "identical"
    elif change in ("extended", "figures", "lead") and not text.endswith(":"):
        action = isinstance(item, SubSpec) or getattr(item, "comp", "") == "to" or item.role == "op"
        text += extensions(rng, topic, 1, action=action)
        change = "extended"
    else:
        change = "identical"
    origin = {"doc_id": doc_id, "ref": item.ref, "change": change}
    if isinstance(item, SubSpec):
        return SubSpec(text, item.verb, item.key, origin)
    return TopSpec(item.role, item.kind, lead, lemma, text, item.key, origin=origin, comp=item.comp)


def borrow_sequence(parent_items, fresh, rng: Random, share: float, copy):
    """Mix copies of some of the parent's items (mostly in order, some moved) with fresh ones."""
    taken = [copy(x) for x in parent_items if rng.random() < share]
    for _ in range(len(taken) // 5):  # reorder a few
        if len(taken) > 1:
            i, j = rng.randrange(len(taken)), rng.randrange(len(taken))
            taken[i], taken[j] = taken[j], taken[i]
    for item in fresh:
        taken.insert(rng.randint(0, len(taken)), item)
    return taken


# -- documents ------------------------------------------------------------------------------------
class Planner:
    def __init__(self, seed: int, nato_only: bool = False):
        self.seed = seed
        self.nato_only = nato_only  # see render.render(publishable=...)
        self.history: dict[str, deque[DocSpec]] = {s: deque(maxlen=HISTORY) for s in STYLE_WEIGHTS}

    def plan(self, k: int) -> DocSpec:
        rng = Random(f"{self.seed}:{k}")
        self.adopted = self._adoption(k, rng)
        BASE_YEAR[0] = self.adopted.year
        style = rng.choices(list(STYLE_WEIGHTS), list(STYLE_WEIGHTS.values()))[0]
        if self.nato_only:
            style = "nato"
        fmt = rng.choices(list(FORMAT_WEIGHTS[style]), list(FORMAT_WEIGHTS[style].values()))[0]
        topics = rng.sample(bank.TOPICS, rng.randint(1, 3))
        parent = None
        if self.history[style] and rng.random() < 0.55:
            parent = rng.choice(list(self.history[style])[-60:])
        maker = Maker(f"{self.seed}:{k}", rng, topics)
        doc = getattr(self, f"_{style}")(k, rng, fmt, topics, maker, parent)
        doc.parent = parent.doc_id if parent else None
        dedupe(doc)
        assign_refs(doc)
        self.history[style].append(doc)
        return doc

    @staticmethod
    def _adoption(k: int, rng: Random) -> date:
        """Later documents are adopted later (one a day), so "earlier document" means the same for the
        corpus, its lineage truth and the pipeline's document order. One a day from 1996 keeps a
        10,000-document corpus and its held-out documents in the past (2023), as the pipeline's
        adoption-date check requires."""
        return date(1996, 1, 1) + timedelta(days=k)

    def _nato(self, k, rng, fmt, topics, maker, parent) -> DocSpec:
        doc_type = rng.choice(["resolution", "resolution", "declaration"])
        number = 400 + k
        n_pre = max(3, min(45, int(rng.lognormvariate(2.8, 0.45))))
        n_subs = max(2, min(40, int(rng.lognormvariate(2.6, 0.55))))
        fresh = [
            maker.preamble(bank.NATO_PREAMBULAR, bank.NATO_ADDRESSEES, "pre", bank.SECONDARY_LEADS)
            for _ in range(n_pre)
        ]
        ops = [maker.nato_operative(n_subs)]
        for _ in range(rng.choice([0, 0, 0, 1, 2])):
            ops.append(maker.nato_operative(rng.choice([0, 0, rng.randint(2, 8)])))
        if parent is not None:
            topic = topics[0]
            pre = borrow_sequence(
                [t for t in parent.tops if t.role == "pre"],
                fresh[: n_pre // 2],
                rng,
                rng.uniform(0.3, 0.9),
                lambda x: mutate(x, rng, bank.NATO_PREAMBULAR, topic, parent.doc_id),
            )
            p_ops = [t for t in parent.tops if t.role == "op"]
            if p_ops and p_ops[0].subs:
                first = mutate(p_ops[0], rng, [], topic, parent.doc_id)
                first.subs = borrow_sequence(
                    p_ops[0].subs,
                    ops[0].subs[: n_subs // 2],
                    rng,
                    rng.uniform(0.4, 0.9),
                    lambda x: mutate(x, rng, [], topic, parent.doc_id),
                )
                ops[0] = first
            fresh = pre
        adopted = self.adopted
        country, city = rng.choice(bank.COUNTRIES)
        title = topics[0].title.upper()
        ext = {"txt": "txt", "md": "md", "html": "html"}[fmt]
        name = f"{k:05d}-nato-pa-{doc_type}-{number}.{ext}"
        return DocSpec(
            k,
            "nato",
            fmt,
            doc_type,
            number,
            title,
            adopted,
            rng.choice(bank.BODIES),
            rng.choice(bank.SESSIONS),
            f"{city}, {country}",
            "The Assembly,",
            name,
            name.rsplit(".", 1)[0],
            fresh + ops,
            apostrophe=rng.choice(["’", "’", "'"]),
        )

    def _un(self, k, rng, fmt, topics, maker, parent) -> DocSpec:
        formula, body = rng.choice(bank.UN_BODIES)
        session = 50 + (k // 900) % 11
        number = 1 + k % 997
        n_pre = rng.randint(4, 18)
        n_ops = rng.randint(5, 30)
        sec = ["and welcoming", "and noting", "and recognizing"]
        fresh = [maker.preamble(bank.UN_PREAMBULAR, bank.UN_ADDRESSEES, "pp", sec) for _ in range(n_pre)]
        ops = [
            maker.verb_operative(bank.UN_OPERATIVE, bank.UN_ADDRESSEES, rng.randint(2, 6) if rng.random() < 0.2 else 0)
            for _ in range(n_ops)
        ]
        if parent is not None:
            topic = topics[0]

            def copy(x):
                return mutate(x, rng, bank.UN_PREAMBULAR, topic, parent.doc_id)

            fresh = borrow_sequence([t for t in parent.tops if t.role == "pp"], fresh[: n_pre // 2], rng, 0.6, copy)
            ops = borrow_sequence(
                [t for t in parent.tops if t.role == "op" and not t.subs][:-1],
                ops[: n_ops // 2],
                rng,
                0.5,
                copy,
            )
        next_session = ORDINALS[(session - 49) % 11].lower()
        ops.append(
            TopSpec(
                "op",
                "operative",
                "Decides",
                "decide",
                rng.choice(
                    [
                        "Decides to remain seized of the matter",
                        f"Decides to include in the provisional agenda of its {next_session} session "
                        f'the item entitled "{topics[0].title}"',
                    ]
                ),
                maker.key(),
            )
        )
        adopted = self.adopted
        symbol = (
            f"A/RES/{session}/{number}"
            if body == "General Assembly"
            else f"A/HRC/RES/{session}/{number}"
            if body == "Human Rights Council"
            else f"E/RES/{adopted.year}/{number}"
        )
        name = f"{k:05d}-un-{symbol.lower().replace('/', '-')}.{fmt}"
        return DocSpec(
            k,
            "un",
            fmt,
            "resolution",
            number,
            topics[0].title,
            adopted,
            body,
            None,
            None,
            formula,
            name,
            name.rsplit(".", 1)[0],
            fresh + ops,
            symbol=symbol,
            apostrophe=rng.choice(["'", "’"]),
        )

    def _ep(self, k, rng, fmt, topics, maker, parent) -> DocSpec:
        topic = topics[0]
        cites = []
        for _ in range(rng.randint(4, 14)):
            c = fill(rng.choice(bank.EP_CITATIONS), rng, rng.choice(topics))
            cites.append(
                TopSpec(
                    "cite",
                    "preambular",
                    "having regard to",
                    "have regard",
                    f"having regard to {c}",
                    maker.key(),
                )
            )
        recitals = []
        for _ in range(rng.randint(4, 20)):
            t = rng.choice(topics)
            stmt = fill(rng.choice(t.thats + tuple(bank.EP_WHEREAS_EXTRA)), rng, t)
            stmt += extensions(rng, t, rng.choice([0, 1, 1, 2]))
            recitals.append(TopSpec("recital", "preambular", "whereas", "whereas", f"whereas {stmt}", maker.key()))
        ops = [maker.verb_operative(bank.EP_OPERATIVE, bank.EP_ADDRESSEES) for _ in range(rng.randint(6, 36))]
        if parent is not None:

            def copy(x):
                return mutate(x, rng, [], topic, parent.doc_id)

            recitals = borrow_sequence([t for t in parent.tops if t.role == "recital"], recitals[:3], rng, 0.5, copy)[
                :20
            ]
            ops = borrow_sequence([t for t in parent.tops if t.role == "op"][:-1], ops[: len(ops) // 2], rng, 0.5, copy)
        ops.append(
            TopSpec(
                "op",
                "operative",
                "Instructs",
                "instruct",
                "Instructs its President to forward this resolution to the Council, the Commission and the "
                "governments and parliaments of the Member States",
                maker.key(),
            )
        )
        adopted = self.adopted
        proc = f"{adopted.year}/{2500 + k % 997}(RSP)"
        name = f"{k:05d}-ep-resolution-{adopted.year}-{k % 997:04d}.{fmt}"
        title = topic.title[0].lower() + topic.title[1:]
        return DocSpec(
            k,
            "ep",
            fmt,
            "resolution",
            None,
            title,
            adopted,
            "European Parliament",
            None,
            None,
            "The European Parliament,",
            name,
            name.rsplit(".", 1)[0],
            cites + recitals[:20] + ops,
            symbol=proc,
            apostrophe=rng.choice(["'", "’"]),
        )


def dedupe(doc: DocSpec) -> None:
    """Real texts do not open two clauses with the same words; borrowing could, so keep the first."""
    seen: set[str] = set()
    tops = []
    for top in doc.tops:
        if top.text[:70] in seen:
            continue
        seen.add(top.text[:70])
        tops.append(top)
        subs = []
        for sub in top.subs:
            if sub.text[:70] not in seen:
                seen.add(sub.text[:70])
                subs.append(sub)
        top.subs = subs
    doc.tops = tops


def letter_at(index: int) -> str:
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def assign_refs(doc: DocSpec) -> None:
    """Reference, terminator and marker of every clause, as a careful reader would give them."""
    number = pp = recital = 0
    tops = doc.tops
    for i, top in enumerate(tops):
        last_top = i == len(tops) - 1
        if top.role in ("pre", "op"):
            number += 1
            top.ref, top.marker = str(number), f"{number}."
        elif top.role in ("pp", "cite"):
            pp += 1
            top.ref, top.marker = f"pp{pp}", ("–" if top.role == "cite" else None)
        else:
            top.ref, top.marker = chr(ord("A") + recital), chr(ord("A") + recital) + "."
            recital += 1
        if top.subs:
            top.final = top.text + ":"
        elif top.role in ("pp", "cite"):
            top.final = top.text + ","
        else:
            top.final = top.text + ("." if last_top else ";")
        for j, sub in enumerate(top.subs):
            letter = letter_at(j)
            sub.ref = f"{top.ref}.{letter}"
            sub.marker = f"({letter})" if doc.style != "nato" else f"{letter}."
            sub.final = sub.text + ("." if last_top and j == len(top.subs) - 1 else ";")
