"""The support rule (issue 21): an outlet is credited with an item only when one of its spans says the
same thing, with the same status and figures. Written examples: fictional outlets, people and places."""

from __future__ import annotations

import json

import pytest

from storyline.engines import build
from storyline.model import Article, Claim, Evidence, Story, TimelineEntry
from storyline.settings import SummarySettings
from storyline.summarize.coverage import coverage, short_label
from storyline.summarize.support import SupportIndex, judge, statement_status

S = SummarySettings()

REPORTS = [
    {"url": "https://northern-ledger.example/envoy", "outlet": "Northern Ledger", "published": "2031-05-04",
     "title": "Envoy Mara Lind meets Estmark president in Talvik",
     "text": "Norrland's special envoy Mara Lind met Estmark's President Oskar Veld in Talvik on 3 May, the first visit "
             "by a Norrland envoy in a decade.\n\nThe two leaders discussed the fishing dispute that has closed the Talvik "
             "harbour since March, according to the presidency.\n\nVeld marked the visit by freeing fourteen fishermen who "
             "had been held in Talvik since the winter.\n\nIn 2024, Norrland's foreign minister Per Aske visited Talvik and "
             "signed a fisheries accord with Veld that collapsed a year later.\n\nThe harbour has stayed closed to "
             "Norrland's trawlers while the two governments argue over the quotas."},
    {"url": "https://coastal-wire.example/plan", "outlet": "Coastal Wire", "published": "2031-05-01",
     "title": "Norrland envoy to visit Talvik",
     "text": "Norrland's special envoy Mara Lind is planning to visit Talvik in the coming days to meet Estmark's "
             "President Oskar Veld, according to two sources briefed on the trip.\n\nThe envoy has long argued with Veld "
             "over the fishing quotas for the Talvik harbour, which Estmark closed to Norrland's trawlers in March.\n\n"
             "In 2024, Norrland's foreign minister Per Aske visited Talvik and signed a fisheries accord with Veld that "
             "collapsed a year later.\n\nThe trip could still be called off at the last minute, the sources said."},
    {"url": "https://fjord-post.example/meeting", "outlet": "Fjord Post", "published": "2031-05-05",
     "title": "Lind and Veld meet in Talvik",
     "text": "Mara Lind, Norrland's special envoy, met President Oskar Veld of Estmark in Talvik on 3 May, the first such "
             "visit in ten years.\n\nFourteen fishermen who had been held in Talvik since the winter were freed by Veld on "
             "the day of the visit.\n\nLind and Veld have quarrelled about the harbour and its trawlers for years, and "
             "neither has given ground.\n\nOfficials in Norrland said the envoy would return to Talvik in June."},
]


