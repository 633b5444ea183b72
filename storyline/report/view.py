"""What every renderer needs to show an item in context: article labels, sentences, anchors."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Article, Dossier, Story
from ..settings import Settings, SettingsError, SummarySettings


@dataclass(slots=True)
class NameRow:
    """A name spaCy tagged, with where it occurs (a preliminary view until entities are resolved)."""

    text: str
    label: str
    count: int
    places: list[tuple[str, int, int]] = field(default_factory=list)  # (article id, first sentence, mentions)


def anchor(article_id: str, sentence: int | None) -> str:
    return f"a-{article_id}" if sentence is None else f"a-{article_id}-s{sentence}"


def cite_anchor(article: Article, start: int) -> str:
    """The HTML anchor of the sentence holding clean offset ``start``."""
    return anchor(article.id, article.sentence_index(start))


def sentence_pieces(article: Article) -> list[tuple[int | None, str]]:
    """clean_text cut into (sentence index, text) pieces; the gaps between sentences get None."""
    pieces: list[tuple[int | None, str]] = []
    pos = 0
    for i, (start, end) in enumerate(article.sentences):
        if start > pos:
            pieces.append((None, article.clean_text[pos:start]))
        pieces.append((i, article.clean_text[start:end]))
        pos = end
    if pos < len(article.clean_text):
        pieces.append((None, article.clean_text[pos:]))
    return pieces


def story_articles(dossier: Dossier, story: Story) -> list[Article]:
    """The story's articles, oldest first (undated ones last, in input order)."""
    by_id = {a.id: a for a in dossier.articles}
    arts = [by_id[i] for i in story.article_ids if i in by_id]
    return sorted(arts, key=lambda a: (a.published is None, a.published or ""))


def names(articles: list[Article], limit: int = 40) -> list[NameRow]:
    """Most frequent tagged names across the articles, each with the sentences naming it."""
    counts: Counter[tuple[str, str]] = Counter()
    places: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(dict)
    for article in articles:
        for m in article.ner:
            key = (" ".join(m.text.split()), m.label)
            counts[key] += 1
            first_and_count = places[key].setdefault(article.id, [article.sentence_index(m.start) or 0, 0])
            first_and_count[1] += 1
    return [
        NameRow(t, lab, n, [(aid, first, k) for aid, (first, k) in places[(t, lab)].items()])
        for (t, lab), n in counts.most_common(limit)
    ]


def date_range(published: list[str | None], placed: int = 0) -> str:
    """The span of stated publication dates, and how many articles state none (and how many of
    those the story's events place): "2025-06-19; 4 undated, 3 placed by their content"."""
    dates = sorted(d for d in published if d)
    text = "no publication dates stated" if not dates else dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"
    undated = len(published) - len(dates)
    if dates and undated:
        text += f"; {undated} undated" + (f", {placed} placed by their content" if placed else "")
    elif placed:
        text += f"; {placed} placed by their content"
    return text


def content_dating(story: Story) -> dict[str, dict[str, Any]]:
    """Article id -> how the story's dated events place an undated article: a label ("between
    2025-04 and 2025-06-21") and the article's own words that set each bound."""
    out: dict[str, dict[str, Any]] = {}
    for d in story.dating:
        after, before = d.after, d.before
        label = f"between {after} and {before}" if after and before else f"after {after}" if after else f"before {before}"
        evidence = [e for e in (d.after_evidence, d.before_evidence) if e]
        out[d.article_id] = {"label": label, "evidence": evidence}
    return out


_WORD = re.compile(r"[^\W_](?:[\w’'-]*[^\W_])?")


def passage_words(text: str, other: str) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each marked when it is a word the ``other`` side of a copied passage
    also has (case folded; stop words are never marked, they are in every text): what the report
    highlights when it shows the two sides of a passage side by side."""
    theirs = {w.casefold() for w in _WORD.findall(other)} - STOP_WORDS
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _WORD.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos:m.start()], False))
        pieces.append((m.group(), m.group().casefold() in theirs))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def summary_settings(dossier: Dossier) -> SummarySettings:
    """The summarize settings the dossier was built with (the defaults when it recorded none it can read)."""
    recorded = dossier.settings.get("summarize")
    if not isinstance(recorded, dict):
        return SummarySettings()
    try:
        return Settings().with_overrides({"summarize": recorded}).summarize
    except SettingsError:
        return SummarySettings()
