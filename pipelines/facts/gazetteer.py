"""The entity gazetteer: every state and territory from maintained packages, organisations from a seed.

States and territories come from ``pycountry`` (ISO 3166-1 names, official names, common names, and the
historic states of ISO 3166-3: USSR, Yugoslavia, Czechoslovakia, Zaire, ...) and ``countryinfo`` (short
names, alternative spellings, demonyms). Organisations, their organs, agencies and missions, named
regions and programmes, and the state aliases no package has (capitals used as metonyms, "Soviet",
acronyms such as DPRK) are rows of the dbt seed ``entity_gazetteer.csv`` (documented in
``dbt_project/seeds/_seeds.yml``). A seed row for a state also fixes its canonical name: the seed's
``entity_name`` for an ISO code wins over the package's.

Aliases are literal words, matched case-sensitively as whole tokens (``pipelines.facts.entities``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent.parent / "dbt_project" / "seeds"

# ISO names put the distinguishing words after a comma ("Korea, Republic of"); texts print them before
# the name ("Republic of Korea") or, in UN style, in brackets ("Bolivia (Plurinational State of)").
_INVERTED = re.compile(r"^(?P<name>[^,]+),\s+(?P<form>.+\b(?:of|of the))$", re.IGNORECASE)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F .,'’()\-]+$")


@dataclass(frozen=True)
class Entity:
    name: str
    entity_type: str  # state | organisation | organ | region | programme
    iso3: str | None = None




def _name_variants(name: str) -> list[str]:
    """The ways a text prints an ISO name: as is, inverted form first, UN bracket form, the name alone."""
    out = [name]
    m = _INVERTED.match(name)
    if m:
        base, form = m["name"].strip(), m["form"].strip()
        form_words = form[4:] if form.lower().startswith("the ") else form
        out += [f"{form_words} {base}", f"{base} ({form_words})", base]
        if form.lower().startswith("the "):
            out.append(f"{form_words} {base}")
    elif "," in name:  # "USSR, Union of Soviet Socialist Republics": two names of one state
        out += [p.strip() for p in name.split(",") if "(" not in p]
    if name.startswith(("The ", "the ")):
        out.append(name[4:])
    return [v for v in out if v and _LATIN.match(v)]


def _package_states() -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[str]]]:
    """(iso3 -> canonical name, iso3 -> aliases, iso3 -> demonyms) from pycountry and countryinfo."""
    import pycountry
    from countryinfo import CountryInfo

    canonical: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    demonyms: dict[str, set[str]] = {}
    for c in pycountry.countries:
        canonical[c.alpha_3] = getattr(c, "common_name", None) or c.name
        names = {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}
        aliases[c.alpha_3] = {v for n in names if n for v in _name_variants(n)}
    for c in pycountry.historic_countries:
        iso3 = c.alpha_3
        if iso3 in canonical:  # a code reused by a current state (ATF)
            continue
        canonical[iso3] = c.name.split(",")[0].strip()  # "USSR, Union of Soviet Socialist Republics"
        aliases[iso3] = set(_name_variants(c.name))
    for info in CountryInfo.all().values():
        iso = info.get("ISO") or {}
        iso3 = iso.get("alpha3")
        if iso3 not in canonical:
            continue
        codes = {iso.get("alpha2"), iso3}
        names = [info.get("name"), *(info.get("altSpellings") or [])]
        aliases[iso3] |= {v for n in names if n and n not in codes for v in _name_variants(n)}
        if info.get("demonym"):
            demonyms.setdefault(iso3, set()).add(info["demonym"])
    return canonical, aliases, demonyms


def _seed_rows(seeds_dir: Path) -> list[dict[str, str]]:
    with open(seeds_dir / "entity_gazetteer.csv", newline="", encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


@lru_cache(maxsize=4)
def load_gazetteer(seeds_dir: Path = SEEDS_DIR) -> dict[str, Entity]:
    """Alias as written -> the entity it names."""
    canonical, state_aliases, state_demonyms = _package_states()
    seed = _seed_rows(seeds_dir)
    for row in seed:  # the seed names a state's canonical form
        if row["entity_type"] == "state" and row["iso3"]:
            canonical[row["iso3"]] = row["entity_name"]
            state_aliases.setdefault(row["iso3"], set()).add(row["entity_name"])

    aliases: dict[str, Entity] = {}
    claimed: dict[str, set[str]] = {}  # alias -> iso3 codes naming it, to drop the ambiguous ones
    for iso3, names in state_aliases.items():
        for alias in names:
            claimed.setdefault(alias, set()).add(iso3)
    historic = {c for c in canonical if c not in _current_codes()}
    for alias, codes in claimed.items():
        current = codes - historic
        codes = current or codes  # a current state keeps a name it shares with a historic one
        if len(codes) == 1:
            iso3 = next(iter(codes))
            aliases[alias] = Entity(canonical[iso3], "state", iso3)

    by_demonym: dict[str, set[str]] = {}
    for iso3, names in state_demonyms.items():
        for d in names:
            by_demonym.setdefault(d, set()).add(iso3)
    for d, codes in by_demonym.items():
        if len(codes) > 1:  # "French": not French Guiana, whose name holds it; "Chinese": China, not Macao
            codes = {c for c in codes if d not in canonical[c].split()} or codes
        if len(codes) > 1:
            codes = {c for c in codes if canonical[c][:4].lower() == d[:4].lower()}
        if len(codes) == 1 and d not in aliases:
            iso3 = next(iter(codes))
            aliases[d] = Entity(canonical[iso3], "state", iso3)

    for row in seed:  # seed rows last: they add and override
        iso3 = row["iso3"] or None
        name = canonical.get(iso3, row["entity_name"]) if row["entity_type"] == "state" else row["entity_name"]
        if row["entity_type"] == "excluded":  # a package alias that names something else in this genre
            aliases.pop(row["alias"], None)
            continue
        aliases[row["alias"]] = Entity(name, row["entity_type"], iso3)
    return aliases


@lru_cache(maxsize=1)
def _current_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)
