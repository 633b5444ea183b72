"""quotes: direct and reported speech with speakers on real-looking news text, and across outlets."""

from __future__ import annotations

import json

import pytest

from storyline.entities import resolve_entities
from storyline.eval.example.quotes import gold_spans, score, storyline_found, _alias_matcher
from storyline.model import Story
from storyline.quotes import run
from tests.conftest import EXAMPLE_GOLD

ARTICLE_A = (
    "Envoy says port talks can resume\n\n"
    "Special Envoy Clara Wendt met Transport Minister Roman Kadlec in Velgrad on Tuesday. "
    "“I very much hope the talks will be open,” Wendt said, “otherwise there is no point in meeting.”\n\n"
    "\"We know what the union wants. We are not sure what he [Kadlec] will offer, but we know he listens,\" "
    "the mediator said.\n\n"
    "Kadlec told reporters that the government would not drop the charges against the strikers. "
    "He said the picket could stay for now. According to the Velgrad Ledger, the ministry is preparing a new offer.\n\n"
    "The union called it a \"grand bargain\" in waiting.\n\n"
    "His deputy, Oleg Bartosh, was blunter: \"If the minister thinks we will get tired, he has not met our members.\n\n"
    "The strike is now in its fifth month."
)
ARTICLE_B = (
    "Minister and envoy meet in Velgrad\n\n"
    "Roman Kadlec, the transport minister, received the Aldmark mediator Clara Wendt on Tuesday. "
    "\"I very much hope the talks will be open, otherwise there is no point in meeting,\" Kadlec said after the meeting.\n\n"
    "The ministry said a new offer was being prepared."
)


@pytest.fixture(scope="module")
def story(nlp):
    docs = {"a": nlp(ARTICLE_A), "b": nlp(ARTICLE_B)}
    s = Story(id="s", title="t", article_ids=["a", "b"])
    s.entities = resolve_entities(list(docs.items()))
    run(s, {}, docs)
    return s, docs


def _by_text(story, words):
    return [q for q in story.quotes if words in q.text]


def _speaker(story, quote):
    return {e.id: e.name for e in story.entities}.get(quote.speaker_entity_id)


def test_quotes_split_quote_joined_with_both_parts(story):
    s, docs = story
    q = _by_text(s, "I very much hope")[0]
    assert q.kind == "direct" and _speaker(s, q) == "Clara Wendt" and q.speaker_text == "Wendt"
    assert [p.text for p in q.parts] == ["I very much hope the talks will be open,", "otherwise there is no point in meeting."]
    assert docs["a"].text[q.start : q.end] == q.text


def test_quotes_bracket_insertion_kept_and_description_speaker(story):
    s, _ = story
    q = _by_text(s, "what he [Kadlec] will offer")[0]
    assert "[Kadlec]" in q.text
    assert q.speaker_text == "the mediator" and _speaker(s, q) == "Clara Wendt"


def test_quotes_reported_speech_and_pronoun(story):
    s, _ = story
    told = _by_text(s, "the government would not drop the charges")[0]
    assert told.kind == "indirect" and _speaker(s, told) == "Roman Kadlec"
    assert told.text == "the government would not drop the charges against the strikers"
    he = _by_text(s, "the picket could stay for now")[0]
    assert he.speaker_text == "He" and _speaker(s, he) == "Roman Kadlec"
    according = _by_text(s, "the ministry is preparing a new offer")[0]
    assert according.kind == "indirect" and according.speaker_text == "the Velgrad Ledger"


def test_quotes_unclosed_quote_and_colon_attribution(story):
    s, _ = story
    q = _by_text(s, "If the minister thinks")[0]
    assert q.text == "If the minister thinks we will get tired, he has not met our members."
    assert q.speaker_text == "Oleg Bartosh" and _speaker(s, q) == "Oleg Bartosh"


def test_quotes_scare_quotes_are_not_quotes(story):
    s, _ = story
    assert not _by_text(s, "grand bargain")


def test_quotes_same_quote_in_two_outlets_is_one_with_conflict_flag(story):
    s, docs = story
    q = _by_text(s, "I very much hope")
    assert len(q) == 1
    assert [ev.article_id for ev in q[0].also_in] == ["b"]
    ev = q[0].also_in[0]
    assert docs["b"].text[ev.start : ev.end] == ev.text
    names = {e.id: e.name for e in s.entities}
    assert sorted(names[i] for i in q[0].conflicting_speakers) == ["Clara Wendt", "Roman Kadlec"]