@pytest.fixture(scope="module")
def talvik(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("talvik") / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    dossier = build([path], nlp=nlp)
    assert len(dossier.stories) == 1
    return dossier


def _statements(*texts: str, statuses: tuple[str, ...] = ()):
    index = SupportIndex.of_texts(texts)
    return [index.statement(f"a{n}", 0, len(t), t, status=(statuses[n] if statuses else statement_status(t)))
            for n, t in enumerate(texts)]


def test_a_planned_report_does_not_support_a_happened_event():
    met, plans, also_met = _statements(
        "Envoy Mara Lind met President Oskar Veld in Talvik on Saturday.",
        "Envoy Mara Lind is planning to meet President Oskar Veld in Talvik.",
        "Mara Lind, the envoy, met Oskar Veld in Talvik on Saturday.")
    assert (met.status, plans.status, also_met.status) == ("happened", "planned", "happened")
    assert judge(met, plans, "same event", S) is None  # similar words, another status
    support = judge(met, also_met, "same event", S)
    assert support is not None and support.status == "happened" and support.basis == "same event"
    assert support.article_id == "a2" and 0 < support.similarity <= 1


def test_a_shared_topic_is_not_a_shared_statement():
    item, topic, same = _statements(
        "Mara Lind and Oskar Veld agreed in Talvik to reopen the harbour to trawlers.",
        "Mara Lind and Oskar Veld were photographed together in Talvik last winter.",
        "Lind and Veld agreed to reopen the Talvik harbour to the trawlers, officials said.",
        statuses=("happened", "happened", "happened"))
    assert judge(item, topic, "same event", S) is None  # the names are shared, the statement is not
    assert judge(item, same, "same event", S) is not None


def test_different_figures_do_not_support_each_other():
    story = Story(id="s", title="t", article_ids=["a", "b"])
    story.claims = [Claim("c1", "fishermen freed", 14, "fishermen", "exact", None, "freed 14 fishermen", "a", 5, 23),
                    Claim("c2", "fishermen freed", 12, "fishermen", "exact", None, "freed 12 fishermen", "b", 5, 23)]
    index = SupportIndex.of_texts(["Veld freed 14 fishermen in Talvik.", "Veld freed 12 fishermen in Talvik."], story)
    a = index.statement("a", 0, 34, "Veld freed 14 fishermen in Talvik.", status="happened")
    b = index.statement("b", 0, 34, "Veld freed 12 fishermen in Talvik.", status="happened")
    assert a.figures == {14} and b.figures == {12}  # each span reads its own article's figures only
    assert judge(a, b, "similar sentence", S) is None


def test_summary_credits_pass_the_rule(talvik):
    story = talvik.stories[0]
    labels = {a.id: a.label for a in talvik.articles}
    meeting = next(s for s in story.summary if "met" in s.text.split() and "3 May" in s.text)
    credited = {labels[e.article_id] for e in meeting.evidence}
    assert "Coastal Wire" not in credited  # its report is of a plan
    assert credited == {"Northern Ledger", "Fjord Post"}
    for s in story.summary:
        assert [e.article_id for e in s.evidence[1:]] == [p.article_id for p in s.support]
        for p in s.support:
            assert p.status == s.status and p.basis and p.similarity > 0
            assert talvik.article(p.article_id).clean_text[p.start:p.end] == p.text


def test_summary_opens_with_the_news_and_tells_background_after(talvik):
    summary = talvik.stories[0].summary
    assert "met" in summary[0].text.split() and "3 May" in summary[0].text
    background = [n for n, s in enumerate(summary) if "2024" in s.text]
    assert background and background[0] > 0
    news = [n for n, s in enumerate(summary) if "3 May" in s.text or "last minute" in s.text]
    assert news and all(n < background[0] for n in news)  # the week's reports before the 2024 accord


def test_coverage_keeps_planned_and_happened_apart(talvik):
    story = talvik.stories[0]
    labels = {a.id: a.label for a in talvik.articles}
    rows = [r for r in coverage(story, talvik.articles) if r.kind == "event" and "2031-05-03" in r.text]
    by_status = {r.status: {labels[a] for a in r.cells} for r in rows}
    assert by_status["happened"] == {"Northern Ledger", "Fjord Post"}
    assert by_status["planned"] == {"Coastal Wire"}


def test_coverage_one_row_for_a_fact_two_outlets_word_differently(talvik):
    story = talvik.stories[0]
    labels = {a.id: a.label for a in talvik.articles}
    rows = [r for r in coverage(story, talvik.articles) if r.kind == "figure" and "14" in r.text]
    assert len(rows) == 1
    assert {labels[a] for a in rows[0].cells} == {"Northern Ledger", "Fjord Post"} and rows[0].only is None


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, source_path=aid, raw_text=text, clean_text=text, sentences=[(0, len(text))])


