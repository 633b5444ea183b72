"""The shared real-news sets with gold answers (``../shared/eval``) and their builds.

Each set is built once, exactly as ``storyline build`` builds a user's folder (same engine, same
stages, reports written beside the dossier so the misses can be read), and every stage is scored
from that one dossier. Gold offsets are into the input files; :func:`clean_span` maps them into
an article's clean text through its offset map, so a gold span that cleaning removed is a miss.
"""

from __future__ import annotations

import bisect
import csv
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Article, Dossier, Story, dossier_from_dict

ROOT = Path(__file__).resolve().parents[2]
DATA_ENV = "STORYLINE_EVAL_DATA"
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
DEFAULT_OUT = ROOT / "out" / "eval"

# set name -> the gold file listing its inputs
SET_GOLD = {"ecbplus-dev": "gold.tsv", "esc-dev": "gold.json", "scraped-dev": "gold.json"}


class EvalDataMissing(RuntimeError):
    """The shared evaluation data is not where it was looked for."""


def data_dir(given: str | Path | None = None) -> Path:
    """The folder holding the sets: ``given``, else $STORYLINE_EVAL_DATA, else ../shared/eval beside the repo."""
    path = Path(given or os.environ.get(DATA_ENV) or DEFAULT_DATA)
    if not (path / "ecbplus-dev").is_dir():
        raise EvalDataMissing(f"no evaluation sets in {path} (give --data DIR or set {DATA_ENV})")
    return path


def set_inputs(data: Path, name: str) -> list[Path]:
    """The article files of a set, as its gold lists them (never the gold files themselves)."""
    folder = data / name
    gold = folder / SET_GOLD[name]
    if gold.suffix == ".tsv":
        with gold.open(encoding="utf-8", newline="") as f:
            files = [row["file"] for row in csv.DictReader(f, delimiter="\t")]
    else:
        files = list(json.loads(gold.read_text(encoding="utf-8")))
    return [folder / f for f in sorted(set(files))]


def file_name(article: Article) -> str:
    """The input file's name (a JSONL record's file without its #L suffix)."""
    return Path(article.source_path.split("#", 1)[0]).name


@dataclass(slots=True)
class BuiltSet:
    """One set's dossier, with what the scorers look up in it."""

    name: str
    folder: Path  # the set's gold folder
    dossier: Dossier
    seconds: float = 0.0
    docs: dict[str, Doc] = field(default_factory=dict)  # parses kept from the build, else parsed on demand
    _by_file: dict[str, Article] = field(default_factory=dict)

    @property
    def by_file(self) -> dict[str, Article]:
        """Input file name -> its article (built once: every scorer looks gold files up here)."""
        if not self._by_file:
            self._by_file.update({file_name(a): a for a in self.dossier.articles})
        return self._by_file

    def parsed(self, nlp: Callable[[], Language]) -> dict[str, Doc]:
        """A Doc per article: the build's, or parsed now from the clean text (a reused dossier)."""
        missing = [a for a in self.dossier.articles if a.id not in self.docs]
        if missing:
            from ..nlp import parse

            self.docs.update({a.id: doc for a, doc in parse(missing, nlp())})
        return self.docs

    def gold(self, name: str) -> object:
        """A gold file of this set (or of a gold set over its files: ``../quotes-dev/gold.json``)."""
        return json.loads((self.folder / name).read_text(encoding="utf-8"))


def build_set(name: str, data: Path, out: Path, *, nlp: Callable[[], Language], processes: int = 1, reuse: bool = False,
              keep_docs: bool = False, progress: object | None = None) -> BuiltSet:
    """Build a set into ``out/NAME`` (dossier.json, dossier.md, report.html, storyline.sqlite).

    With ``reuse`` an existing ``out/NAME/dossier.json`` is loaded instead of building again.
    ``keep_docs`` keeps the build's parses for scorers whose baselines read the parse."""
    from .. import store
    from ..engines import build
    from ..pipeline import default_stages
    from ..report import write_reports
    from ..settings import Settings

    target = out / name
    saved = target / "dossier.json"
    if reuse and saved.exists():
        dossier = dossier_from_dict(json.loads(saved.read_text(encoding="utf-8")))
        return BuiltSet(name, data / name, dossier)
    docs: dict[str, Doc] = {}

    def keep(story: Story, _articles: dict[str, Article], story_docs: dict[str, Doc]) -> None:
        docs.update({a: story_docs[a] for a in story.article_ids if a in story_docs})

    settings = Settings(n_process=processes)
    stages = default_stages(settings) + ([keep] if keep_docs else [])
    t0 = time.perf_counter()
    dossier = build(set_inputs(data, name), settings, nlp=nlp(), story_stages=stages,
                    progress=progress)  # type: ignore[arg-type]
    seconds = time.perf_counter() - t0
    write_reports(dossier, target)
    store.save(dossier, target / "storyline.sqlite")
    return BuiltSet(name, data / name, dossier, seconds, docs)


# --- gold offsets into clean text -------------------------------------------------------------


def clean_span(article: Article, raw_start: int, raw_end: int) -> tuple[int, int] | None:
    """The clean-text span of raw ``[raw_start, raw_end)``, or None when cleaning removed its start or end."""
    start, end = _clean_offset(article, raw_start), _clean_offset(article, raw_end - 1)
    if start is None or end is None:
        return None
    return start, end + 1


def _clean_offset(article: Article, raw: int) -> int | None:
    segments = article.offset_map.segments
    if not segments:
        return raw if raw < len(article.clean_text) else None
    raw_starts = _raw_starts(article)
    i = bisect.bisect_right(raw_starts, raw) - 1
    if i < 0:
        return None
    seg = segments[i]
    delta = raw - seg.raw_start
    if delta >= seg.raw_len:
        return None  # in a stretch cleaning removed
    return seg.clean_start + (delta if seg.clean_len == seg.raw_len else 0)


def _raw_starts(article: Article) -> list[int]:
    """Raw start of each offset-map segment, in raw order (segments are laid out in raw order)."""
    return [s.raw_start for s in article.offset_map.segments]


def fold(text: str) -> str:
    """Whitespace folded to single spaces, for comparing snippets with clean text."""
    return " ".join(text.split())
