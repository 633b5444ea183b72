"""Incremental assignment: new reports join an existing story or open one, and story ids never change.

``ClusterState`` is everything needed to assign later without re-reading old articles: the corpus
document frequencies (for IDF) and, per story, its profile (the sum of its articles' unit-length TF-IDF
lemma and key vectors, so an article's mean similarity to the members is one dot product; size;
date span), its article ids and their headlines. It round-trips through JSON for the store.

Each new article is scored against the stories found through an inverted index over their
blocking keys (O(K * cap) postings, at most ``max_candidates`` scores per article), then joins the
best one if that scores at least ``Params.assign_threshold``; otherwise it opens a story whose id
comes from its own id. Incremental mode cannot see ahead, so a story can open twice (its first
reports too unlike each other); when a new report could join either of two stories and the two,
compared as wholes, pass the batch threshold, they are merged, as batch clustering merges clusters:
the older story keeps its id and the other id is recorded in ``merged_into``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .candidates import StoryIndex, blocking_keys
from .features import ArticleFeatures
from .profile import Idf, Params, Profile, Query, idf_from, mean_score, story_linkage, unit_profile
from .titles import stable_story_id

STATE_SCHEMA = "storyline.cluster-state/2"  # /2: story profiles hold IDF-weighted unit vectors (profile.unit_profile)


@dataclass(slots=True)
class StoryState:
    """One story as the assigner sees it."""

    id: str
    profile: Profile
    article_ids: list[str] = field(default_factory=list)
    titles: list[str | None] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # blocking keys it is indexed under

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "profile": self.profile.to_dict(), "article_ids": self.article_ids,
                "titles": self.titles, "keys": sorted(self.keys)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> StoryState:
        return cls(d["id"], Profile.from_dict(d["profile"]), list(d["article_ids"]), list(d["titles"]), set(d["keys"]))


@dataclass(slots=True)
class ClusterState:
    """Document frequencies and story profiles: what the store keeps so ``assign`` can run later."""

    params: Params = field(default_factory=Params)
    n_articles: int = 0
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[str, StoryState] = field(default_factory=dict)  # insertion order = opening order
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> story id
    merged_into: dict[str, str] = field(default_factory=dict)  # retired story id -> the story that absorbed it
    _index: StoryIndex | None = None

    @property
    def index(self) -> StoryIndex:
        if self._index is None:
            self._index = StoryIndex()
            for s in self.stories.values():
                self._index.add(s.id, s.keys)
        return self._index

    def count(self, f: ArticleFeatures) -> None:
        """Take an article into the document frequencies."""
        self.n_articles += 1
        for k in (*f.terms, *f.keys):
            self.df[k] = self.df.get(k, 0) + 1

    def open_story(self, f: ArticleFeatures, keys: list[str], idf: Idf) -> StoryState:
        story = StoryState(stable_story_id(f.id), unit_profile(f, idf), [f.id], [f.title], set(keys))
        self.stories[story.id] = story
        self.story_of[f.id] = story.id
        self.index.add(story.id, keys)
        return story

    def join(self, story: StoryState, f: ArticleFeatures, keys: list[str], idf: Idf) -> None:
        story.profile.add(unit_profile(f, idf), self.params.profile_terms)
        story.article_ids.append(f.id)
        story.titles.append(f.title)
        fresh = [k for k in keys if k not in story.keys]
        story.keys.update(fresh)
        self.index.add(story.id, fresh)
        self.story_of[f.id] = story.id

    def merge(self, keep: StoryState, gone: StoryState) -> None:
        """Fold story ``gone`` into ``keep``; ``gone``'s id is retired (and remembered)."""
        del self.stories[gone.id]
        self.index.remove(gone.id, gone.keys)
        keep.profile.add(gone.profile, self.params.profile_terms)
        keep.article_ids.extend(gone.article_ids)
        keep.titles.extend(gone.titles)
        fresh = gone.keys - keep.keys
        keep.keys |= fresh
        self.index.add(keep.id, fresh)
        for a in gone.article_ids:
            self.story_of[a] = keep.id
        self.merged_into[gone.id] = keep.id
        for old, into in self.merged_into.items():
            if into == gone.id:
                self.merged_into[old] = keep.id

    def to_json(self) -> str:
        return json.dumps({
            "schema": STATE_SCHEMA, "params": self.params.to_dict(), "n_articles": self.n_articles, "df": self.df,
            "stories": [s.to_dict() for s in self.stories.values()], "merged_into": self.merged_into,
        }, ensure_ascii=False, separators=(",", ":"))

    @staticmethod
    def stored(text: str) -> dict[str, Any]:
        """A stored state's fields as written, whatever its schema ({} when unreadable): an older
        schema cannot be resumed as it is, but its record of retired story ids still holds."""
        try:
            d = json.loads(text)
        except ValueError:
            return {}
        return d if isinstance(d, dict) else {}

    @classmethod
    def from_json(cls, text: str) -> ClusterState:
        d = json.loads(text)
        if d.get("schema") != STATE_SCHEMA:
            raise ValueError(f"not a cluster state ({d.get('schema')!r})")
        stories = [StoryState.from_dict(s) for s in d["stories"]]
        return cls(Params(**d["params"]), d["n_articles"], dict(d["df"]), {s.id: s for s in stories},
                   {a: s.id for s in stories for a in s.article_ids}, dict(d.get("merged_into", {})))


