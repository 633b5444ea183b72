"""Score the timeline against gold: event recall, date accuracy at the stated precision, status.

    storyline eval timeline [GOLD.json INPUT...]

Without arguments it builds the bundled example story (entities and quotes first, when those
stages are registered) and scores it against examples/gold/harbor-strike/timeline.json.

A gold event is found when one predicted entry cites at least one of its files and its
date_text holds one of the gold's date words ("on Friday", "A day later"); among several, the
entry citing most gold files wins. Then, for found events:
- date accuracy: the entry's date and precision both equal the gold's (exact at that precision);
- status accuracy: same status;
- outlet recall: share of the gold's files the entry cites; planned_in recall likewise.
Entries that match no gold event are counted as extra (the gold lists the story's main events,
so extras are not all wrong).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ._stages import example_gold, gold_and_inputs
from ...model import Article, Story, TimelineEntry

DEFAULT_GOLD = example_gold("timeline.json")


@dataclass(slots=True)
class Match:
    gold: dict
    entry: TimelineEntry | None
    files: set[str]  # gold files the entry cites
    planned: set[str]  # gold planned_in files the entry lists as planned


def file_names(articles: list[Article]) -> dict[str, str]:
    """Article id -> the input file's name (a JSONL record's file without its #L suffix)."""
    return {a.id: Path(a.source_path.split("#")[0]).name for a in articles}


def match_gold(gold: list[dict], entries: list[TimelineEntry], names: dict[str, str]) -> list[Match]:
    """The best entry for each gold event (None when no entry qualifies)."""
    out = []
    for g in gold:
        want = set(g["files"])
        words = [w.lower() for w in g.get("date_text", [])]
        best, best_key = None, (0, 0)
        for e in entries:
            cited = {names.get(ev.article_id, "") for ev in e.evidence} & want
            said = e.date_text.lower()
            hits = sum(1 for w in words if w in said)
            if not cited or not hits:
                continue
            key = (len(cited), hits)
            if key > best_key:
                best, best_key = e, key
        files = {names.get(ev.article_id, "") for ev in best.evidence} & want if best else set()
        planned = {names.get(ev.article_id, "") for ev in best.planned_in} & set(g["planned_in"]) if best else set()
        out.append(Match(g, best, files, planned))
    return out


def score(matches: list[Match], entries: list[TimelineEntry]) -> dict[str, float]:
    found = [m for m in matches if m.entry]
    n = len(matches)
    date_ok = sum(1 for m in found if m.entry is not None and m.entry.date == m.gold["date"]
                  and m.entry.precision == m.gold["precision"])
    status_ok = sum(1 for m in found if m.entry is not None and m.entry.status == m.gold["status"])
    outlets = sum(len(m.files) / len(m.gold["files"]) for m in found)
    with_plans = [m for m in found if m.gold["planned_in"]]
    planned = sum(len(m.planned) / len(m.gold["planned_in"]) for m in with_plans)
    used = {id(m.entry) for m in found}
    return {
        "events": n,
        "event_recall": len(found) / n if n else 0.0,
        "date_accuracy": date_ok / len(found) if found else 0.0,
        "status_accuracy": status_ok / len(found) if found else 0.0,
        "outlet_recall": outlets / len(found) if found else 0.0,
        "planned_in_recall": planned / len(with_plans) if with_plans else 1.0,
        "extra_entries": float(sum(1 for e in entries if id(e) not in used)),
    }


def report(matches: list[Match], scores: dict[str, float]) -> str:
    lines = []
    for m in matches:
        g, e = m.gold, m.entry
        if e is None:
            lines.append(f"  MISSED   {g['date']:>10} {g['precision']:<13} {g['status']:<9} {g['event']}")
            continue
        ok = "ok " if e.date == g["date"] and e.precision == g["precision"] else "BAD"
        st = "ok " if e.status == g["status"] else "BAD"
        lines.append(f"  date {ok} {str(e.date):>10} {e.precision:<13} status {st} {e.status:<9} "
                     f"outlets {len(m.files)}/{len(g['files'])}  {g['event']}")
    lines.append(
        f"timeline: {int(scores['events'])} gold events | event recall {scores['event_recall']:.2f} | "
        f"date accuracy {scores['date_accuracy']:.2f} | status accuracy {scores['status_accuracy']:.2f} | "
        f"outlet recall {scores['outlet_recall']:.2f} | planned_in recall {scores['planned_in_recall']:.2f} | "
        f"extra entries {int(scores['extra_entries'])}")
    return "\n".join(lines)


def build_story(inputs: list[str]) -> tuple[Story, list[Article]]:
    """Build the inputs with the stages the timeline reads (entities, quotes) and the timeline."""
    from ...engines import build
    from ...nlp import load_pipeline
    from ...pipeline import default_stages
    from ...timeline import run as run_timeline

    before = [s for s in default_stages() if s.__module__.split(".")[1] in ("entities", "quotes")]
    dossier = build(inputs, nlp=load_pipeline(), story_stages=before + [run_timeline])
    return dossier.stories[0], dossier.articles


def main(argv: list[str]) -> int:
    gold_path, inputs = gold_and_inputs(argv, DEFAULT_GOLD.name)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    story, articles = build_story(inputs)
    matches = match_gold(gold, story.timeline, file_names(articles))
    print(report(matches, score(matches, story.timeline)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
