"""Score numeric claims and conflicts against gold: claim P/R, conflict P/R, qualifier and speaker accuracy.

    storyline eval claims [GOLD.json INPUT...]

Without arguments it builds the bundled example story and scores it against
examples/gold/harbor-strike/claims.json. A predicted claim matches a gold one in the same article
when their spans overlap and they state the same value. A predicted conflict matches a gold one
when it has the same kind and its claims match exactly the gold conflict's claims. Gold
``not_claims`` strings are checked too: any predicted claim overlapping one is reported.
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ._stages import example_gold, gold_and_inputs
from ...model import Article, Claim, Story

DEFAULT_GOLD = example_gold("claims.json")
NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fourteen"}


@dataclass(slots=True)
class GoldClaim:
    article_id: str
    start: int
    end: int
    value: float
    qualifier: str
    speaker: str | None
    subject: str


def _span_of(text: str, needle: str) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def _by_file(articles: list[Article]) -> dict[str, Article]:
    return {Path(a.source_path.split("#")[0]).name: a for a in articles}


def gold_claims(gold: dict, articles: list[Article]) -> list[GoldClaim]:
    """Gold claims located in the articles' clean text."""
    by_file = _by_file(articles)
    out = []
    for g in gold["claims"]:
        article = by_file[g["file"]]
        span = _span_of(article.clean_text, g["text"])
        if span is None:
            raise ValueError(f"gold claim not found in {g['file']}: {g['text']!r}")
        out.append(GoldClaim(article.id, span[0], span[1], float(g["value"]), g["qualifier"], g.get("speaker"), g["subject"]))
    return out


def matches(c: Claim, g: GoldClaim) -> bool:
    """Same article, overlapping spans, same value."""
    return c.article_id == g.article_id and c.start < g.end and g.start < c.end and abs(c.value - g.value) < 1e-6


def _speaker_ok(c: Claim, g: GoldClaim, story: Story) -> bool:
    if g.speaker is None:
        return c.speaker_entity_id is None
    entity = next((e for e in story.entities if e.id == c.speaker_entity_id), None)
    forms = {entity.name.lower(), *(a.lower() for a in entity.aliases)} if entity else set()
    return g.speaker.lower() in forms


def score_claims(story: Story, gold: list[GoldClaim]) -> dict[str, float]:
    """Claim precision/recall, and among matched claims how often qualifier and speaker are right."""
    found = story.claims
    matched_found = [c for c in found if any(matches(c, g) for g in gold)]
    pairs = [(c, g) for g in gold for c in found if matches(c, g)]
    matched_gold = {id(g) for _, g in pairs}
    p = len(matched_found) / len(found) if found else 0.0
    r = len(matched_gold) / len(gold) if gold else 0.0
    firsts = {id(g): (c, g) for c, g in reversed(pairs)}.values()
    return {
        "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": len(gold),
        "found": len(found),
        "qualifier": sum(c.qualifier == g.qualifier for c, g in firsts) / len(firsts) if firsts else 0.0,
        "speaker": sum(_speaker_ok(c, g, story) for c, g in firsts) / len(firsts) if firsts else 0.0,
    }


def score_conflicts(story: Story, gold: dict, golds: list[GoldClaim]) -> dict[str, float]:
    """A predicted conflict is right when its kind and its set of (matched gold) claims equal a gold conflict's."""
    gold_sets = []
    for gc in gold["conflicts"]:
        members = frozenset(i for i, g in enumerate(golds) if g.subject == gc["subject"])
        gold_sets.append((gc["kind"], members))
    by_id = {c.id: c for c in story.claims}
    predicted = []
    for conflict in story.conflicts:
        members = frozenset(i for cid in conflict.claim_ids for i, g in enumerate(golds) if matches(by_id[cid], g))
        predicted.append((conflict.kind, members))
    right = [p for p in predicted if p in gold_sets]
    found = [g for g in gold_sets if g in predicted]
    p = len(right) / len(predicted) if predicted else 0.0
    r = len(found) / len(gold_sets) if gold_sets else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": len(gold_sets),
            "found": len(predicted)}


def not_claim_hits(story: Story, gold: dict, articles: list[Article]) -> list[str]:
    """Predicted claims whose figure is a string gold says is no claim (a year, a date, a label)."""
    hits = []
    for a in articles:
        claims = [c for c in story.claims if c.article_id == a.id]
        for s in gold.get("not_claims", []):
            numbers = [w for w in re.findall(r"[\w$.,]+", s) if any(ch.isdigit() for ch in w) or w.lower() in NUMBER_WORDS]
            for m in re.finditer(re.escape(s), a.clean_text):
                hits += [f"{s!r} in {c.text!r}" for c in claims
                         if c.start < m.end() and m.start() < c.end and any(n in c.text for n in numbers)]
    return hits


def main(argv: list[str]) -> int:
    from ...claims import run as run_claims
    from ...engines import build
    from ...nlp import load_pipeline
    from . import _stages

    gold_path, inputs = gold_and_inputs(argv, DEFAULT_GOLD.name)
    try:
        stages = [s for s in _stages.upto("claims") if s is not run_claims]
    except LookupError:  # claims not among the default stages: run what it reads (entities, quotes)
        stages = _stages.upto("quotes")
    docs_seen: dict[str, object] = {}

    def keep_docs(story, articles, docs):  # a story stage that remembers the parses to time claims alone
        docs_seen.update(docs)

    dossier = build(inputs, nlp=load_pipeline(), story_stages=stages + [keep_docs])
    story = dossier.stories[0]
    t0 = time.perf_counter()
    run_claims(story, {a.id: a for a in dossier.articles}, docs_seen)  # type: ignore[arg-type]
    ms = (time.perf_counter() - t0) * 1000
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    golds = gold_claims(gold, dossier.articles)
    c = score_claims(story, golds)
    k = score_conflicts(story, gold, golds)
    print(f"{len(dossier.articles)} articles; {c['found']} claims, {k['found']} conflicts found; claims stage {ms:.1f} ms")
    print(f"{'':<10}{'P':>7}{'R':>7}{'F1':>7}{'gold':>6}")
    print(f"{'claims':<10}{c['precision']:7.3f}{c['recall']:7.3f}{c['f1']:7.3f}{c['n']:6d}")
    print(f"{'conflicts':<10}{k['precision']:7.3f}{k['recall']:7.3f}{k['f1']:7.3f}{k['n']:6d}")
    print(f"qualifier accuracy {c['qualifier']:.3f}, speaker accuracy {c['speaker']:.3f} (on matched claims)")
    hits = not_claim_hits(story, gold, dossier.articles)
    print(f"not-claims reported as claims: {len(hits)}" + "".join(f"\n  {h}" for h in hits))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
