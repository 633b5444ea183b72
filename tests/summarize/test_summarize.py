"""summarize: a short, cited, non-redundant summary; the coverage matrix says who carried what."""

from __future__ import annotations

from storyline.model import Evidence, Quote, Story, TimelineEntry
from storyline.summarize import HEDGES
from storyline.summarize.coverage import coverage
from storyline.settings import SummarySettings


def test_summary_sentences_are_cited_spans(example_dossier):
    story = example_dossier.stories[0]
    by_id = {a.id: a for a in example_dossier.articles}
    assert 3 <= len(story.summary) <= 10
    for s in story.summary:
        first = s.evidence[0]
        assert first.text == s.text
        for ev in s.evidence:
            assert by_id[ev.article_id].clean_text[ev.start : ev.end] == ev.text
        assert sorted({by_id[ev.article_id].label for ev in s.evidence}) == s.outlets
    assert any(len(s.outlets) >= 2 for s in story.summary)


def test_summary_has_no_speaker_words_and_no_repeats(example_dossier):
    story = example_dossier.stories[0]
    direct = [(q.article_id, q.start, q.end) for q in story.quotes if q.kind == "direct"]
    for s in story.summary:
        ev = s.evidence[0]
        assert not any(a == ev.article_id and qs <= ev.start < qe for a, qs, qe in direct)
    texts = [s.text for s in story.summary]
    assert len(set(texts)) == len(texts)


def test_summary_reports_the_release_with_all_its_outlets(example_dossier):
    story = example_dossier.stories[0]
    # one outlet's words stand for the release; the 14-dockworkers report is then among its credits
    release = [s for s in story.summary if any("released 14 dockworkers" in e.text for e in s.evidence)]
    assert release and len(release[0].outlets) >= 2


def test_summary_prefers_the_report_of_what_happened(example_dossier):
    story = example_dossier.stories[0]
    hedged = [s for s in story.summary if set(s.text.lower().split()) & HEDGES]
    assert len(hedged) < len(story.summary) / 2
    assert any("visited Port Sarvik" in s.text for s in story.summary)


def test_coverage_marks_single_source_and_omissions():
    story = Story(id="s", title="t", article_ids=["a", "b", "c"])
    visit, freed, said = "Envoy visits the port", "Fourteen released", "The ships are waiting"
    ev = lambda aid, text: Evidence(aid, 0, len(text), text)  # noqa: E731
    story.timeline = [
        TimelineEntry("t1", "2025-03-14", "day", "on Friday", "happened", visit, evidence=[ev("a", visit), ev("b", visit)]),
        TimelineEntry("t2", "2025-03-15", "day", "a day later", "happened", freed, evidence=[ev("c", freed)]),
    ]
    story.quotes = [Quote("q1", said, "direct", None, "she", "a", 0, len(said), also_in=[ev("b", said), ev("c", said)])]
    rows = coverage(story)
    assert [r.kind for r in rows] == ["event", "event", "quote"]
    assert rows[0].left_out_by == ["c"] and rows[0].only is None
    assert rows[1].only == "c"
    assert set(rows[2].cells) == {"a", "b", "c"} and not rows[2].left_out_by


def test_summary_speaks_for_every_outlet_and_opens_no_sentence_with_a_pronoun(example_dossier):
    story = example_dossier.stories[0]
    cited = {ev.article_id for s in story.summary for ev in s.evidence}
    assert cited == set(story.article_ids)  # each article's reporting is in the summary, by its own words or another's
    assert not [s.text for s in story.summary if s.text.split()[0].lower() in ("he", "she", "they", "it")]


def test_summary_places_an_undated_article_by_its_content(nlp):
    from storyline.model import Article, ArticleDating
    from storyline.summarize import _chronology
    from storyline.summarize.vectors import build_table

    texts = {
        "a": "The harbour board met the unions in Osterby on Friday and agreed a new timetable for the night shifts.",
        "b": "The harbour board is expected to meet the unions in Osterby and to discuss the night shifts at the quay.",
    }
    arts = [Article(id=k, source_path=k, raw_text=v, clean_text=v, published="2031-05-02" if k == "a" else None)
            for k, v in texts.items()]
    docs = {a.id: nlp(a.clean_text) for a in arts}
    table = build_table(arts, docs, {}, min_words=5, index_lemmas=SummarySettings().index_lemmas)
    story = Story(id="s", title="t", article_ids=["a", "b"])
    story.dating = [ArticleDating("b", before="2031-05-02")]
    key = _chronology(story, arts, table)
    rows = sorted(range(len(table.rows)), key=key)
    assert [table.rows[i].article_id for i in rows] == ["b", "a"]  # written before the meeting it announces


def test_omissions_need_the_configured_number_of_sources():
    """With two outlets, "the other one left it out" is only "one outlet has it" unless the settings say otherwise."""
    story = Story(id="s", title="t", article_ids=["a", "b"])
    visit = "Envoy visits the port"
    story.timeline = [TimelineEntry("t1", "2025-03-14", "day", "on Friday", "happened", visit,
                                    evidence=[Evidence("a", 0, len(visit), visit)])]
    assert coverage(story)[0].left_out_by == [] and coverage(story)[0].only == "a"
    strict = coverage(story, s=SummarySettings(omission_min_articles=2))[0]
    assert strict.left_out_by == ["b"] and strict.only == "a"
