"""Event clauses, kinds and participants on fictional sentences."""

from __future__ import annotations

from storyline.timeline.dates import build_matcher, find_expressions
from storyline.entities.index import MentionIndex
from storyline.timeline.events import anchor_token, event_clause


def _clauses(nlp, text: str):
    doc = nlp(text)
    out = {}
    for e in find_expressions(doc, build_matcher(nlp.vocab)):
        if e.reading:
            out[e.text] = event_clause(anchor_token(doc, e.start, e.end))  # type: ignore[arg-type]
    return doc, out


def test_events_verb_noun_and_copula_anchors(nlp) -> None:
    doc, found = _clauses(nlp, "Ferry crews walked out in November. Ruse's visit on March 14 was brief. "
                               "The last inspection of the dam was in 2019.")
    assert found["in November"].predicate.lemma_ == "walk" and found["in November"].kind == "strike"
    assert found["on March 14"].nominal and found["on March 14"].text == "Ruse's visit on March 14"
    assert found["in 2019"].text.startswith("The last inspection of the dam was")


def test_events_planned_clause_keeps_its_subject(nlp) -> None:
    doc, found = _clauses(nlp, "Inspector Halvard Ruse plans to visit Osterby in the coming days to meet the pilots.")
    clause = found["in the coming days"]
    assert clause.predicate.lemma_ == "visit" and clause.top.lemma_ == "plan"
    assert clause.kind == "meet"
    assert doc.text[clause.start:clause.end] == clause.text
    assert clause.text.startswith("Inspector Halvard Ruse plans to visit Osterby")


def test_events_participants_are_mentions_inside_the_clause(nlp) -> None:
    text = "Halvard Ruse met Mara Lind in Osterby on June 2. Tomas Vey stayed home."
    doc, found = _clauses(nlp, text)
    clause = found["on June 2"]
    spans = []
    for name, eid, etype in [("Halvard Ruse", "e-ruse", "PERSON"), ("Mara Lind", "e-lind", "PERSON"),
                             ("Osterby", "e-osterby", "GPE"), ("Tomas Vey", "e-vey", "PERSON")]:
        s = text.index(name)
        spans.append((s, s + len(name), eid, etype))
    index = MentionIndex.build(spans)
    assert [eid for eid, _ in index.inside(clause.start, clause.end)] == ["e-ruse", "e-lind", "e-osterby"]


def test_events_a_pronoun_or_relative_subject_brings_in_the_person_meant(nlp) -> None:
    from storyline.timeline.events import participants

    text = ("Tomas Vey, a harbour pilot who was jailed in 2029, left the union in March. "
            "Mara Lind chaired the talks. She said she would retire in 2032.")
    doc, found = _clauses(nlp, text)
    spans = []
    for name, eid in [("Tomas Vey", "e-vey"), ("Mara Lind", "e-lind")]:
        s = text.index(name)
        spans.append((s, s + len(name), eid, "PERSON"))
    index = MentionIndex.build(spans)
    assert [e for e, _ in participants(found["in 2029"], index)] == ["e-vey"]  # "a pilot who was jailed"
    assert [e for e, _ in participants(found["in 2032"], index)] == ["e-lind"]  # "she would retire"
    assert [e for e, _ in participants(found["in March"], index)] == ["e-vey"]  # named in it: nothing implied


def test_a_long_clause_is_cut_to_the_configured_window_around_its_predicate(nlp) -> None:
    text = ("Inspector Halvard Ruse, who had spent eleven winters on the northern ferries, who had written two reports on "
            "the night shifts and who had been asked by the harbour board, the pilots' association and the ministry "
            "to settle the matter, visited Osterby on March 14 with his deputy, his clerk and a delegation of the "
            "regional council, the port police and the coastguard.")
    doc = nlp(text)
    expr = next(e for e in find_expressions(doc, build_matcher(nlp.vocab)) if e.text == "on March 14")
    pred = anchor_token(doc, expr.start, expr.end)
    assert pred is not None and pred.lemma_ == "visit"
    whole, cut = event_clause(pred, window_chars=1000), event_clause(pred, window_chars=120)
    assert len(whole.text) > 120 and len(cut.text) <= 120
    assert "visited Osterby" in cut.text and doc.text[cut.start:cut.end] == cut.text
