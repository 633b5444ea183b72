"""The bundled example story's results, item by item, against a committed golden file.

A change meant to be pure speed (or pure tidying) must leave every story item as it was. When a
change is meant to alter results, regenerate the golden file, read its diff and commit both:

    .venv/bin/python -m tests.test_dossier_stable

(the example story is project-written text, so its stories can be committed).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline.model import Dossier, dossier_to_dict

GOLDEN = Path(__file__).resolve().parent / "resources" / "example-dossier-stories.json"


def stories_of(dossier: Dossier) -> list[dict[str, Any]]:
    """The dossier's stories exactly as dossier.json writes them."""
    return json.loads(json.dumps(dossier_to_dict(dossier)["stories"], ensure_ascii=False))


def _golden() -> list[dict[str, Any]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_example_stories_match_the_golden_file(example_dossier):
    got, want = stories_of(example_dossier), _golden()
    assert [s["id"] for s in got] == [s["id"] for s in want]
    for story, golden in zip(got, want, strict=True):
        for field in dict.fromkeys([*golden, *story]):
            assert story.get(field) == golden.get(field), f"story {story['id']}: {field} changed"


def write_golden() -> None:
    """Build the example story and write its stories to the golden file."""
    from storyline.engines import build
    from tests.conftest import EXAMPLE

    GOLDEN.write_text(json.dumps(stories_of(build([EXAMPLE])), ensure_ascii=False, indent=1) + "\n",
                      encoding="utf-8")


if __name__ == "__main__":
    write_golden()
    print(f"wrote {GOLDEN}")
