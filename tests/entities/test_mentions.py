"""entities.mentions: where the parse puts a name (a place or a person) when the tagger gets its type wrong."""

from __future__ import annotations

from spacy.tokens import Span

from storyline.entities import resolve_entities
from storyline.entities.mentions import place_cue, person_cue


def _span(doc, word: str, label: str) -> Span:
    start = doc.text.index(word)
    return doc.char_span(start, start + len(word), label=label)


def test_place_cues_route_destination_preposition_and_coordination(nlp):
    doc = nlp("The army took the shortest route to Velgrad. Talks between Ostrava and Velgrad stalled. "
              "The envoy wrote a letter to Kadlec. He lives in Sarvik.")
    route = _span(doc, "Velgrad", "PERSON")
    assert place_cue(route)
    letter = _span(doc, "Kadlec", "PERSON")
    assert not place_cue(letter)  # "a letter to X" is not a journey
    assert place_cue(_span(doc, "Sarvik", "PERSON"))


def test_person_cues_kinship_apposition_coordination_and_speech(nlp):
    doc = nlp("After his arrest, Tsvirko's wife, Alena, led the union. "
              "Talks between Varga and Roman Kadlec resumed. Ilse told reporters the strike was over.")
    assert person_cue(_span(doc, "Alena", "GPE"))
    varga, kadlec = _span(doc, "Varga", "GPE"), _span(doc, "Roman Kadlec", "PERSON")
    doc.ents = [varga, kadlec]  # the tagger's guesses on these names vary; the cue reads the parse
    assert person_cue(varga)
    assert person_cue(_span(doc, "Ilse", "GPE"))
    assert not person_cue(_span(doc, "Tsvirko", "PERSON"))  # a possessor, not in apposition


def test_a_lone_name_the_tagger_mistyped_is_retyped_by_its_cues(nlp):
    doc = nlp("Troops were massed near the border, on the shortest road to Velgrad. "
              "The minister's wife, Alena, said nothing.")
    velgrad, alena = _span(doc, "Velgrad", "PERSON"), _span(doc, "Alena", "GPE")
    doc.ents = [e for e in doc.ents if e.end <= velgrad.start or e.start >= velgrad.end] + [velgrad]
    doc.ents = [e for e in doc.ents if e.end <= alena.start or e.start >= alena.end] + [alena]
    types = {e.name: e.type for e in resolve_entities([("a", doc)])}
    assert types["Velgrad"] == "GPE" and types["Alena"] == "PERSON"


def test_a_portfolio_word_before_a_titled_name_is_not_an_organisation(nlp):
    from storyline.entities.mentions import extract_mentions

    doc = nlp("Kadlec Freight is owned by Filip Kadlec, the son of Transport Minister Roman Kadlec.")
    transport = _span(doc, "Transport", "ORG")
    doc.ents = [e for e in doc.ents if e.end <= transport.start or e.start >= transport.end] + [transport]
    assert "Transport" not in [m.text for m in extract_mentions("a", doc)]


def test_a_place_named_with_its_city_as_possessor_is_the_place(nlp):
    from storyline.entities.mentions import extract_mentions

    doc = nlp("The envoy was received at Velgrad’s Palace of the Republic on Friday.")
    palace = _span(doc, "Velgrad’s Palace of the Republic", "FAC")
    doc.ents = [e for e in doc.ents if e.end <= palace.start or e.start >= palace.end] + [palace]
    (m,) = [m for m in extract_mentions("a", doc) if "Palace" in m.text]
    assert m.text == "Palace of the Republic" and doc.text[m.start : m.end] == m.text


def test_a_nationality_tagged_as_a_place_once_is_one_group_entity(nlp):
    one = nlp("The Corvenian delegation left early.")
    two = nlp("A Corvenian official declined to comment.")
    one.ents = [_span(one, "Corvenian", "GPE")]
    two.ents = [_span(two, "Corvenian", "NORP")]
    found = [(e.name, e.type, e.articles) for e in resolve_entities([("a", one), ("b", two)])]
    assert found == [("Corvenian", "NORP", 2)]


def test_acronyms_around_a_slash_are_one_organisation(nlp):
    from storyline.entities.mentions import extract_mentions

    doc = nlp("Two reporters of the broadcaster VRT/NWS were freed on Friday.")
    nws = _span(doc, "NWS", "PERSON")  # the tagger's guess for the second half
    doc.ents = [e for e in doc.ents if e.end <= nws.start or e.start >= nws.end] + [nws]
    names = [(m.text, m.label) for m in extract_mentions("a", doc)]
    assert ("VRT/NWS", "ORG") in names and not [n for n in names if n[0] in ("VRT", "NWS")]
    assert not [m for m in extract_mentions("b", nlp("The 24/7 news desk never sleeps.")) if "/" in m.text]



PLURAL_NAME = ("Fans were stunned when the Kestrels fired their coach on Monday. The Kestrels play again on "
               "Sunday, and the Players union said nothing; two players left.")


def test_plural_names_the_tagger_missed(nlp):
    from storyline.entities import resolve_entities
    from storyline.entities.mentions import _plural_names

    found = [(m.text, m.label, m.start) for m in _plural_names("a", nlp(PLURAL_NAME))]
    first, second = PLURAL_NAME.index("Kestrels"), PLURAL_NAME.rindex("Kestrels")
    assert found == [("Kestrels", "ORG", first), ("Kestrels", "ORG", second)]  # not "Players": written lower case
    [team] = [e for e in resolve_entities([("a", nlp(PLURAL_NAME))]) if e.name == "Kestrels"]
    assert team.type == "ORG" and len(team.mentions) == 2
