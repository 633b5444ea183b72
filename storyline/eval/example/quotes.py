"""Score quotes against gold (quote-span F1, speaker accuracy) beside textacy's direct_quotations.

    storyline eval quotes [GOLD.json INPUT...]

Without arguments it scores the bundled example story. A predicted quote matches a gold one in
the same article when their spans overlap by at least half of the shorter. Copies of one quote
in other outlets (also_in) count as found in those articles too. textacy runs on the same Docs;
its speaker counts as right when its words name the gold speaker (an alias of that entity).
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ._stages import example_gold, gold_and_inputs
from ...model import Article, Entity, Story

DEFAULT_GOLD = example_gold("quotes.json")


@dataclass(slots=True)
class Found:
    article_id: str
    start: int
    end: int
    kind: str
    speaker: str | None  # the speaker's name as the system gives it


def _span_of(text: str, needle: str) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    m = re.search(pattern, text)
    return (m.start(), m.end()) if m else None


def gold_spans(gold: list[dict], articles: list[Article]) -> list[Found]:
    by_file = {Path(a.source_path.split("#")[0]).name: a for a in articles}
    out = []
    for g in gold:
        article = by_file[g["file"]]
        pieces = [_span_of(article.clean_text, p) for p in g.get("parts") or [g["text"]]]
        if not all(pieces):
            raise ValueError(f"gold quote not found in {g['file']}: {g['text'][:60]!r}")
        out.append(Found(article.id, pieces[0][0], pieces[-1][1], g["kind"], g.get("speaker")))  # type: ignore[index]
    return out


def storyline_found(story: Story) -> list[Found]:
    names = {e.id: e.name for e in story.entities}
    out = []
    for q in story.quotes:
        speaker = names.get(q.speaker_entity_id or "")
        out.append(Found(q.article_id, q.start, q.end, q.kind, speaker))
        out.extend(Found(ev.article_id, ev.start, ev.end, q.kind, speaker) for ev in q.also_in)
    return out


def _overlaps(a: Found, b: Found) -> bool:
    if a.article_id != b.article_id:
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    return shared > 0 and shared >= 0.5 * min(a.end - a.start, b.end - b.start)


def score(found: list[Found], gold: list[Found], same_speaker) -> dict[str, float]:
    matched_gold = [g for g in gold if any(_overlaps(f, g) for f in found)]
    matched_found = [f for f in found if any(_overlaps(f, g) for g in gold)]
    p = len(matched_found) / len(found) if found else 0.0
    r = len(matched_gold) / len(gold) if gold else 0.0
    with_speaker = [g for g in matched_gold if g.speaker]
    right = sum(1 for g in with_speaker if any(_overlaps(f, g) and same_speaker(f.speaker, g.speaker) for f in found))
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "speaker_accuracy": right / len(with_speaker) if with_speaker else 0.0, "n": len(gold)}


def textacy_found(docs: dict[str, object]) -> tuple[list[Found], float, int]:
    """textacy's direct quotations over the same Docs; (found, seconds, articles it gave up on)."""
    from textacy.extract.triples import direct_quotations

    out, failed = [], 0
    t0 = time.perf_counter()
    for aid, doc in docs.items():
        try:
            triples = list(direct_quotations(doc))  # type: ignore[arg-type]
        except ValueError:
            failed += 1  # odd number of quotation marks: textacy drops the article
            continue
        for t in triples:
            speaker = " ".join(tok.text for tok in t.speaker) or None
            out.append(Found(aid, t.content.start_char, t.content.end_char, "direct", speaker))
    return out, time.perf_counter() - t0, failed


def _alias_matcher(entities: list[Entity]):
    by_name = {e.name: e for e in entities}

    def same(predicted: str | None, gold: str) -> bool:
        if not predicted:
            return False
        if predicted == gold:
            return True
        entity = by_name.get(gold)
        forms = {gold.lower()} | ({a.lower() for a in entity.aliases} if entity else set())
        return predicted.lower() in forms

    return same


def main(argv: list[str]) -> int:
    from ...engines import build
    from ...nlp import load_pipeline
    from ...quotes import run as run_quotes
    from . import _stages

    gold_path, inputs = gold_and_inputs(argv, DEFAULT_GOLD.name)
    nlp = load_pipeline()
    docs_seen: dict[str, object] = {}

    def keep_docs(story, articles, docs):  # a story stage that remembers the parses for textacy
        docs_seen.update(docs)

    stages = [s for s in _stages.upto("quotes") if s is not run_quotes]
    dossier = build(inputs, nlp=nlp, story_stages=stages + [keep_docs])
    story = dossier.stories[0]
    t0 = time.perf_counter()
    run_quotes(story, {a.id: a for a in dossier.articles}, docs_seen)  # type: ignore[arg-type]
    ours_s = time.perf_counter() - t0
    gold = gold_spans(json.loads(gold_path.read_text(encoding="utf-8")), dossier.articles)
    same = _alias_matcher(story.entities)
    theirs, theirs_s, failed = textacy_found(docs_seen)

    ours = storyline_found(story)

    def of(kind: str, items: list[Found]) -> list[Found]:
        return [x for x in items if x.kind == kind]

    rows = [
        ("storyline direct", score(of("direct", ours), of("direct", gold), same), ours_s),
        ("storyline indirect", score(of("indirect", ours), of("indirect", gold), same), ours_s),
        ("storyline all", score(storyline_found(story), gold, same), ours_s),
        ("textacy direct", score(theirs, [g for g in gold if g.kind == "direct"], same), theirs_s),
    ]
    print(f"{len(dossier.articles)} articles, {len(gold)} gold quotes; textacy gave up on {failed} article(s)")
    print(f"{'system':<20}{'P':>7}{'R':>7}{'F1':>7}{'speaker':>9}{'gold':>6}{'ms':>9}")
    for name, s, seconds in rows:
        print(f"{name:<20}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}{s['speaker_accuracy']:9.3f}{s['n']:6d}{seconds * 1000:9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
