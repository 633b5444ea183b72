"""Score quotes and speakers on the quotes-dev gold (129 ECB+ articles), beside textacy.

    storyline eval quotes [--data DIR] [--reuse] [--show]

- direct recall: a gold quote is found when at least half its words fall in one extracted direct
  quote (a quote split by its attribution counts its parts); direct precision: extracted direct
  quotes in the gold files with half their words in a gold quote (the gold lists every quote);
- speaker accuracy: of the found gold quotes whose speaker is a person or organisation, the share
  whose extracted speaker names that speaker (the entity's name, else the speaker words);
- reported recall: gold reported statements (content span) found in one extracted indirect quote;
  reported precision only over files whose gold lists fewer than five statements (the gold keeps at
  most five a file, so only those files list them all).
textacy's ``direct_quotations`` runs on the same parses; its speaker is the words it returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Story
from .entities import name_words, same_name
from .gate import Row
from .sets import BuiltSet, clean_span

SET = "ecbplus-dev"
STAGE = "quotes"
NEEDS_DOCS = True
GOLD = "../quotes-dev/gold.json"
SPEAKER_KINDS = {"person", "organisation"}
REPORTED_PER_FILE_CAP = 5  # the gold lists at most this many reported statements per file
MIN_SHARE = 0.5  # share of a quote's words that must fall in one extracted quote

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Extracted:
    """An extracted quote: the spans it covers in one article and who says it."""

    article_id: str
    spans: list[tuple[int, int]]
    speaker: str | None


def words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans inside ``text[start:end]``."""
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


def covered(word_spans: list[tuple[int, int]], spans: list[tuple[int, int]]) -> float:
    """Share of the words lying inside ``spans``."""
    if not word_spans:
        return 0.0
    inside = sum(1 for ws, we in word_spans if any(s <= ws and we <= e for s, e in spans))
    return inside / len(word_spans)


def storyline_quotes(story: Story, kind: str) -> list[Extracted]:
    """The story's quotes of ``kind``, each also in the articles that carry a copy (also_in)."""
    names = {e.id: e.name for e in story.entities}
    out = []
    for q in story.quotes:
        if q.kind != kind:
            continue
        speaker = names.get(q.speaker_entity_id or "") or q.speaker_text
        spans = [(p.start, p.end) for p in q.parts] or [(q.start, q.end)]
        out.append(Extracted(q.article_id, spans, speaker))
        out.extend(Extracted(ev.article_id, [(ev.start, ev.end)], speaker) for ev in q.also_in)
    return out


def textacy_quotes(docs: dict[str, Doc], article_ids: set[str]) -> list[Extracted]:
    """textacy's direct quotations; an article it gives up on (odd quotation marks) yields none."""
    from textacy.extract.triples import direct_quotations

    out = []
    for aid in sorted(article_ids):
        try:
            triples = list(direct_quotations(docs[aid]))
        except (ValueError, IndexError):
            continue
        for t in triples:
            spans = [(tok.idx, tok.idx + len(tok)) for tok in t.content]
            speaker = " ".join(tok.text for tok in t.speaker) or None
            out.append(Extracted(aid, [(min(s for s, _ in spans), max(e for _, e in spans))] if spans else [], speaker))
    return out


@dataclass(slots=True)
class GoldItem:
    article: Article
    span: tuple[int, int] | None  # in clean text; None when cleaning removed it
    speaker: str
    kind: str
    text: str


def gold_items(built: BuiltSet, gold: dict, key: str) -> list[GoldItem]:
    by_file = built.by_file
    out = []
    for file, entry in sorted(gold.items()):
        article = by_file.get(file)
        if article is None:
            continue  # an unreadable or duplicate file: its items are counted by the scorer as missed
        for g in entry[key]:
            span = clean_span(article, g["start"], g["end"])
            out.append(GoldItem(article, span, g.get("speaker") or "", g.get("kind", "person"),
                                g.get("quote") or g.get("content", "")))
    return out


def best_match(item: GoldItem, found: list[Extracted]) -> Extracted | None:
    """The extracted quote holding the largest share (at least MIN_SHARE) of the gold item's words."""
    if item.span is None:
        return None
    ws = words(item.article.clean_text, *item.span)
    best, share = None, 0.0
    for f in found:
        if f.article_id != item.article.id:
            continue
        c = covered(ws, f.spans)
        if c > share:
            best, share = f, c
    return best if share >= MIN_SHARE else None