def test_coverage_merges_one_figure_two_outlets_give_alike_and_keeps_others_apart():
    texts = {"a": "In April the coast guard freed three trawler crews held at Talvik.",
             "b": "Three trawler crews held at Talvik were freed by the coast guard in April.",
             "c": "Three ministers resigned in Estmark over the harbour dispute."}
    arts = [_article(k, v) for k, v in texts.items()]
    story = Story(id="s", title="t", article_ids=list(texts))

    def claim(aid: str, words: str, unit: str) -> Claim:
        start = texts[aid].lower().index(words.lower())
        return Claim(f"c-{aid}", unit, 3, unit, "exact", None, texts[aid][start:start + len(words)], aid, start,
                     start + len(words))

    story.claims = [claim("a", "freed three trawler crews", "crews"), claim("b", "Three trawler crews held at Talvik were freed", "crews"),
                    claim("c", "Three ministers resigned", "ministers")]
    rows = coverage(story, arts)
    crews = [r for r in rows if "crews" in r.text]
    assert len(crews) == 1 and set(crews[0].cells) == {"a", "b"} and crews[0].only is None
    assert crews[0].support["b"].basis == "same figure"
    ministers = [r for r in rows if "ministers" in r.text]
    assert len(ministers) == 1 and ministers[0].only == "c"


def test_coverage_quote_cells_need_the_same_words():
    story = Story(id="s", title="t", article_ids=["a", "b", "c"])
    q = "The ships are waiting for the harbour to open"
    from storyline.model import Quote
    story.quotes = [Quote("q1", q, "direct", None, "she", "a", 0, len(q),
                          also_in=[Evidence("b", 10, 10 + len(q), q), Evidence("c", 0, 21, "The talks have failed")])]
    rows = coverage(story)
    assert set(rows[0].cells) == {"a", "b"} and rows[0].support["b"].basis == "same quote"


def test_coverage_labels_are_cut_at_a_word_break():
    text = "Norrland's special envoy Mara Lind met Estmark's President Oskar Veld in Talvik on 3 May"
    label = short_label(text, 30)
    assert label.endswith(" …") and text.startswith(label[:-2]) and text[len(label) - 2] == " "
    assert short_label("short", 30) == "short"
    entry = TimelineEntry("t1", "2031-05-03", "day", "on 3 May", "happened", text,
                          evidence=[Evidence("a", 0, len(text), text)])
    story = Story(id="s", title="t", article_ids=["a", "b"], timeline=[entry])
    (row,) = coverage(story, s=SummarySettings(coverage_label_chars=40))
    assert row.label != row.text and row.text.endswith(text) and row.only == "a"
    assert not row.label.rstrip(" …").endswith(("Os", "Osk", "Oska"))


def test_names_are_read_as_the_entities_stage_resolved_them():
    from storyline.model import Entity

    a = "In April, Estmark freed the lawyer Marek Dvorsky after two years in prison."
    b = "Marko Dvorski, a lawyer jailed two years ago, was freed by Estmark in April."
    story = Story(id="s", title="t", article_ids=["a", "b"])
    story.entities = [Entity("e1", "Marek Dvorsky", "PERSON", mentions=[Evidence("a", a.index("Marek"), a.index(" after"), "Marek Dvorsky"),
                                                                         Evidence("b", 0, len("Marko Dvorski"), "Marko Dvorski")])]
    corpus = [a, b, "The harbour stayed closed.", "Trawlers waited at sea.", "The talks resumed in May."]
    plain, resolved = SupportIndex.of_texts(corpus), SupportIndex.of_texts(corpus, story)
    sims = []
    for index in (plain, resolved):
        x = index.statement("a", 0, len(a), a, status="happened")
        y = index.statement("b", 0, len(b), b, status="happened")
        support = judge(x, y, "same event", SummarySettings(support_linked=0.0), whole=False)
        assert support is not None
        sims.append(support.similarity)
    assert sims[1] > sims[0]


def test_html_marks_a_linked_outlet_whose_words_fail_the_rule(talvik):
    from storyline.model import Quote
    from storyline.report import render_html

    story = talvik.stories[0]
    a, b = story.article_ids[:2]
    text_a, text_b = talvik.article(a).clean_text, talvik.article(b).clean_text
    at = len(text_b) - 40  # the other article's last words: linked by hand, not the same words
    story.quotes.append(Quote("q-test", text_a[:40], "direct", None, "she", a, 0, 40,
                              also_in=[Evidence(b, at, len(text_b), text_b[at:])]))
    try:
        html = render_html(talvik)
    finally:
        story.quotes.pop()
    assert "(linked, but not in the same words: not credited)" in html
