"""Story ids and titles.

A story's id comes from its first article, so it stays the same when later reports join it; the
title is the headline most representative of the others, never words stitched together.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Article

_WORD = re.compile(r"[a-z0-9]+")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "for", "with", "at", "by", "is", "as", "from", "s"}
_LINK = re.compile(r"https?:/|www\.|\.(?:com|org|net)\b", re.I)  # a pasted link is no headline
_MAX_TITLE_WORDS = 25  # a "title" longer than this is a first sentence, not a headline


def story_id(article_ids: list[str]) -> str:
    """Id of a fixed set of articles (order-free); used for the one-story build."""
    return "s-" + hashlib.sha256("\n".join(sorted(article_ids)).encode()).hexdigest()[:12]


def stable_story_id(first_article_id: str) -> str:
    """Id of a story opened by ``first_article_id``: unchanged when articles join later."""
    return "s-" + hashlib.sha256(first_article_id.encode()).hexdigest()[:12]


def representative_title(articles: list[Article]) -> str:
    """The headline closest to all others by shared content words (ties: the earliest listed).

    Headline-shaped titles (no closing full stop, not overly long) win over first sentences.
    """
    titled = [a for a in articles if a.title and a.title.strip()]
    if not titled:
        return articles[0].extra.get("opening", "Untitled story") if articles else "Untitled story"
    titles = [a.title.strip() for a in titled]  # type: ignore[union-attr]
    bags = [set(_WORD.findall(t.lower())) - _STOP for t in titles]

    def score(i: int) -> float:
        return sum(len(bags[i] & bags[j]) / (len(bags[i] | bags[j]) or 1) for j in range(len(bags)) if j != i)

    def headline_like(i: int) -> bool:
        t = titles[i]
        return not t.endswith(".") and len(t.split()) <= _MAX_TITLE_WORDS and not _LINK.search(t)

    best = max(range(len(titled)), key=lambda i: (headline_like(i), score(i), -i))
    return titles[best] or "Untitled story"
