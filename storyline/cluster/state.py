"""Incremental assignment: new reports join an existing story or open one, and story ids never change.

``ClusterState`` is everything needed to assign later without re-reading old articles: the corpus
document frequencies (for IDF) and, per story, its profile (the sum of its articles' unit-length lemma and key
vectors, so an article's mean similarity to the members is one dot product; size; date span), its article ids and their headlines. It round-trips through JSON for the store.

Each new article is scored against the stories found through an inverted index over their
blocking keys (O(K * cap) postings, at most ``max_candidates`` scores per article), then joins the
best one if that scores at least ``Params.assign_threshold``; otherwise it opens a story whose id
comes from its own id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .candidates import StoryIndex, blocking_keys
from .features import ArticleFeatures
from .profile import Idf, Params, Profile, Query, idf_from, mean_score, unit_profile
from .titles import stable_story_id

STATE_SCHEMA = "storyline.cluster-state/1"


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
        story.profile.add(unit_profile(f, idf))
        story.article_ids.append(f.id)
        story.titles.append(f.title)
        fresh = [k for k in keys if k not in story.keys]
        story.keys.update(fresh)
        self.index.add(story.id, fresh)
        self.story_of[f.id] = story.id

    def to_json(self) -> str:
        return json.dumps({
            "schema": STATE_SCHEMA, "params": self.params.to_dict(), "n_articles": self.n_articles, "df": self.df,
            "stories": [s.to_dict() for s in self.stories.values()],
        }, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ClusterState:
        d = json.loads(text)
        if d.get("schema") != STATE_SCHEMA:
            raise ValueError(f"not a cluster state ({d.get('schema')!r})")
        stories = [StoryState.from_dict(s) for s in d["stories"]]
        return cls(Params(**d["params"]), d["n_articles"], dict(d["df"]), {s.id: s for s in stories},
                   {a: s.id for s in stories for a in s.article_ids})


@dataclass(slots=True)
class Assignment:
    """What ``assign`` did: article id -> story id, and which stories it touched or opened."""

    story_of: dict[str, str] = field(default_factory=dict)
    touched: list[str] = field(default_factory=list)  # existing stories that gained articles
    opened: list[str] = field(default_factory=list)  # stories opened by this call


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
        best, best_score = None, p.assign_threshold
        for sid in state.index.candidates(keys, idf, p):
            s = mean_score(query, state.stories[sid].profile, p)
            if s >= best_score:
                best, best_score = state.stories[sid], s
        if best is None:
            story = state.open_story(f, keys, idf)
            result.opened.append(story.id)
        else:
            state.join(best, f, keys, idf)
            story = best
            if story.id in existing and story.id not in result.touched:
                result.touched.append(story.id)
        result.story_of[f.id] = story.id
    return result
