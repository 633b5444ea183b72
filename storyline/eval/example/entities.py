"""Score entity merges against gold must-link / must-not-link pairs of surface forms.

    storyline eval entities [GOLD.json INPUT...]

Without arguments it scores the bundled example story against its gold file. A must-link pair
counts as found when one entity holds both forms; a must-not-link pair counts as a wrong merge
when one entity holds both. Precision = right merges / all gold-relevant merges made.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ._stages import example_gold, gold_and_inputs
from ...model import Entity

DEFAULT_GOLD = example_gold("entities.json")


def score(entities: list[Entity], gold: dict) -> dict[str, Any]:
    """Pair-level precision/recall of merges, with the failing pairs."""
    forms_of = [{a.strip() for a in e.aliases} | {m.text for m in e.mentions} for e in entities]

    def together(a: str, b: str) -> bool:
        return any(a in forms and b in forms for forms in forms_of)

    def present(form: str) -> bool:
        return any(form in forms for forms in forms_of)

    linked = [p for p in gold["must_link"] if together(*p)]
    missed = [p for p in gold["must_link"] if not together(*p)]
    wrong = [p for p in gold.get("must_not_link", []) if together(*p)]
    made = len(linked) + len(wrong)
    return {
        "precision": len(linked) / made if made else 1.0,
        "recall": len(linked) / len(gold["must_link"]) if gold["must_link"] else 1.0,
        "missed": missed,
        "wrong": wrong,
        "absent_forms": sorted({f for p in gold["must_link"] for f in p if not present(f)}),
    }


def main(argv: list[str]) -> int:
    from ...engines import build
    from . import _stages

    gold_path, inputs = gold_and_inputs(argv, DEFAULT_GOLD.name)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    dossier = build(inputs, story_stages=_stages.upto("entities"))
    entities = [e for s in dossier.stories for e in s.entities]
    result = score(entities, gold)
    print(f"entities: {len(entities)} ({sum(e.type == 'PERSON' for e in entities)} people)")
    print(f"merge precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
          f"({len(gold['must_link'])} must-link, {len(gold.get('must_not_link', []))} must-not-link pairs)")
    for pair in result["missed"]:
        print(f"  missed: {pair[0]!r} ~ {pair[1]!r}")
    for pair in result["wrong"]:
        print(f"  WRONG merge: {pair[0]!r} ~ {pair[1]!r}")
    if result["absent_forms"]:
        print(f"  forms never found: {result['absent_forms']}")
    return 0 if result["precision"] == 1.0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
