"""Reading and placing temporal expressions (fictional sentences, real parses)."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.timeline.dates import build_matcher, find_expressions, interpret, place, shift

PUB = date(2025, 3, 7)  # a Friday


def _placed(text: str, *, future: bool = False, anchor: date = PUB, kind: str = "published"):
    reading = interpret(text)
    assert reading is not None, text
    return place(reading, anchor, kind, future=future)  # type: ignore[arg-type]


@pytest.mark.parametrize("text, iso, precision", [
    ("March 3", "2025-03-03", "day"),
    ("21 June, 2024", "2024-06-21", "day"),
    ("November last year", "2024-11", "month"),
    ("late January", "2025-01", "part-of-month"),
    ("mid-March", "2025-03", "part-of-month"),
    ("December", "2024-12", "month"),
    ("2016", "2016", "year"),
    ("last year", "2024", "year"),
    ("February 2025", "2025-02", "month"),
    ("the fall of 2024", "2024-09/2024-11", "season"),
    ("Friday", "2025-03-07", "day"),  # the paper's own day: "said Friday" in a Friday paper
    ("Wednesday", "2025-03-05", "day"),
    ("last Friday", "2025-02-28", "day"),
    ("next Friday", "2025-03-14", "day"),
    ("next week", "2025-03-10/2025-03-16", "range"),
    ("the coming days", "2025-03-08/2025-03-21", "range"),
    ("three days ago", "2025-03-04", "day"),
])
def test_dates_place_against_publication(text: str, iso: str, precision: str) -> None:
    p = _placed(text)
    assert (p.date, p.precision) == (iso, precision)


def test_dates_future_clause_turns_forward() -> None:
    assert _placed("April").date == "2024-04"
    assert _placed("April", future=True).date == "2025-04"
    assert _placed("Friday", future=True, anchor=date(2025, 3, 4)).date == "2025-03-07"


def test_dates_story_anchor_takes_nearest_year_and_never_a_weekday() -> None:
    assert _placed("June 21", anchor=date(2025, 6, 19), kind="story").date == "2025-06-21"
    assert _placed("late January", anchor=date(2025, 6, 19), kind="story").date == "2025-01"
    friday = _placed("Friday", anchor=date(2025, 6, 19), kind="story")
    assert friday.date is None and friday.precision == "day"


def test_dates_unanchored_yearless_date_stays_relative() -> None:
    p = place(interpret("In April".split()[1]), None, None, future=False)  # type: ignore[arg-type]
    assert p.date is None and p.precision == "month"


def test_dates_later_shifts_the_previous_event() -> None:
    friday = _placed("Friday", anchor=date(2025, 3, 17))
    assert shift(friday, interpret("A day later")).date == "2025-03-15"  # type: ignore[arg-type]
    assert shift(friday, interpret("Two weeks later")).date == "2025-03-28"  # type: ignore[arg-type]
    late_jan = _placed("late January", anchor=date(2025, 6, 19), kind="story")
    two_weeks = shift(late_jan, interpret("two weeks later"))  # type: ignore[arg-type]
    assert (two_weeks.date, two_weeks.precision) == ("2025-02", "part-of-month")


@pytest.mark.parametrize("text", ["three decades", "recent years", "the morning", "Months", "less than a week"])
def test_dates_durations_and_vague_spans_are_not_dates(text: str) -> None:
    assert interpret(text) is None


def test_dates_find_joins_split_entities_and_keeps_prepositions(nlp) -> None:
    doc = nlp("Talks on the canal toll had begun back in the fall of 2024. The ferry union held "
              "their 2019 referendum in Osterby, and the harbour reopened on 4 May, 2023.")
    found = {e.text: e for e in find_expressions(doc, build_matcher(nlp.vocab))}
    assert "back in the fall of 2024" in found
    assert found["back in the fall of 2024"].reading.season == "fall"  # type: ignore[union-attr]
    assert "2019" in found
    assert found["on 4 May, 2023"].reading.day == 4  # type: ignore[union-attr]
    for e in found.values():
        assert doc.text[e.start:e.end] == e.text
