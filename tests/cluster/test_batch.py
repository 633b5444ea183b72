from collections import defaultdict

from storyline.cluster import cluster_articles, one_story, representative_title, story_id
from storyline.cluster.titles import stable_story_id
from storyline.model import Article


def gold_groups(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for article_id, label in labels.items():
        groups[label].add(article_id)
    return {frozenset(g) for g in groups.values()}


def test_batch_finds_every_gold_story(gold_corpus):
    articles, docs, labels = gold_corpus
    stories = cluster_articles(articles, docs)
    assert {frozenset(s.article_ids) for s in stories} == gold_groups(labels)


def test_the_two_wendt_negotiations_and_the_strike_stay_apart(gold_corpus):
    articles, docs, labels = gold_corpus
    stories = cluster_articles(articles, docs)
    story_labels = [{labels[a] for a in s.article_ids} for s in stories]
    wendt = [s for s in story_labels if s & {"wendt-fisheries", "wendt-ferry", "harbor-strike"}]
    assert sorted(len(s) for s in wendt) == [1, 1, 1] and len(wendt) == 3


def test_story_ids_come_from_the_first_article_and_titles_are_headlines(gold_corpus):
    articles, docs, _ = gold_corpus
    by_id = {a.id: a for a in articles}
    for story in cluster_articles(articles, docs):
        assert story.id == stable_story_id(story.article_ids[0])
        assert story.title in {by_id[a].title for a in story.article_ids}
    dated = [by_id[a].published for s in cluster_articles(articles, docs) for a in s.article_ids[:1]]
    assert all(d is not None for d in dated)  # every story opens with a dated report


def test_empty_input_gives_no_stories():
    assert cluster_articles([], {}) == []


def test_one_story_and_titles_keep_working():
    a = Article("a1", "a.txt", "x", "x", title="Envoy to visit Corvenia as port strike drags on")
    b = Article("b1", "b.txt", "y", "y", title="http://www.example.com / 2025 / envoy-visit")
    c = Article("c1", "c.txt", "z", "z", title="Envoy visits Corvenia port strikers")
    [story] = one_story([a, b, c])
    assert story.id == story_id(["a1", "b1", "c1"])
    assert representative_title([b, a, c]) != b.title  # a pasted link never titles a story
