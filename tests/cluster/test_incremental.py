from storyline.cluster import ClusterState, assign, cluster_with_state
from storyline.cluster.batch import publication_order
from storyline.cluster.features import ArticleFeatures

from .test_batch import gold_groups


def in_publication_order(articles, docs):
    from storyline.cluster import features_of

    features = features_of(articles, docs)
    return [articles[i] for i in publication_order(features)]


def test_streaming_one_by_one_finds_every_gold_story(gold_corpus):
    articles, docs, labels = gold_corpus
    state = ClusterState()
    for article in in_publication_order(articles, docs):
        assign([article], docs, state)
    assert {frozenset(s.article_ids) for s in state.stories.values()} == gold_groups(labels)


def test_ids_are_stable_when_articles_are_added_to_a_batch_state(gold_corpus):
    articles, docs, labels = gold_corpus
    ordered = in_publication_order(articles, docs)
    first, rest = ordered[: len(ordered) // 2], ordered[len(ordered) // 2 :]
    stories, state = cluster_with_state(first, docs)
    before = {s.id: list(s.article_ids) for s in stories}

    state = ClusterState.from_json(state.to_json())  # as if reloaded from the store
    result = assign(rest, docs, state)

    for sid, ids in before.items():
        assert state.stories[sid].article_ids[: len(ids)] == ids  # same id, old members first
    assert set(result.touched) <= set(before) and not set(result.opened) & set(before)
    assert {frozenset(s.article_ids) for s in state.stories.values()} == gold_groups(labels)


def test_adding_the_same_article_twice_changes_nothing(gold_corpus):
    articles, docs, _ = gold_corpus
    _, state = cluster_with_state(articles, docs)
    snapshot = state.to_json()
    result = assign(articles[:3], docs, state)
    assert state.to_json() == snapshot and not result.opened and not result.touched


def test_state_round_trips_through_json():
    from storyline.cluster.state import assign_features

    state = ClusterState()
    assign_features([ArticleFeatures("a", {"quake": 1.0}, {"g:qeshm": 1.0}, day=739000, years=[2025], title="Quake")], state)
    again = ClusterState.from_json(state.to_json())
    assert again.to_json() == state.to_json()
    assert again.story_of == {"a": next(iter(state.stories))}
