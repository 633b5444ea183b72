"""Compare the stories of two dossier.json files: per story and per item list, what differs.

A speed-up must not change results: build before and after, then

    python benchmarks/compare_dossiers.py /tmp/perf-before/example/dossier.json out/example/dossier.json

Stories are matched by id (ids are content hashes, so equal results have equal ids). For each
story field that is a list of items (entities, quotes, timeline, ...) it prints how many items
only one side has, with the first few, or that the same items come in another order. Exits 1
if anything differs, 0 if the stories are identical.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

SHOWN = 3  # items printed per side and list
SHOWN_CHARS = 300  # characters of one item's JSON printed


def load_stories(path: Path) -> dict[str, dict[str, Any]]:
    """The dossier's stories by id (a bare list of stories, as in the golden file, works too)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stories = data["stories"] if isinstance(data, dict) else data
    return {s["id"]: s for s in stories}


def _key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _short(item: Any) -> str:
    text = _key(item)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "..."


def compare_field(name: str, a: Any, b: Any) -> list[str]:
    """Lines describing how one field of a story differs (none when equal)."""
    if a == b:
        return []
    if not (isinstance(a, list) and isinstance(b, list)):
        return [f"  {name}: {_short(a)} != {_short(b)}"]
    ca, cb = Counter(map(_key, a)), Counter(map(_key, b))
    if ca == cb:
        return [f"  {name}: same {len(a)} items in another order"]
    only_a, only_b = ca - cb, cb - ca
    lines = [f"  {name}: {len(a)} vs {len(b)} items; {sum(only_a.values())} only in first, "
             f"{sum(only_b.values())} only in second"]
    for side, only in (("-", only_a), ("+", only_b)):
        for key in list(only)[:SHOWN]:
            lines.append(f"    {side} {_short(json.loads(key))}")
    return lines


def compare_stories(a: dict[str, dict[str, Any]], b: dict[str, dict[str, Any]]) -> list[str]:
    """Every difference between two sets of stories, as printable lines."""
    lines: list[str] = []
    for sid in sorted(a.keys() - b.keys()):
        lines.append(f"story {sid} ({a[sid].get('title')!r}) only in first")
    for sid in sorted(b.keys() - a.keys()):
        lines.append(f"story {sid} ({b[sid].get('title')!r}) only in second")
    if list(a) != list(b) and a.keys() == b.keys():
        lines.append("stories in another order")
    for sid in [s for s in a if s in b]:
        fields = list(dict.fromkeys([*a[sid], *b[sid]]))
        diff = [line for f in fields for line in compare_field(f, a[sid].get(f), b[sid].get(f))]
        if diff:
            lines.append(f"story {sid} ({a[sid].get('title')!r}):")
            lines.extend(diff)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path, help="dossier.json (or a golden stories file)")
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    a, b = load_stories(args.first), load_stories(args.second)
    lines = compare_stories(a, b)
    if lines:
        print("\n".join(lines))
        sys.exit(1)
    print(f"{len(a)} stories identical")


if __name__ == "__main__":
    main()
