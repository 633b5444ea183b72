"""Score copies and cited sources against gold.

    storyline eval provenance [GOLD.json INPUT...]

Without arguments it scores the bundled example story. A gold copy is found when a predicted copy
of the same two articles and the same kind has a passage overlapping both gold spans by at least
half of the shorter (and, when its direction is known, runs the same way). A gold cited source is
found per article: a predicted source of that article with the same name (ignoring "the" and
case, or one name containing the other) and the same whole_article flag.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ._stages import example_gold, gold_and_inputs
from ...model import Article, Copy, Story

DEFAULT_GOLD = example_gold("provenance.json")


def _span_of(text: str, needle: str) -> tuple[int, int] | None:
    m = re.search(r"\s+".join(re.escape(w) for w in needle.split()), text)
    return (m.start(), m.end()) if m else None


def _covers(span: tuple[int, int], start: int, end: int) -> bool:
    shared = min(span[1], end) - max(span[0], start)
    return shared > 0 and shared >= 0.5 * min(span[1] - span[0], end - start)


def _norm(name: str) -> str:
    return re.sub(r"^(the|a|an|one)\s+", "", " ".join(name.lower().split()))


def same_name(a: str, b: str) -> bool:
    x, y = _norm(a), _norm(b)
    return x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x))


def _copy_found(g: dict, c: Copy, by_file: dict[str, Article]) -> bool:
    a, b = by_file[g["from"]], by_file[g["to"]]
    if c.kind != g["kind"] or {c.from_article_id, c.to_article_id} != {a.id, b.id}:
        return False
    if c.direction == "known" and c.from_article_id != a.id:
        return False
    fa, fb = _span_of(a.clean_text, g["from_text"]), _span_of(b.clean_text, g["to_text"])
    if fa is None or fb is None:
        raise ValueError(f"gold copy text not found: {g['from']} -> {g['to']}")
    for p in c.passages:
        (s1, e1), (s2, e2) = ((p.from_span.start, p.from_span.end), (p.to_span.start, p.to_span.end))
        if c.from_article_id != a.id:
            (s1, e1), (s2, e2) = (s2, e2), (s1, e1)
        if _covers(fa, s1, e1) and _covers(fb, s2, e2):
            return True
    return False


def score_copies(gold: list[dict], story: Story, by_file: dict[str, Article]) -> dict[str, float]:
    found = [g for g in gold if any(_copy_found(g, c, by_file) for c in story.copies)]
    right = [c for c in story.copies if any(_copy_found(g, c, by_file) for g in gold)]
    p = len(right) / len(story.copies) if story.copies else 0.0
    r = len(found) / len(gold) if gold else 0.0
    return {"precision": p, "recall": r, "n_gold": len(gold), "n_found": len(story.copies)}


def score_cited(gold: list[dict], story: Story, by_file: dict[str, Article]) -> dict[str, float]:
    wanted = [(g["name"], by_file[f].id, g["whole_article"], g["kind"]) for g in gold for f in g["files"]]
    got = {(c.name, c.article_id, c.whole_article, c.kind) for c in story.cited_sources}

    def match(x: tuple, y: tuple) -> bool:
        return x[1] == y[1] and x[2] == y[2] and same_name(x[0], y[0])

    found = [w for w in wanted if any(match(w, g) for g in got)]
    right = [g for g in got if any(match(w, g) for w in wanted)]
    kinds = [w for w in found if any(match(w, g) and g[3] == w[3] for g in got)]
    return {"precision": len(right) / len(got) if got else 0.0, "recall": len(found) / len(wanted) if wanted else 0.0,
            "kind_accuracy": len(kinds) / len(found) if found else 0.0, "n_gold": len(wanted), "n_found": len(got)}


def main(argv: list[str]) -> int:
    from ...engines import build
    from ...nlp import load_pipeline
    from ...pipeline import default_stages
    from ...provenance import EmbedderProvider, stage

    gold_path, inputs = gold_and_inputs(argv, DEFAULT_GOLD.name)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    before = [s for s in default_stages() if s.__module__.split(".")[1] in ("entities", "quotes")]
    provider = EmbedderProvider()
    dossier = build(inputs, nlp=load_pipeline(), story_stages=before + [stage(provider)])
    story = dossier.stories[0]
    by_file = {Path(a.source_path.split("#")[0]).name: a for a in dossier.articles}
    copies = score_copies(gold["copies"], story, by_file)
    cited = score_cited(gold["cited_sources"], story, by_file)
    if provider.note:
        print(provider.note)
    print(f"copies        P {copies['precision']:.2f}  R {copies['recall']:.2f}  "
          f"(gold {copies['n_gold']}, found {copies['n_found']})")
    print(f"cited sources P {cited['precision']:.2f}  R {cited['recall']:.2f}  kind accuracy "
          f"{cited['kind_accuracy']:.2f}  (gold {cited['n_gold']} source-article pairs, found {cited['n_found']})")
    return 0
