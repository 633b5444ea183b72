"""Story ids and titles.

A story's id comes from its first article, so it stays the same when later reports join it; the
title is the headline most representative of the others, never words stitched together, followed
(once the stories are analysed) by what sets it apart from stories that share its main entity.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Article, Entity, Story

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


# --- titles that tell stories apart ---------------------------------------------------------------
#
# A feed holds many stories about one place, one company, one person. Each story's title is its
# representative headline; when other stories share its main entity (the one most of its articles
# mention), the title adds what sets it apart from them: its own place, its first publication day
# and a term its reports use that none of the others do. Stories are grouped by main entity first,
# and each group is compared through counts over the group (no pair of stories is ever compared).

_PLACE_TYPES = ("GPE", "LOC", "FAC")
_TERM = re.compile(r"[^\W\d_][\w'-]*[^\W_]")
TITLE_SEPARATOR = " — "


@dataclass(slots=True)
class _Marks:
    """What a story could be told apart by."""

    place: str | None
    date: str | None
    terms: Counter[str]


def main_entity(story: Story) -> Entity | None:
    """The entity most of the story's articles mention (ties: more mentions, then the name)."""
    if not story.entities:
        return None
    return min(story.entities, key=lambda e: (-e.articles, -len(e.mentions), e.name))


def distinguish_titles(stories: list[Story], articles: Mapping[str, Article], lead_sentences: int = 2) -> None:
    """Give each story that shares its main entity with another story a title saying what sets it
    apart (``"Headline — Place · 2025-03-24 · term"``), in place; other titles stay the headline.

    The term is the one the story's reports use most that no other story of its group uses, the
    rarer across all stories the better (ties: the longer word, then alphabetical)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, story in enumerate(stories):
        main = main_entity(story)
        if main is not None:
            groups[main.id].append(i)
    marks = [_marks(story, articles, lead_sentences) for story in stories]
    df = Counter(t for m in marks for t in m.terms)  # stories using each term, over the whole build
    for members in groups.values():
        if len(members) > 1:
            _set_apart([stories[i] for i in members], [marks[i] for i in members], df, len(stories))


def _set_apart(group: list[Story], marks: list[_Marks], df: Counter[str], n_stories: int) -> None:
    places = Counter(m.place for m in marks if m.place)
    dates = Counter(m.date for m in marks if m.date)
    used_by = Counter(t for m in marks for t in m.terms)  # how many of the group's stories use each term
    for story, m in zip(group, marks):
        headline = story.title
        shown = headline.casefold()
        parts = []
        if m.place and places[m.place] < len(group) and m.place.casefold() not in shown:
            parts.append(m.place)
        if m.date and dates[m.date] < len(group):
            parts.append(m.date)
        own = [t for t in m.terms if used_by[t] == 1 and t not in shown]
        if own:
            parts.append(min(own, key=lambda t: (-m.terms[t] * math.log((n_stories + 1) / df[t]), -len(t), t)))
        if parts:
            story.title = headline + TITLE_SEPARATOR + " · ".join(parts)


def _marks(story: Story, articles: Mapping[str, Article], lead_sentences: int) -> _Marks:
    main = main_entity(story)
    ranked = sorted(story.entities, key=lambda e: (-e.articles, -len(e.mentions), e.name))
    place = next((e.name for e in ranked if e.type in _PLACE_TYPES and e is not main), None)
    arts = [articles[a] for a in story.article_ids if a in articles]
    dates = sorted(a.published[:10] for a in arts if a.published)
    named = {w.casefold() for n in (main.name if main else "", place or "") for w in _TERM.findall(n)}  # shown already
    terms: Counter[str] = Counter()
    for a in arts:
        lead = " ".join(a.clean_text[s:e] for s, e in a.sentences[:lead_sentences])
        words = {w.casefold() for w in _TERM.findall(f"{a.title or ''} {lead}")}
        terms.update(w for w in words if len(w) > 3 and w not in STOP_WORDS and w not in named)
    return _Marks(place, dates[0] if dates else None, terms)
