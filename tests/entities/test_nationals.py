"""entities: "the American" is the story's one person written as an American, else nobody."""

from __future__ import annotations

from storyline.entities import resolve_entities
from storyline.settings import EntitySettings

BOUT_A = (
    "Vasko keeps his belts in Bern\n\n"
    "Oleh Vasko beat American contender Tom Brell in Bern on Saturday. "
    "Brell had lasted eleven rounds when they first met."
)
BOUT_B = (
    "Brell stopped in six\n\n"
    "Oleh Vasko stopped Tom Brell in the sixth round. Vasko floored him in the fifth round, "
    "and the 38-year-old American never recovered."
)
TWO_AMERICANS = (
    "Two Americans in the ring\n\n"
    "American contender Tom Brell and American veteran Sam Oduya trained in Bern. "
    "Oduya sparred with Brell on Monday, and the American said he felt ready."
)


def _person(entities, name):
    return next(e for e in entities if e.type == "PERSON" and e.name == name)


def test_nationality_noun_joins_the_one_person_of_that_nationality(nlp):
    entities = resolve_entities([("a", nlp(BOUT_A)), ("b", nlp(BOUT_B))])
    brell = _person(entities, "Tom Brell")
    start = BOUT_B.index("American")
    assert any(m.article_id == "b" and m.start == start and m.text == "American" for m in brell.mentions)
    assert any(m.rule.startswith("nationality noun") for m in brell.merges)
    # the span is the person's now, not also a nationality's
    assert not any(e.type != "PERSON" and any(m.article_id == "b" and m.start == start for m in e.mentions)
                   for e in entities)
    assert not any(m.text == "American" for m in _person(entities, "Oleh Vasko").mentions)


def test_nationality_noun_with_two_candidates_stays_unlinked(nlp):
    entities = resolve_entities([("c", nlp(TWO_AMERICANS))])
    start = TWO_AMERICANS.index("the American") + 4
    assert not any(e.type == "PERSON" and any(m.start == start for m in e.mentions) for e in entities)


def test_nationality_nouns_can_be_switched_off(nlp):
    entities = resolve_entities([("a", nlp(BOUT_A)), ("b", nlp(BOUT_B))], EntitySettings(national_descriptions=False))
    assert not any(m.text == "American" for m in _person(entities, "Tom Brell").mentions)