# Titles before a name are not the name: gold "Lt. Hastings" is our "Gregg Hastings".
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "lt", "sgt", "capt", "col", "gen", "det", "const", "gov", "sen",
          "rep", "judge", "president", "mayor", "sheriff", "officer", "deputy", "chief", "sir", "dame", "rev"}


def _untitled(text: str) -> tuple[str, ...]:
    words = name_words(text)
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


def right_speaker(predicted: str | None, gold: str) -> bool:
    return bool(predicted) and same_name(_untitled(predicted or ""), _untitled(gold))


def precision(found: list[Extracted], gold: list[GoldItem], articles: dict[str, Article]) -> float:
    """Share of extracted quotes with at least MIN_SHARE of their words in one gold item."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        if g.span:
            spans.setdefault(g.article.id, []).append(g.span)
    right = 0
    for f in found:
        ws = [w for s, e in f.spans for w in words(articles[f.article_id].clean_text, s, e)]
        right += any(covered(ws, [sp]) >= MIN_SHARE for sp in spans.get(f.article_id, []))
    return right / len(found) if found else 0.0


def recall_and_speakers(gold: list[GoldItem], found: list[Extracted]) -> tuple[float, float, int, list[GoldItem]]:
    """(recall, speaker accuracy on found person/organisation quotes, how many those are, misses)."""
    matched = [(g, best_match(g, found)) for g in gold]
    hits = [(g, f) for g, f in matched if f]
    named = [(g, f) for g, f in hits if g.kind in SPEAKER_KINDS]
    right = sum(right_speaker(f.speaker, g.speaker) for g, f in named)
    recall = len(hits) / len(gold) if gold else 0.0
    return recall, (right / len(named) if named else 0.0), len(named), [g for g, f in matched if not f]


def score(built: BuiltSet, nlp: Callable[[], Language], show: bool = False) -> list[Row]:
    gold: dict = built.gold(GOLD)  # type: ignore[assignment]
    direct, reported = gold_items(built, gold, "quotes"), gold_items(built, gold, "reported")
    ids = {g.article.id for g in direct} | {g.article.id for g in reported}
    articles = {a.id: a for a in built.dossier.articles}
    ours_direct = [q for s in built.dossier.stories for q in storyline_quotes(s, "direct") if q.article_id in ids]
    ours_reported = [q for s in built.dossier.stories for q in storyline_quotes(s, "indirect") if q.article_id in ids]
    theirs = textacy_quotes(built.parsed(nlp), ids)

    r, spk, n_named, missed = recall_and_speakers(direct, ours_direct)
    tr, tspk, _, _ = recall_and_speakers(direct, theirs)
    rr, _, _, rmissed = recall_and_speakers(reported, ours_reported)
    complete = {file for file, e in gold.items() if len(e["reported"]) < REPORTED_PER_FILE_CAP}
    complete_ids = {a.id for f, a in built.by_file.items() if f in complete}
    rp = precision([q for q in ours_reported if q.article_id in complete_ids],
                   [g for g in reported if g.article.id in complete_ids], articles)
    if show:
        _show(direct, ours_direct, missed, rmissed)
    return [
        Row(STAGE, "direct recall", r, tr, len(direct)),
        Row(STAGE, "direct precision", precision(ours_direct, direct, articles), precision(theirs, direct, articles),
            len(direct)),
        Row(STAGE, "speaker accuracy (person/org)", spk, tspk, n_named),
        Row(STAGE, "reported recall", rr, None, len(reported)),
        Row(STAGE, "reported precision", rp, None, len(complete_ids)),
    ]


def _show(direct: list[GoldItem], ours: list[Extracted], missed: list[GoldItem], rmissed: list[GoldItem]) -> None:
    print(f"quotes: {len(missed)} direct and {len(rmissed)} reported gold items missed")
    for g in missed[:25]:
        print(f"  missed direct   {g.article.source_path.rsplit('/', 1)[-1]:<18} {g.text[:90]!r}")
    for g in rmissed[:15]:
        print(f"  missed reported {g.article.source_path.rsplit('/', 1)[-1]:<18} {g.text[:90]!r}")
    wrong = [(g, f) for g in direct if g.kind in SPEAKER_KINDS
             for f in [best_match(g, ours)] if f and not right_speaker(f.speaker, g.speaker)]
    print(f"quotes: {len(wrong)} found quotes with a wrong speaker")
    for g, f in wrong[:40]:
        print(f"  speaker {f.speaker!r:<32} gold {g.speaker!r:<28} {g.text[:60]!r}")


def main(argv: list[str]) -> int:
    from .runner import run

    return run([STAGE], argv)
