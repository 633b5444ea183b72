"""entities.refine and the story-level merges: what the story names clearly repairs what the tagger
got wrong in one place; a bare name joins a full one only when the story has one such bearer."""

from __future__ import annotations

import pytest

from storyline.entities import resolve_entities
from storyline.entities.names import given_names_compatible, name_suffix_free
from storyline.entities.refine import _firms

# A fictional story told by three fictional outlets.
HEADLINE_A = (
    "Dana Pirelli Checks Into Rehab Clinic\n\n"
    "The actress Dana Pirelli checked into a rehab clinic in Vasco on Friday, her lawyer said. "
    "Pirelli, 31, had been ordered by a judge to spend ninety days in treatment. "
    "Her lawyer, Marcus Ottaway, said she was doing well."
)
HEADLINE_B = (
    "Sequel Filmmaker Quits Over Budget\n\n"
    "The director Tomas Vreeland will not make the sequel, the studio said on Monday. "
    "Vreeland said the budget was too small. "
    "Comedian Dana Pirelli, who was to star, said she was sorry to see him go. "
    "Dana said the script had been good."
)
HEADLINE_C = (
    "Court hears Pirelli case\n\n"
    "Ottaway asked the court for more time on Tuesday. "
    "Her club, the Northgate Rangers, sent flowers. The Rangers said they hoped she would return. "
    "The Vasco Film Council said Ottaway "
    "had written to the VFC last week."
)


@pytest.fixture(scope="module")
def story(nlp):
    docs = [(aid, nlp(text)) for aid, text in (("a", HEADLINE_A), ("b", HEADLINE_B), ("c", HEADLINE_C))]
    return resolve_entities(docs)


def _holding(entities, form):
    return [e for e in entities if form in e.aliases]


def test_refine_headline_name_cut_to_the_known_name(story):
    pirelli = [e for e in story if e.name == "Dana Pirelli"]
    assert len(pirelli) == 1
    assert not any("Checks" in a for e in story for a in e.aliases)
    assert {m.article_id for m in pirelli[0].mentions} == {"a", "b", "c"}


def test_refine_headline_fragment_is_no_entity(story):
    assert not any("Filmmaker" in a or "Quits" in a for e in story for a in e.aliases)


def test_resolve_given_name_only_joins_the_one_bearer(story):
    pirelli = next(e for e in story if e.name == "Dana Pirelli")
    assert "Dana" in pirelli.aliases
    assert not [e for e in story if e.name == "Dana"]


def test_resolve_surname_in_another_article_joins_the_full_name(story):
    ottaway = next(e for e in story if e.name == "Marcus Ottaway")
    assert {m.article_id for m in ottaway.mentions} == {"a", "c"}


def test_resolve_short_form_and_acronym_of_an_organisation(story):
    rangers = _holding(story, "the Northgate Rangers")
    assert rangers and "Rangers" in rangers[0].aliases
    council = _holding(story, "The Vasco Film Council") or _holding(story, "Vasco Film Council")
    assert council and "VFC" in council[0].aliases


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (["Luis", "(Jerry)"], ["Jerry"], True),  # a bracketed nickname is a given name the person goes by
        (["Kimani", "'Kiki'"], ["Kiki"], True),
        (["Bettie"], ["Betty"], True),  # one diminutive ending, two spellings
        (["Maria"], ["Mario"], False),
        (["Luis", "(Jerry)"], ["Tomas"], False),
    ],
)
def test_names_nicknames_and_diminutive_spellings(a, b, same):
    assert given_names_compatible(a, b) is same


def test_names_generational_suffix_is_not_the_surname():
    assert name_suffix_free(["Arlo", "Quent", "Jr."]) == ["Arlo", "Quent"]
    assert name_suffix_free(["Arlo", "Quent", "III"]) == ["Arlo", "Quent"]
    assert name_suffix_free(["Arlo", "Quent,"]) == ["Arlo", "Quent"]
    assert name_suffix_free(["Junior"]) == ["Junior"]


def test_refine_firm_named_after_a_person():
    full = {("roman", "pirelli"), ("filip", "pirelli"), ("pirelli", "freight"), ("tomas", "vreeland")}
    assert _firms(full) == {("pirelli", "freight")}


def _names():
    from storyline.entities.refine import StoryNames

    return StoryNames(full_names={("dana", "pirelli")}, surnames={"pirelli"}, given={"dana"},
                      lower_words={"media", "mogul", "the", "council"}, first_last={("dana", "pirelli")})


def _span(text: str, words: str, label: str = "PERSON"):
    from storyline.entities.mentions import NameMention

    start = text.index(words)
    return NameMention("a", start, start + len(words), words, label, words.split())


def test_refine_description_before_a_surname_is_a_title(nlp):
    from storyline.entities.refine import _repaired

    text = "Media Mogul Pirelli, who owns two studios, said no."
    [m] = _repaired(nlp(text), _span(text, "Media Mogul Pirelli"), _names())
    assert (m.name, m.title, m.text) == (["Pirelli"], "Media Mogul", "Media Mogul Pirelli")


def test_refine_headline_words_before_a_surname_are_dropped(nlp):
    from storyline.entities.refine import _repaired

    text = "Council Flips Pirelli Parking Ruling At Last\n\nThe council met on Monday."
    [m] = _repaired(nlp(text), _span(text, "Flips Pirelli"), _names())
    assert (m.name, m.title, m.text, m.start) == (["Pirelli"], None, "Pirelli", text.index("Pirelli"))


def test_refine_another_given_name_before_the_surname_stays(nlp):
    from storyline.entities.refine import _repaired

    text = "Marek Pirelli, her brother, said no."
    [m] = _repaired(nlp(text), _span(text, "Marek Pirelli"), _names())
    assert m.name == ["Marek", "Pirelli"]


def test_refine_full_name_around_a_nickname_tagged_org_is_the_person(nlp):
    from storyline.entities.refine import _repaired

    text = "Dana (Dee) Pirelli was not in court."
    m = _span(text, "Dana (Dee) Pirelli", "ORG")
    m.name = ["Dana", "(Dee)", "Pirelli"]
    [out] = _repaired(nlp(text), m, _names())
    assert out.label == "PERSON"
