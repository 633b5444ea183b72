"""Stores the web tests serve: the example story (built once per module) and a hand-made hostile one;
the headless Chromium the browser tests drive (Debian's /usr/bin/chromium, never a download)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from storyline import store
from storyline.engines import build
from storyline.model import (
    Article, Dossier, Entity, Evidence, Mention, Quote, Skipped, Story, SummarySentence,
)
from tests.conftest import EXAMPLE

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE_TEXT = (
    f"Harbour board {SCRIPT} meets again.\n\n"
    f"The chair said {IMG} that the north quay will reopen, and \"nothing <b>bold</b> & nothing hidden\" will change.\n"
)


@dataclass
class Built:
    """A saved store with the dossier it was saved from."""

    path: Path
    dossier: Dossier



@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()

@pytest.fixture(scope="module")
def example(nlp, tmp_path_factory) -> Built:
    d = build([EXAMPLE], nlp=nlp)
    return Built(store.save(d, tmp_path_factory.mktemp("web") / "s.sqlite"), d)


def hostile_dossier() -> Dossier:
    """An article whose text, title and outlet carry markup, and items that cite it."""
    text = HOSTILE_TEXT
    art = Article(
        id="evil01", source_path="in/<script>alert(5)</script>.txt", raw_text=text, clean_text=text,
        title=f"Board {SCRIPT}", title_source="meta", outlet=f"<b>Evil</b> {IMG}", outlet_source="meta",
        sentences=[(0, text.index("\n")), (text.index("The chair"), len(text) - 1)],
    )
    s, e = text.index(SCRIPT), text.index(SCRIPT) + len(SCRIPT)
    qs = text.index("nothing <b>")
    qe = text.index('" will change')
    img_s = text.index(IMG)
    entity = Entity(
        id="e-evil", name=f"Chair {IMG}", type="PERSON", aliases=[SCRIPT], roles=[f"role {SCRIPT}"],
        mentions=[Mention(art.id, s, e, SCRIPT), Mention(art.id, img_s, img_s + len(IMG), IMG)], articles=1,
    )
    quote = Quote(
        id="q-evil", text=text[qs:qe], kind="direct", speaker_entity_id="e-evil", speaker_text=f"The chair {SCRIPT}",
        article_id=art.id, start=qs, end=qe, speaker_span=art.evidence(text.index("The chair"), text.index("The chair") + 9),
    )
    summary = SummarySentence(text=text[s:e], evidence=[Evidence(art.id, s, e, text[s:e])], outlets=[art.outlet or ""])
    story = Story(id="s-evil", title=f"Story {SCRIPT} {IMG}", article_ids=[art.id], entities=[entity], quotes=[quote], summary=[summary])
    return Dossier(articles=[art], skipped=[Skipped(f"bad/{SCRIPT}.txt", f"unreadable {IMG}")], stories=[story])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Built:
    d = hostile_dossier()
    return Built(store.save(d, tmp_path_factory.mktemp("web-hostile") / "h.sqlite"), d)