def test_quotes_example_story_gold(example_dossier):
    gold = json.loads((EXAMPLE_GOLD / "quotes.json").read_text(encoding="utf-8"))
    story = example_dossier.stories[0]
    spans = gold_spans(gold, example_dossier.articles)
    found = storyline_found(story)
    same = _alias_matcher(story.entities)
    direct = score([f for f in found if f.kind == "direct"], [g for g in spans if g.kind == "direct"], same)
    assert direct["recall"] == 1.0 and direct["precision"] == 1.0 and direct["speaker_accuracy"] == 1.0
    everything = score(found, spans, same)
    assert everything["recall"] >= 0.95 and everything["speaker_accuracy"] == 1.0
    by_id = {a.id: a for a in example_dossier.articles}
    for q in story.quotes:
        assert by_id[q.article_id].clean_text[q.start : q.end] == q.text
        for ev in q.also_in:
            assert by_id[ev.article_id].clean_text[ev.start : ev.end] == ev.text


def test_quotes_a_question_word_complement_is_a_topic_not_reported_speech(nlp):
    from storyline.quotes.reported import find_reported

    doc = nlp("Mayor explains why the bridge is closed\n\n"
              "Mayor Ilse Varga said that the bridge would reopen in May. "
              "She did not say whether the tolls would rise.")
    found = [doc.text[a:b] for a, b, _ in find_reported(doc, [])]
    assert found == ["the bridge would reopen in May"]


def test_quotes_according_to_a_source_does_not_double_a_speakers_reported_words(nlp):
    from storyline.quotes.reported import find_reported

    doc = nlp("Kadlec told Wendt the talks had drawn wide attention, according to the ministry's account. "
              "According to the Velgrad Ledger, the ministry is preparing a new offer.")
    found = [(doc.text[a:b], who.text) for a, b, who in find_reported(doc, [])]
    assert found == [("the talks had drawn wide attention", "Kadlec"),
                     ("the ministry is preparing a new offer", "Ledger")]


def test_quotes_a_clause_without_its_subject_is_not_reported_speech(nlp):
    from storyline.quotes.reported import find_reported

    doc = nlp("The ministry wants automation, which the government says cannot be delayed. "
              "Wendt said progress had been slower than she had hoped and that she was ready to return.")
    found = [doc.text[a:b] for a, b, _ in find_reported(doc, [])]
    assert "cannot be delayed" not in found
    assert [f for f in found if f.startswith("progress had been slower")]
    assert not [f for f in found if f.endswith((" and", " but", " or"))]


SPEAKERS = (
    "Quay fire inquiry opens in Osterby\n\n"
    "Harbour master Lina Varde opened the inquiry on Monday. \"The quay burned for six hours,\" Varde said. "
    "\"We were lucky that nobody was working the night shift.\"\n\n"
    "Tomas Rekk, a crane driver, said he saw the fire start near the fuel store. \"It went up in seconds.\"\n\n"
    "Port manager Ada Holm spoke after him. \"The fuel store passed its last inspection,\" she said. "
    "Union steward Karl Brenn said the inspection had been rushed.\n\n"
    "\"We want every crane checked before the quay reopens,\" said Brenn and Holm jointly.\n\n"
    "\"Nobody will work there until then,\" Brenn said. Holm said the port would pay the crews in the meantime."
)


@pytest.fixture(scope="module")
def speakers(nlp):
    docs = {"a": nlp(SPEAKERS)}
    s = Story(id="s", title="t", article_ids=["a"])
    s.entities = resolve_entities(list(docs.items()))
    run(s, {}, docs)
    return s


def test_a_quote_with_no_attribution_continues_whoever_spoke_last(speakers):
    s = speakers
    assert _speaker(s, _by_text(s, "We were lucky")[0]) == "Lina Varde"  # after her attributed quote
    assert _speaker(s, _by_text(s, "went up in seconds")[0]) == "Tomas Rekk"  # after his reported statement


def test_a_later_sentence_with_its_own_statement_does_not_attribute_a_quote(speakers):
    s = speakers
    q = _by_text(s, "Nobody will work there")[0]
    assert _speaker(s, q) == "Karl Brenn"  # not Holm, whose "said the port would pay" is a statement of its own


