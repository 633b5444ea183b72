"""Score publication dates and timeline dates on the esc-dev gold (151 EventStoryLine articles).

    storyline eval dates [--data DIR] [--reuse] [--show]

- publication date: the article's ``published`` day equals the gold ``dct``, over the files that
  have one (the date is printed in the text: URL, dateline, "POSTED: ...");
- timeline dates: per file, the ISO value of every timeline entry citing it, as that file's own words
  date it (``stated``: "in June 2005" is 2005-06 even when another outlet gives the day), else at
  the entry's precision (day YYYY-MM-DD, month YYYY-MM, year YYYY; ranges and undated entries give none),
  as a set of distinct values (the gold lists each value once a file) against the gold ``dates``;
  precision, recall and F1 summed over files.
Baselines: the publication date is the first date ``dateparser.search_dates`` finds in the first
lines; the timeline is every date ``search_dates`` finds in the text, given the gold publication
date as its base, at the precision its words show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from spacy.language import Language

from ..model import Story
from .gate import Row
from .sets import BuiltSet

SET = "esc-dev"
STAGE = "dates"
NEEDS_DOCS = False
HEAD_LINES = 6  # lines the publication-date baseline reads (URL, headline, dateline, byline)
ISO_LENGTH = {"day": 10, "month": 7, "part-of-month": 7, "season": 4, "year": 4}

_MONTH = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
_DAY = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b|\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(today|yesterday|tomorrow)\b", re.I)
_YEAR_ONLY = re.compile(r"^\D*\d{4}\D*$")


def entry_dates(story: Story) -> dict[str, list[str]]:
    """Article id -> the ISO values of the timeline entries citing it: the dates the article's own
    words give for the entry (``stated``), else the entry's date (a report with no date of its
    own, joined to an event another outlet dates)."""
    out: dict[str, list[str]] = {}
    for e in story.timeline:
        n = ISO_LENGTH.get(e.precision)
        for article_id in dict.fromkeys(ev.article_id for ev in e.evidence):
            own = [d for d in e.stated.get(article_id, []) if "/" not in d]
            if own:
                out.setdefault(article_id, []).extend(own)
            elif e.date and n is not None and "/" not in e.date:
                out.setdefault(article_id, []).append(e.date[:n])
    return out


def prf(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    """Micro precision, recall, F1 of (predicted, gold) sets, summed over files."""
    tp = sum(len(p & g) for p, g in pairs)
    n_p, n_g = sum(len(p) for p, _ in pairs), sum(len(g) for _, g in pairs)
    p, r = (tp / n_p if n_p else 0.0), (tp / n_g if n_g else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _iso_of_match(words: str, when: datetime) -> str:
    """dateparser gives a full datetime; its words show how precise the expression was."""
    if _YEAR_ONLY.match(words) and not _MONTH.search(words):
        return f"{when.year:04d}"
    if _MONTH.search(words) and not _DAY.search(_MONTH.sub("", words)):
        return f"{when.year:04d}-{when.month:02d}"
    return when.date().isoformat()


def baseline_dates(text: str, dct: str | None) -> list[str]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime.fromisoformat(dct)} if dct else {}
    found = search_dates(text, languages=["en"], settings=settings) or []  # type: ignore[arg-type]
    return [_iso_of_match(words, when) for words, when in found]


def baseline_published(text: str) -> str | None:
    from dateparser.search import search_dates

    head = "\n".join(text.splitlines()[:HEAD_LINES])
    found = search_dates(head, languages=["en"]) or []
    return found[0][1].date().isoformat() if found else None


def score(built: BuiltSet, nlp: Callable[[], Language], show: bool = False) -> list[Row]:
    gold: dict = built.gold("gold.json")  # type: ignore[assignment]
    by_file = built.by_file
    ours_by_article: dict[str, list[str]] = {}
    for story in built.dossier.stories:
        ours_by_article.update(entry_dates(story))

    with_dct = [f for f, g in gold.items() if g["dct"]]
    day = {f: gold[f]["dct"][:10] for f in with_dct}  # a few gold values carry a time ("2011-11-11T20:49"): the day counts
    pub_ok = sum(1 for f in with_dct if f in by_file and (by_file[f].published or "")[:10] == day[f])
    base_ok = sum(1 for f in with_dct if f in by_file and baseline_published(by_file[f].raw_text) == day[f])

    ours, base = [], []
    for f, g in sorted(gold.items()):
        article = by_file.get(f)
        predicted = ours_by_article.get(article.id, []) if article else []
        ours.append((set(predicted), set(g["dates"])))
        base.append((set(baseline_dates(article.raw_text, g["dct"])) if article else set(), set(g["dates"])))
        if show and set(predicted) != set(g["dates"]):
            print(f"  {f:<20} ours {sorted(predicted)}  gold {sorted(g['dates'])}")
    p, r, f1 = prf(ours)
    bp, br, bf = prf(base)
    n_dates = sum(len(g["dates"]) for g in gold.values())
    return [
        Row(STAGE, "publication date read", pub_ok / len(with_dct) if with_dct else 0.0,
            base_ok / len(with_dct) if with_dct else 0.0, len(with_dct)),
        Row(STAGE, "timeline dates F1", f1, bf, n_dates),
        Row(STAGE, "timeline dates P", p, bp, n_dates),
        Row(STAGE, "timeline dates R", r, br, n_dates),
    ]


def main(argv: list[str]) -> int:
    from .runner import run

    return run([STAGE], argv)
