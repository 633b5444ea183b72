"""Status from modality on fictional sentences."""

from __future__ import annotations

import pytest

from storyline.spanset import SpanSet
from storyline.timeline.dates import build_matcher, find_expressions, forward_looking
from storyline.timeline.events import anchor_token, event_clause
from storyline.timeline.status import event_status


def _status(nlp, text: str, quoted: list[tuple[int, int]] | None = None) -> str:
    doc = nlp(text)
    expr = [e for e in find_expressions(doc, build_matcher(nlp.vocab)) if e.reading][0]
    clause = event_clause(anchor_token(doc, expr.start, expr.end))  # type: ignore[arg-type]
    return event_status(clause, forward=forward_looking(expr), quoted=SpanSet(quoted or []))


@pytest.mark.parametrize("text, status", [
    ("The mayor of Tolmenn plans to visit the Brusk silos in the coming days.", "planned"),
    ("Inspector Halvard Ruse is expected to arrive in Velgrad next week.", "planned"),
    ("The ferry company will resume crossings on Monday.", "planned"),
    ("Negotiators are scheduled to meet again in June, the ministry said.", "planned"),
    ("The museum reopened its east wing on March 3.", "happened"),
    ("The council has denied a report that the vote had been set for April.", "denied"),
    ("The minister did not attend the summit on Friday.", "denied"),
    ("The talks could have collapsed in May.", "uncertain"),
    ("The director reportedly resigned in late January, according to sources.", "uncertain"),
    ("The harbour bill is to be voted on Thursday, officials said.", "planned"),  # be + to: an arrangement
    ("Her next court hearing April 19 will set a trial date.", "planned"),  # "next" on the noun's compound
    ("The port must answer the complaint by Friday.", "planned"),  # a deadline points ahead
])
def test_status_from_modality(nlp, text: str, status: str) -> None:
    assert _status(nlp, text) == status


def test_status_hedge_inside_a_quote_is_the_speakers(nlp) -> None:
    text = '"We signed the lease in April," said Mara Lind, according to sources close to the firm.'
    quote = (0, text.index(",\"") + 2)
    assert _status(nlp, text) == "uncertain"  # the outlet hedges its own report
    assert _status(nlp, text, [quote]) == "happened"  # inside the quote: the speaker's plain claim
