"""Entity mentions in clause text: states from maintained packages, organisations from the seed."""

import pytest

from pipelines.facts.entities import extract_entity_mentions
from pipelines.facts.gazetteer import load_gazetteer


def mentions(*texts, body=None):
    return [[(m.mention_text, m.entity_name) for m in clause] for clause in extract_entity_mentions(texts, body)]


@pytest.mark.parametrize(("alias", "name", "iso3"), [
    ("Syrian Arab Republic", "Syria", "SYR"),
    ("Bolivia (Plurinational State of)", "Bolivia", "BOL"),
    ("Democratic Republic of the Congo", "Democratic Republic of the Congo", "COD"),
    ("Russian Federation", "Russia", "RUS"),
    ("Union of Soviet Socialist Republics", "USSR", "SUN"),
    ("Soviet Union", "USSR", "SUN"),
    ("Yugoslavia", "Yugoslavia", "YUG"),
    ("Czechoslovakia", "Czechoslovakia", "CSK"),
    ("Zaire", "Zaire", "ZAR"),
    ("Israeli", "Israel", "ISR"),
    ("French", "France", "FRA"),
    ("Chinese", "China", "CHN"),
    ("Uzbekistan", "Uzbekistan", "UZB"),
])
def test_every_state_has_its_names_demonyms_and_iso_code_from_the_packages(alias, name, iso3):
    entity = load_gazetteer()[alias]
    assert (entity.name, entity.entity_type, entity.iso3) == (name, "state", iso3)


def test_eu_institutions_are_not_folded_into_the_union_and_the_north_atlantic_alliance_is_nato():
    got = mentions("the European Commission, the Council of the European Union, the European Parliament, "
                   "the European Council and the North Atlantic Alliance")
    assert got == [[("European Commission", "European Commission"),
                    ("Council of the European Union", "Council of the European Union"),
                    ("European Parliament", "European Parliament"), ("European Council", "European Council"),
                    ("North Atlantic Alliance", "NATO")]]


def test_longest_leftmost_match_wins_and_acronyms_are_whole_words():
    got = mentions("the Democratic People’s Republic of Korea and the Republic of Korea, non-EU Allies, "
                   "neutral EUROPE, Papua New Guinea")
    assert got == [[("Democratic People’s Republic of Korea", "North Korea"), ("Republic of Korea", "South Korea"),
                    ("EU", "European Union"), ("Papua New Guinea", "Papua New Guinea")]]


def test_a_form_of_state_a_plural_demonym_and_a_lost_hyphen_are_one_mention():
    got = mentions("the People’s Republic of Benin, Cambodians and the SecretaryGeneral of the United Nations")
    assert got == [[("People’s Republic of Benin", "Benin"), ("Cambodians", "Cambodia"),
                    ("SecretaryGeneral of the United Nations", "UN Secretary-General")]]


def test_the_council_is_the_body_itself_and_the_force_the_force_named_last():
    got = mentions("Welcomes the United Nations Interim Force in Lebanon",
                   "Requests the Council to keep the Force under review, and the Council of Europe",
                   body="UN Security Council")
    assert got == [[("United Nations Interim Force in Lebanon", "UNIFIL")],
                   [("Council", "UN Security Council"), ("Force", "UNIFIL"),
                    ("Council of Europe", "Council of Europe")]]


def test_a_head_noun_never_named_is_no_mention():
    assert mentions("Requests the Committee to report", body="UN General Assembly") == [[]]


def test_offsets_point_at_the_mention():
    text = "Condemns Israel’s attack on Lebanon"
    (clause,) = extract_entity_mentions([text])
    assert [text[m.text_start:m.text_end] for m in clause] == ["Israel", "Lebanon"]


def test_footnotes_instrument_names_and_an_acronym_after_its_name_give_no_mention():
    got = mentions("the Beijing Declaration and the United Nations Protection Force (UNPROFOR) "
                   "[^3]: United Nations, Treaty Series")
    assert got == [[("United Nations Protection Force", "UNPROFOR")]]


def test_the_council_after_a_council_the_gazetteer_lacks_is_that_council():
    assert mentions("Urges the Supreme National Council to elect the Chairman of the Council",
                    body="UN Security Council") == [[]]
