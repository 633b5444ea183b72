"""Report: the dossier as JSON, Markdown and one self-contained HTML file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import store
from ..files import write_atomic, write_set
from ..model import Dossier
from .html import render_html
from .json import render_json
from .markdown import render_markdown

__all__ = ["OUTPUT_NAMES", "render_html", "render_json", "render_markdown", "write_outputs", "write_reports"]

OUTPUT_NAMES = {"json": "dossier.json", "markdown": "dossier.md", "html": "report.html", "store": "storyline.sqlite"}


def write_outputs(dossier: Dossier, out_dir: str | Path, store_name: str = OUTPUT_NAMES["store"]) -> dict[str, Path]:
    """Write all four outputs into ``out_dir`` as one unit: after a crash or a kill at any moment the
    folder shows the previous run's four files or this run's four, never a mix (``files.write_set``)."""
    texts = {"json": render_json(dossier), "markdown": render_markdown(dossier), "html": render_html(dossier)}
    writers = {OUTPUT_NAMES[k]: _text_writer(t) for k, t in texts.items()}
    writers[store_name] = lambda tmp: store.write(dossier, tmp)
    paths = write_set(out_dir, writers)
    return {key: paths[OUTPUT_NAMES[key]] for key in texts} | {"store": paths[store_name]}


def _text_writer(text: str) -> Callable[[str], object]:
    data = text.encode("utf-8")
    return lambda tmp: Path(tmp).write_bytes(data)


def write_reports(dossier: Dossier, out_dir: str | Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and report.html into ``out_dir`` (each atomically)."""
    out = Path(out_dir)
    return {
        "json": write_atomic(out / "dossier.json", render_json(dossier)),
        "markdown": write_atomic(out / "dossier.md", render_markdown(dossier)),
        "html": write_atomic(out / "report.html", render_html(dossier)),
    }
