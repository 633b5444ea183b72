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


def test_a_report_that_bridges_two_openings_of_one_story_merges_them():
    """Two early reports of one ferry accident share too little to be joined; a later report
    carrying both their details fits either story, and the two are merged under the older id."""
    from storyline.cluster.state import assign_features

    day = 739400
    first = ArticleFeatures("a", {"ferry": 1.0, "capsize": 1.0, "lake": 1.0}, {"g:tarvo": 1.0}, day=day)
    second = ArticleFeatures("b", {"rescue": 1.0, "diver": 1.0, "survivor": 1.0}, {"p:halden": 1.0}, day=day)
    bridge = ArticleFeatures("c", {"ferry": 1.0, "capsize": 1.0, "rescue": 1.0, "diver": 1.0},
                             {"g:tarvo": 1.0, "p:halden": 1.0}, day=day + 1)
    unrelated = ArticleFeatures("d", {"budget": 1.0, "tax": 1.0}, {"p:osk": 1.0}, day=day)
    state = ClusterState()
    opened = assign_features([first, second, unrelated], state)
    assert len(opened.opened) == 3
    result = assign_features([bridge], state)
    older = state.story_of["a"]
    assert state.story_of["b"] == state.story_of["c"] == older
    assert result.merged == {opened.story_of["b"]: older} and result.touched == [older]
    assert state.story_of["d"] != older
    again = ClusterState.from_json(state.to_json())
    assert again.merged_into == {opened.story_of["b"]: older}


def test_arrival_order_sorts_dated_reports_in_their_places_and_keeps_undated_ones_where_they_came():
    from storyline.cluster import ArticleFeatures
    from storyline.cluster.batch import arrival_order, publication_order

    days = [None, 30, None, 10, 20, None]
    features = [ArticleFeatures(f"a{i}", day=d) for i, d in enumerate(days)]
    assert arrival_order(features) == [0, 3, 2, 4, 1, 5]  # the dated slots 1, 3, 4 hold days 10, 20, 30
    assert publication_order(features) == [3, 4, 1, 0, 2, 5]  # a batch story still opens with its earliest dated report


def test_a_story_does_not_grow_more_alike_as_the_corpus_grows():
    """Story profiles hold IDF-weighted unit vectors: a report identical to a story's only member
    scores a cosine of 1 against it however many reports arrived since (rarer words, same score)."""
    from storyline.cluster.profile import Query, idf_from, mean_score, unit_profile

    quake = ArticleFeatures("q", {"quake": 1.0, "tremor": 1.0, "village": 1.0}, {"g:qeshm": 1.0}, day=739000)
    state = ClusterState()
    state.count(quake)
    story = state.open_story(quake, [], idf_from(state.df, state.n_articles))
    for i in range(200):
        state.count(ArticleFeatures(f"o{i}", {f"word{i}": 1.0, "village": 1.0}, {f"p:person{i}": 1.0}, day=739000))
    idf = idf_from(state.df, state.n_articles)
    score = mean_score(Query.of(unit_profile(quake, idf)), story.profile, state.params)
    assert 0.9 < score <= 1.0 + 1e-9
