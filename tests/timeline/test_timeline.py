"""The timeline stage on the example story and on small fictional stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import timeline
from storyline.engines import build
from storyline.eval.example.timeline import DEFAULT_GOLD, file_names, match_gold, score
from storyline.pipeline import default_stages
from storyline.report.html import render_html

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "harbor-strike"
BEFORE = [s for s in default_stages() if s.__module__.split(".")[1] in ("entities", "quotes")]


@pytest.fixture(scope="module")
def example(nlp):
    return build([EXAMPLE], nlp=nlp, story_stages=BEFORE + [timeline.run])


def _by_file(dossier):
    return file_names(dossier.articles)


def _entry(story, date: str):
    found = [t for t in story.timeline if t.date == date]
    assert found, [t.date for t in story.timeline]
    return found[0]


def test_timeline_evidence_is_exact_and_sorted(example) -> None:
    story = example.stories[0]
    assert story.timeline
    for t in story.timeline:
        for ev in t.evidence + t.planned_in:
            assert example.article(ev.article_id).clean_text[ev.start:ev.end] == ev.text
        assert all(p in t.evidence for p in t.planned_in)
    dated = [t.date for t in story.timeline if t.date]
    assert dated == sorted(dated, key=lambda d: d[:10])


def test_timeline_visit_planned_then_happened_in_all_outlets(example) -> None:
    story, names = example.stories[0], _by_file(example)
    visit = _entry(story, "2025-03-14")
    assert visit.status == "happened" and visit.precision == "day"
    assert len({ev.article_id for ev in visit.evidence}) == 6
    assert {names[ev.article_id] for ev in visit.planned_in} == {"01-meridian-courier.txt", "02-corvenia-today.jsonl"}
    assert "on Friday" in visit.date_text and "in the coming days" in visit.date_text
    wendt = [e.id for e in story.entities if e.name == "Clara Wendt"]
    assert wendt and wendt[0] in visit.participants


def test_timeline_relative_dates_count_from_the_previous_event(example) -> None:
    story = example.stories[0]
    assert _entry(story, "2025-03-15").date_text == "A day later"
    assert _entry(story, "2025-03-28").date_text == "Two weeks later"


def test_timeline_denied_and_planned_statuses(example) -> None:
    story = example.stories[0]
    april = {t.status for t in story.timeline if t.date == "2025-04"}
    assert april == {"denied", "happened"}
    june = _entry(story, "2025-06")
    assert june.status == "planned" and june.planned_in


def test_timeline_scores_full_on_example_gold(example) -> None:
    import json

    gold = json.loads(DEFAULT_GOLD.read_text(encoding="utf-8"))
    story = example.stories[0]
    scores = score(match_gold(gold, story.timeline, _by_file(example)), story.timeline)
    assert scores["event_recall"] == 1.0
    assert scores["date_accuracy"] == 1.0
    assert scores["status_accuracy"] == 1.0
    assert scores["outlet_recall"] >= 0.9


def test_timeline_report_draws_entries_linked_to_context(example) -> None:
    html = render_html(example)
    section = html[html.index('class="timeline"'):]
    assert "<script" not in html.lower()
    assert section.count('<li id="t-') == len(example.stories[0].timeline)
    assert 'href="#a-' in section and "planned → happened" in section


def test_timeline_without_entities_has_no_participants(nlp) -> None:
    d = build([EXAMPLE], nlp=nlp, story_stages=[timeline.run])
    story = d.stories[0]
    assert story.timeline and all(t.participants == [] for t in story.timeline)
    assert any(t.date == "2025-03-14" for t in story.timeline)


def test_timeline_undated_article_is_placed_only_by_its_content(nlp, tmp_path) -> None:
    (tmp_path / "01-2031-06-19-lakeside-post.txt").write_text(
        "Osterby council to vote on harbour plan\n\n"
        "The Osterby council is expected to vote on the harbour plan in the coming days, officials said. "
        "The plan would deepen the main channel and move the fish market to the old ferry quay, a change "
        "the fishermen's association has opposed for years.\n",
        encoding="utf-8")
    (tmp_path / "02-north-wire.txt").write_text(
        "Osterby council backs harbour plan\n\n"
        "The Osterby council voted for the harbour plan on June 23. A first draft had been shelved in "
        "March 2031 after a row over dredging costs. Councillors said the new version cuts the dredging "
        "budget by a third and keeps the fish market where it is until a new hall is built.\n", encoding="utf-8")
    (tmp_path / "03-ferry-notes.txt").write_text(
        "Ferry notes\n\nIn April, the ferry operator Brennia Lines cut its winter timetable on the northern routes, "
        "leaving the island of Osterby with two crossings a day. Passengers have complained to the council, "
        "which says it has no say over the timetable and has asked the operator to restore the morning boat.\n",
        encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    story = next(st for st in d.stories if len(st.article_ids) == 2)
    names = _by_file(d)
    vote = _entry(story, "2031-06-23")  # placed through the story: its own text says March 2031
    assert vote.status == "happened"
    assert {names[ev.article_id] for ev in vote.planned_in} == {"01-2031-06-19-lakeside-post.txt"}
    april = [t for st in d.stories for t in st.timeline if "In April" in t.date_text]
    assert april and april[0].date is None and april[0].precision == "month"  # nothing places it
    dating = {names[x.article_id]: x for x in story.dating}
    assert set(dating) == {"02-north-wire.txt"}  # the dated article needs no placing
    north = dating["02-north-wire.txt"]
    assert (north.after, north.before) == ("2031-06-23", None)
    assert north.after_evidence.text.startswith("The Osterby council voted for the harbour plan on June 23")


def test_timeline_undated_article_reporting_a_plan_is_bounded_from_both_sides(nlp, tmp_path) -> None:
    (tmp_path / "01-2031-06-25-lakeside-post.txt").write_text(
        "Osterby council backs harbour plan\n\n"
        "The Osterby council voted for the harbour plan on June 23 after a four-hour debate. Councillors said "
        "the new version cuts the dredging budget by a third and keeps the fish market at the old quay.\n",
        encoding="utf-8")
    (tmp_path / "02-north-wire.txt").write_text(
        "Osterby council to vote on harbour plan\n\n"
        "A first draft of the Osterby harbour plan was shelved in March 2031 after a row over dredging costs. "
        "The Osterby council is expected to vote on the harbour plan on June 23, officials said. "
        "The fishermen's association wants the fish market to stay at the old quay.\n", encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    (story,) = d.stories
    (placed,) = story.dating
    assert _by_file(d)[placed.article_id] == "02-north-wire.txt"
    assert (placed.after, placed.before) == ("2031-03", "2031-06-23")
    assert "shelved in March 2031" in placed.after_evidence.text
    assert "expected to vote on the harbour plan on June 23" in placed.before_evidence.text


def test_timeline_example_undated_articles_are_placed_after_the_visit(example) -> None:
    names = _by_file(example)
    dating = {names[x.article_id]: x for x in example.stories[0].dating}
    assert set(dating) == {"05-tradewinds-review.txt", "06-dockside-observer.txt"}
    assert all(x.after >= "2025-03-14" and x.before is None for x in dating.values())


def test_a_plan_whose_date_had_passed_when_the_report_was_written_is_no_longer_a_plan(nlp, tmp_path) -> None:
    (tmp_path / "01-2031-06-25-lakeside-post.txt").write_text(
        "Osterby mayor steps down\n\n"
        "Osterby mayor Lina Varde resigned on Monday after eleven years in office. In 2024 Varde said she would "
        "run for a third term in 2027, and she won that vote by a wide margin. The council will name an acting "
        "mayor next week, council officials said.\n", encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    status = {t.date[:4]: t.status for t in d.stories[0].timeline if t.date}
    assert status["2027"] == "uncertain"  # "would run ... in 2027", written in 2031: a past intention
    assert any(t.status == "planned" and t.date >= "2031-06-25" for t in d.stories[0].timeline)  # next week stays planned


def test_entries_without_a_calendar_place_follow_the_articles_order_not_the_alphabet(nlp, tmp_path) -> None:
    (tmp_path / "01-north-wire.txt").write_text(
        "Quay closed after barge accident\n\n"
        "Wardens closed the Osterby quay on Tuesday after a crane failed during loading, the port office said. "
        "A salvage crew raised the sunken barge on Friday, and the quay reopened to fishing boats, officials said.\n",
        encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    unplaced = [t for t in d.stories[0].timeline if not t.date]
    assert [t.date_text for t in unplaced][:2] == ["on Tuesday", "on Friday"]  # told in that order; "A..." < "Wardens..."


def test_an_undated_reports_weekday_joins_the_event_another_outlet_dates_to_that_weekday(nlp, tmp_path) -> None:
    (tmp_path / "2031-06-26-north-wire.txt").write_text(  # 26 June 2031 is a Thursday
        "Ferry crews strike in Osterby\n\n"
        "Ferry crews in Osterby walked off the job on Wednesday over night-shift pay, the Osterby Ferrymen's Union "
        "said, stranding hundreds of passengers at the quay.\n", encoding="utf-8")
    (tmp_path / "lakeside-post.txt").write_text(  # no date anywhere
        "Osterby ferries idle\n\n"
        "Ferry crews walked off the job in Osterby on Wednesday in a dispute over night-shift pay, the Osterby "
        "Ferrymen's Union said. A tugboat crew stayed at work on Monday, a port official said.\n", encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    names = _by_file(d)
    strike = [t for t in d.stories[0].timeline if t.date == "2031-06-25"]
    assert strike and {names[ev.article_id] for ev in strike[0].evidence} == {"2031-06-26-north-wire.txt", "lakeside-post.txt"}
    assert not any(t.date and "Monday" in t.date_text for t in d.stories[0].timeline)  # no dated Monday to join: stays relative


def test_a_span_that_names_its_own_reference_point_is_not_counted_from_the_previous_event(nlp, tmp_path) -> None:
    (tmp_path / "2031-06-26-north-wire.txt").write_text(
        "Osterby quay reopens\n\n"
        "The Osterby quay reopened on May 4 after repairs, the port office said. Two weeks later, the first "
        "cruise ship docked. The harbour master had retired three weeks before the crane collapsed.\n", encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    by_text = {t.date_text: t.date for t in d.stories[0].timeline}
    assert by_text["Two weeks later"] == "2031-05-18"
    assert by_text["three weeks before"] is None  # "before the crane collapsed": not before May 4


def test_each_outlet_keeps_the_date_its_own_words_give(nlp, tmp_path) -> None:
    (tmp_path / "2031-06-26-north-wire.txt").write_text(
        "Osterby mayor resigns\n\nOsterby mayor Lina Varde resigned on June 24, 2031, after eleven years in office, "
        "the council said.\n", encoding="utf-8")
    (tmp_path / "2031-09-02-lakeside-post.txt").write_text(
        "Osterby elects a new mayor\n\nOsterby mayor Lina Varde resigned in June 2031 after eleven years in office, "
        "and voters chose her successor on Sunday, the council said.\n", encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    names = _by_file(d)
    resigned = _entry(d.stories[0], "2031-06-24")
    assert {names[a]: v for a, v in resigned.stated.items()} == {
        "2031-06-26-north-wire.txt": ["2031-06-24"], "2031-09-02-lakeside-post.txt": ["2031-06"]}


def test_an_undated_reports_plan_dated_before_what_it_tells_as_happened_is_a_past_intention(nlp, tmp_path) -> None:
    (tmp_path / "lakeside-post.txt").write_text(  # no date of its own
        "Osterby mayor steps down\n\n"
        "Osterby mayor Lina Varde resigned in March 2031 after eleven years in office. Varde said in 2024 that "
        "she would run for a third term in 2027. The council will name an acting mayor in May 2031, officials said.\n",
        encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    status = {t.date: t.status for t in d.stories[0].timeline if t.date}
    assert status["2027"] == "uncertain"  # written after March 2031: the 2027 run is no longer ahead
    assert status["2031-05"] == "planned"  # after what the report tells: still a plan


def test_a_yearless_day_takes_the_year_the_article_prints_with_it(nlp, tmp_path) -> None:
    (tmp_path / "2033-05-02-north-wire.txt").write_text(
        "Osterby quay arsonist sentenced\n\n"
        "A judge on Monday sentenced the man who set fire to the Osterby quay on June 24, 2031. "
        "Wardens found the fire on June 24 at dawn, and the quay reopened on March 3, the port office said.\n",
        encoding="utf-8")
    d = build([tmp_path], nlp=nlp, story_stages=BEFORE + [timeline.run])
    dated = {t.date for t in d.stories[0].timeline if t.date}
    assert "2031-06-24" in dated and "2032-06-24" not in dated  # the article's own year for that day
    assert "2033-03-03" in dated  # a day it never prints with a year: the most recent one