def test_she_is_the_person_who_was_the_subject_not_the_last_one_named(speakers):
    s = speakers
    assert _speaker(s, _by_text(s, "passed its last inspection")[0]) == "Ada Holm"


def test_two_speakers_joined_by_and_are_both_named(speakers):
    s = speakers
    q = _by_text(s, "every crane checked")[0]
    assert q.speaker_entity_id is None and q.speaker_text == "Brenn and Holm"


def test_reported_speech_closed_by_its_attribution(nlp):
    text = ("Quay fire in Osterby\n\n"
            "The first call came just after three in the morning, fire chief Mara Lind said. Within minutes the roof "
            "of the warehouse was engulfed, Lind said. The warehouse had stood empty for years, the port office said.")
    docs = {"a": nlp(text)}
    s = Story(id="s", title="t", article_ids=["a"])
    s.entities = resolve_entities(list(docs.items()))
    run(s, {}, docs)
    reported = {q.text: q.speaker_text for q in s.quotes if q.kind == "indirect"}
    assert reported["Within minutes the roof of the warehouse was engulfed"] == "Lind"
    assert reported["The warehouse had stood empty for years"] == "the port office"
    assert reported["The first call came just after three in the morning"] == "fire chief Mara Lind"


def test_one_speakers_reported_statement_in_two_outlets_is_one_item(nlp):
    docs = {
        "a": nlp("Osterby quay to reopen\n\nHarbour master Lina Varde said the damaged quay would reopen to fishing "
                 "boats on Friday after the repairs."),
        "b": nlp("Repairs finish at Osterby\n\nThe damaged quay would reopen to the fishing boats on Friday after "
                 "repairs, harbour master Lina Varde said. Varde said the crane company would pay for the work."),
    }
    s = Story(id="s", title="t", article_ids=["a", "b"])
    s.entities = resolve_entities(list(docs.items()))
    run(s, {}, docs)
    reopen = [q for q in s.quotes if q.kind == "indirect" and "reopen" in q.text]
    assert len(reopen) == 1 and {ev.article_id for ev in reopen[0].also_in} == {"b" if reopen[0].article_id == "a" else "a"}
    assert any(q.kind == "indirect" and "crane company" in q.text and not q.also_in for q in s.quotes)


def test_the_possessor_in_a_speakers_description_is_not_the_speaker(nlp):
    from storyline.entities.index import MentionIndex
    from storyline.quotes.attribution import resolve_speaker

    text = "\"We ask you to respect her privacy,\" the actress Lina Varde's spokesman Tomas Rekk told reporters."
    doc = nlp(text)
    varde = text.index("Lina Varde")
    index = MentionIndex.build([(varde, varde + len("Lina Varde"), "e-varde", "PERSON")])  # the tagger missed Rekk
    subject = next(t for t in doc if t.dep_ == "nsubj" and t.head.lemma_ == "tell")
    speaker = resolve_speaker(doc, subject, index, [])
    assert speaker.entity_id is None and speaker.text.endswith("Tomas Rekk")  # not Varde, whose spokesman speaks


def test_a_pronoun_speaker_is_the_subject_within_the_configured_reach(nlp):
    from storyline.entities.index import MentionIndex
    from storyline.quotes.attribution import resolve_speaker

    text = ("Mara Lind chaired the night meeting of the harbour board in Osterby. The dockers had waited for hours "
            "outside the gates, and the talks went on past midnight with the pilots' delegate Tomas Vey. "
            "\"We will not give in,\" she said.")
    doc = nlp(text)
    lind, vey = text.index("Mara Lind"), text.index("Tomas Vey")
    index = MentionIndex.build([(lind, lind + 9, "e-lind", "PERSON"), (vey, vey + 9, "e-vey", "PERSON")])
    subject = next(t for t in doc if t.lower_ == "she")
    quoted = [(text.index("\"We"), text.index("she said") - 1)]
    assert resolve_speaker(doc, subject, index, quoted).entity_id == "e-lind"  # the clause subject, not the last name
    # with a reach too short for Lind, the most recent person mentioned is all that is left
    assert resolve_speaker(doc, subject, index, quoted, salience_chars=60).entity_id == "e-vey"
