"""Cluster: group articles into stories.

Until story clustering lands (issue: stories from a mixed stream), every build is one story.
The title is the headline that shares the most words with the other headlines.
"""

from __future__ import annotations

import hashlib
import re

from .model import Article, Story

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at", "by", "is", "as", "from", "s"}


def story_id(article_ids: list[str]) -> str:
    return "s-" + hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:12]


def representative_title(articles: list[Article]) -> str:
    """The headline closest to all others by shared content words (ties: the earliest listed)."""
    titled = [a for a in articles if a.title]
    if not titled:
        return articles[0].extra.get("opening", "Untitled story") if articles else "Untitled story"
    bags = [set(_WORD.findall(a.title.lower())) - _STOP for a in titled]  # type: ignore[union-attr]

    def score(i: int) -> float:
        return sum(len(bags[i] & bags[j]) / (len(bags[i] | bags[j]) or 1) for j in range(len(bags)) if j != i)

    # a headline reads as one (no closing full stop); among those, the most shared wording wins
    best = max(range(len(titled)), key=lambda i: (not titled[i].title.endswith("."), score(i), -i))  # type: ignore[union-attr]
    return titled[best].title or "Untitled story"


def one_story(articles: list[Article]) -> list[Story]:
    """All articles of a build as a single story."""
    if not articles:
        return []
    ids = [a.id for a in articles]
    return [Story(id=story_id(ids), title=representative_title(articles), article_ids=ids)]
