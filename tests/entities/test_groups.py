"""entities: unnamed groups that act are entities; a surname tagged as a nationality joins its bearer."""

from __future__ import annotations

from storyline.entities import resolve_entities
from storyline.entities.groups import find_groups
from storyline.entities.mentions import NameMention
from storyline.entities.resolve import LocalEntity, merge_across
from storyline.settings import EntitySettings

FIRE_A = (
    "Warehouse fire in Drelby\n\n"
    "Police said the fire at the Orvane depot began shortly after midnight. "
    "Fire crews from three towns fought the blaze until dawn, and two officers were treated for smoke. "
    "Residents near the police station were told to keep their windows shut."
)
FIRE_B = (
    "Drelby depot blaze under investigation\n\n"
    "Investigators have not ruled out arson, police said on Sunday. "
    "The crews left the site in the afternoon."
)


def _groups(entities):
    return {e.name: e for e in entities if e.type == "GROUP"}


def test_groups_same_noun_is_one_group_across_articles(nlp):
    entities = resolve_entities([("a", nlp(FIRE_A)), ("b", nlp(FIRE_B))])
    groups = _groups(entities)
    assert groups["police"].articles == 2
    assert {m.text for m in groups["police"].mentions} == {"Police", "police"}
    assert groups["crew"].articles == 2
    assert "investigator" in groups and "resident" in groups


def test_groups_modifiers_and_counted_people_are_not_groups(nlp):
    doc = nlp(FIRE_A)
    found = [(m.text, m.start) for m in find_groups("a", doc)]
    texts = [t for t, _ in found]
    assert texts.count("police") == 0  # "the police station": a modifier, not the force
    assert "officers" not in texts  # "two officers": two people
    assert all(FIRE_A[s : s + len(t)] == t for t, s in found)  # exact spans


def test_groups_can_be_switched_off(nlp):
    entities = resolve_entities([("a", nlp(FIRE_A))], EntitySettings(group_entities=False))
    assert not _groups(entities)


def _mention(aid: str, text: str, label: str, start: int) -> NameMention:
    return NameMention(aid, start, start + len(text), text, label, text.split())


def test_surname_tagged_nationality_joins_its_one_bearer():
    full = LocalEntity("a", True, "ostap vasko", [_mention("a", "Ostap Vasko", "PERSON", 0)])
    norp = LocalEntity("b", False, "PLACE:vasko", [_mention("b", "Vasko", "NORP", 10)])
    merged = merge_across([full, norp])
    assert len(merged) == 1
    assert any(m.rule == "surname tagged NORP" for m in merged[0][1])


def test_demonym_or_place_is_not_taken_for_a_surname():
    full = LocalEntity("a", True, "tomas drelbian", [_mention("a", "Tomas Drelbian", "PERSON", 0)])
    norp = LocalEntity("b", False, "PLACE:drelbian", [_mention("b", "Drelbian", "NORP", 10)])
    assert len(merge_across([full, norp])) == 2  # shaped like a nationality word: stays a group
    place = _mention("c", "Vasko", "NORP", 20)
    place.place_cue = True  # "in Vasko"
    other = LocalEntity("c", False, "PLACE:vasko", [place])
    person = LocalEntity("a", True, "ostap vasko", [_mention("a", "Ostap Vasko", "PERSON", 0)])
    assert len(merge_across([person, other])) == 2


def test_groups_of_a_named_body_are_not_groups(nlp):
    doc = nlp("Former employees of the Orvane Shipping Company said they had not been paid.")
    ents = {e.text: e.label_ for e in doc.ents}
    if ents.get("the Orvane Shipping Company", ents.get("Orvane Shipping Company")) != "ORG":
        return  # the tagger did not see the company: nothing to test
    assert find_groups("a", doc) == []
