"""Cluster: group articles into stories, in one batch or as new reports arrive.

Batch: ``cluster_articles(articles, docs)`` -> stories (``cluster_with_state`` also returns the
``ClusterState`` to persist). Incremental: ``assign(new_articles, docs, state)`` puts each new report
into an existing story or opens one; story ids come from a story's first article, so they survive
additions. See ``features`` (what is compared), ``profile`` (the score), ``candidates`` (blocking,
never all pairs), ``batch`` and ``state``.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc

from ..model import Article, Story
from .batch import arrival_order, cluster_features
from .features import ArticleFeatures, extract_features
from .profile import Params, idf_from
from .candidates import blocking_keys
from .state import Assignment, ClusterState, StoryState, assign_features
from .titles import representative_title, stable_story_id, story_id

__all__ = [
    "ArticleFeatures", "Assignment", "ClusterState", "Params", "assign", "assign_extracted", "assign_features",
    "cluster_articles", "cluster_features_with_state", "cluster_with_state", "extract_features", "features_in_order",
    "features_of", "one_story", "representative_title", "state_from_stories", "stories_from_state", "story_id", "stable_story_id",
    "state_from_groups",
]


def one_story(articles: list[Article]) -> list[Story]:
    """All articles of a build as a single story."""
    if not articles:
        return []
    ids = [a.id for a in articles]
    return [Story(id=story_id(ids), title=representative_title(articles), article_ids=ids)]


def features_of(articles: list[Article], docs: Mapping[str, Doc], params: Params = Params()) -> list[ArticleFeatures]:
    """Features of parsed articles (an article without a Doc gets title-less empty features)."""
    out = []
    for a in articles:
        doc = docs.get(a.id)
        out.append(extract_features(a, doc, params) if doc is not None else ArticleFeatures(a.id, title=a.title))
    return out


def features_in_order(articles: list[Article], features: Mapping[str, ArticleFeatures]) -> list[ArticleFeatures]:
    """Features extracted earlier (at parse time), in the articles' order; empty ones where missing."""
    return [features.get(a.id) or ArticleFeatures(a.id, title=a.title) for a in articles]


def state_from_groups(features: list[ArticleFeatures], groups: list[list[int]], params: Params) -> ClusterState:
    """The incremental state equivalent to a batch result (groups in publication order)."""
    state = ClusterState(params=params)
    for f in features:
        state.count(f)
    idf = idf_from(state.df, state.n_articles)
    for group in groups:
        first = features[group[0]]
        story = state.open_story(first, blocking_keys(first, idf, params), idf)
        for i in group[1:]:
            state.join(story, features[i], blocking_keys(features[i], idf, params), idf)
    return state


def state_from_stories(articles: list[Article], stories: list[Story], features: Mapping[str, ArticleFeatures],
                       params: Params) -> ClusterState:
    """The state of stories made earlier (a store written by an older version), each kept as it is:
    its members in their order, so its first article gives it the same id."""
    in_order = features_in_order(articles, features)
    index = {f.id: i for i, f in enumerate(in_order)}
    groups = [[index[a] for a in s.article_ids if a in index] for s in stories]
    return state_from_groups(in_order, [g for g in groups if g], params)


def stories_from_state(state: ClusterState, articles: dict[str, Article] | None = None) -> list[Story]:
    """Stories of a state, biggest first, then the most recent; titles from member headlines."""
    def title(s: StoryState) -> str:
        if articles is not None and all(a in articles for a in s.article_ids):
            return representative_title([articles[a] for a in s.article_ids])
        stand_ins = [Article(id=a, source_path="", raw_text="", clean_text="", title=t) for a, t in zip(s.article_ids, s.titles)]
        return representative_title(stand_ins)

    ordered = sorted(state.stories.values(), key=lambda s: (-len(s.article_ids), -(s.profile.last or 0)))
    return [Story(id=s.id, title=title(s), article_ids=list(s.article_ids)) for s in ordered]


def cluster_with_state(articles: list[Article], docs: Mapping[str, Doc], params: Params = Params()) -> tuple[list[Story], ClusterState]:
    """Batch clustering; also returns the state to persist for later ``assign`` calls."""
    return cluster_features_with_state(articles, features_of(articles, docs, params), params)


def cluster_features_with_state(articles: list[Article], features: list[ArticleFeatures] | Mapping[str, ArticleFeatures],
                                params: Params = Params()) -> tuple[list[Story], ClusterState]:
    """Batch clustering from features already extracted (one per article, in order, or by article id)."""
    if isinstance(features, Mapping):
        features = features_in_order(articles, features)
    groups = cluster_features(features, params)
    state = state_from_groups(features, groups, params)
    return stories_from_state(state, {a.id: a for a in articles}), state


def cluster_articles(articles: list[Article], docs: Mapping[str, Doc], params: Params = Params()) -> list[Story]:
    """Group parsed articles into stories (biggest first)."""
    return cluster_with_state(articles, docs, params)[0]


def assign(new_articles: list[Article], docs: Mapping[str, Doc], state: ClusterState) -> Assignment:
    """Add new parsed articles to ``state`` in publication order; returns who went where."""
    return assign_extracted(features_of(new_articles, docs, state.params), state)


def assign_extracted(features: list[ArticleFeatures], state: ClusterState) -> Assignment:
    """``assign`` from features already extracted (at parse time)."""
    return assign_features([features[i] for i in arrival_order(features)], state)