@dataclass(slots=True)
class Assignment:
    """What ``assign`` did: article id -> story id, and which stories it touched or opened."""

    story_of: dict[str, str] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)  # existing stories that gained articles
    opened: list[str] = field(default_factory=list)  # stories opened by this call
    merged: dict[str, str] = field(default_factory=dict)  # story id retired by this call -> the story it joined


def assign_features(features: list[ArticleFeatures], state: ClusterState) -> Assignment:
    """Assign articles (already in the order they arrive) to stories, updating ``state`` in place."""
    p = state.params
    result = Assignment()
    existing = set(state.stories)
    for f in features:
        if f.id in state.story_of:  # already assigned: adding a report twice changes nothing
            result.story_of[f.id] = state.story_of[f.id]
            continue
        state.count(f)
        idf = idf_from(state.df, state.n_articles)
        keys = blocking_keys(f, idf, p)
        query = Query.of(unit_profile(f, idf), idf)
        fits = sorted(((s, sid) for sid in state.index.candidates(keys, idf, p)
                       if (s := mean_score(query, state.stories[sid].profile, p)) >= p.assign_threshold), reverse=True)
        if not fits:
            story = state.open_story(f, keys, idf)
            result.opened.append(story.id)
        else:
            story = state.stories[fits[0][1]]
            state.join(story, f, keys, idf)
            for _, sid in fits[1:]:
                story = _merge_if_close(state, story, state.stories.get(sid), idf, result)
            if story.id in existing and story.id not in result.touched:
                result.touched.append(story.id)
        result.story_of[f.id] = story.id
    for a in list(result.story_of):  # earlier reports of this call may sit in a story merged since
        result.story_of[a] = state.story_of[a]
    return result


def _merge_if_close(state: ClusterState, story: StoryState, other: StoryState | None, idf: Idf, result: Assignment) -> StoryState:
    """Merge two stories a new report fits both of, when they are close as wholes; returns the survivor.

    Close as wholes is ``merge_threshold``, above the batch threshold: the linkage from two stories'
    sums counts every pair of their members, also the weak ones (under ``min_edge``) batch drops.
    """
    if other is None or other is story or story_linkage(story.profile, other.profile, idf, state.params) < state.params.merge_threshold:
        return story
    order = list(state.stories)
    keep, gone = (story, other) if order.index(story.id) < order.index(other.id) else (other, story)
    state.merge(keep, gone)
    result.merged[gone.id] = keep.id
    for seen in (result.opened, result.touched):
        if gone.id in seen:
            seen.remove(gone.id)
    return keep
