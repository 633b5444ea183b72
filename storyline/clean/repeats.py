"""Boilerplate seen again is boilerplate: short lines that recur across many inputs of one outlet or folder.

A page copied as text carries its site's furniture ("Skip to content", "Most Popular", "Download
our app for iOS and Android", a disclaimer): the same lines on every page of the site. Counted
once per build over the raw records, before cleaning (a counter of normalised lines, not a
comparison of pairs): a line that recurs in at least ``repeat_min_inputs`` distinct inputs of one
group (the same outlet, or the same folder) is 'repeated-boilerplate' for each of them.

Copies of one article in a folder (the same wire story saved twice, an article and its
update) share the article's paragraphs, and their shared headline is no boilerplate. So
inputs are first grouped into distinct texts: two inputs that share at least half of the
smaller one's paragraph-length lines are copies, and a line counts once per distinct text.

Only plain text is counted and marked (HTML main text is already the article).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import PurePath

from ..ingest import RawRecord
from ..settings import CleanSettings
from ..unionfind import DisjointSet
from .meta import url_host

PLAIN_FORMATS = ("txt", "json-text", "feed-text")
HAS_LETTER = re.compile(r"[^\W\d_]")


def line_key(text: str) -> str:
    """A line as the counter sees it: words only, case folded ("Most Popular:" = "most popular")."""
    return re.sub(r"\W+", " ", text).strip().casefold()


def groups_of(record: RawRecord) -> list[str]:
    """The groups a record belongs to: its folder, and its outlet when the input states it (or its URL's host)."""
    keys = ["folder:" + str(PurePath(record.source_path.split("#", 1)[0]).parent)]
    outlet = record.fields.get("outlet") or (url_host(record.fields["url"]) if record.fields.get("url") else None)
    if outlet:
        keys.append("outlet:" + outlet.casefold())
    return keys


def mark_repeats(records: list[RawRecord], settings: CleanSettings, known: Iterable[RawRecord] = ()) -> None:
    """Set each plain-text record's ``boilerplate``: the line keys that recur across its groups.

    ``known`` are records of an earlier run (a store being added to): they count, but are not marked."""
    plain = [r for r in records if r.format in PLAIN_FORMATS]
    every = plain + [r for r in known if r.format in PLAIN_FORMATS]
    if len(every) < settings.repeat_min_inputs:
        return
    lines = [_line_keys(r.content, settings) for r in every]
    text_of = _distinct_texts(lines, settings)
    seen: dict[tuple[str, str], set[int]] = defaultdict(set)  # (group, line) -> distinct texts it is in
    for i, record in enumerate(every):
        for group in groups_of(record):
            for key in lines[i][0]:
                seen[(group, key)].add(text_of[i])
    for i, record in enumerate(plain):
        groups = groups_of(record)
        record.boilerplate = frozenset(
            key for key in lines[i][0] if any(len(seen[(g, key)]) >= settings.repeat_min_inputs for g in groups)
        )


def _line_keys(content: str, settings: CleanSettings) -> tuple[set[str], set[str]]:
    """(keys of the short lines that may be boilerplate, keys of the paragraph-length lines)."""
    short: set[str] = set()
    long: set[str] = {"#" + line_key(content)}  # the same text, whatever its lines, is a copy
    for raw in content.split("\n"):
        key = line_key(raw)
        if not key or not HAS_LETTER.search(key):
            continue
        if len(key) >= settings.repeat_paragraph_chars:
            long.add(key)
        if len(raw.strip()) <= settings.repeat_max_chars:
            short.add(key)
    return short, long


def _distinct_texts(lines: list[tuple[set[str], set[str]]], settings: CleanSettings) -> list[int]:
    """For each record, the id of its distinct text: records sharing at least ``repeat_copy_share`` of
    the smaller one's paragraphs are copies of one article (union-find over the paragraphs they share)."""
    sets = DisjointSet(len(lines))

    holders: dict[str, list[int]] = defaultdict(list)
    for i, (_, long) in enumerate(lines):
        for key in long:
            holders[key].append(i)
    for i, (_, long) in enumerate(lines):
        shared: dict[int, int] = defaultdict(int)
        for key in long:
            if len(holders[key]) > settings.copy_max_holders:
                continue  # a paragraph on every page of a site is its furniture, not an article copied
            for j in holders[key]:
                if j > i:
                    shared[j] += 1
        for j, n in shared.items():
            if n >= settings.repeat_copy_share * min(len(long), len(lines[j][1])):
                sets.union(i, j)
    return [sets.find(i) for i in range(len(lines))]
