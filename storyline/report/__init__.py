"""Report: the dossier as JSON, Markdown and self-contained HTML (report.html, and report/ of story pages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import store
from ..files import write_atomic, write_set
from ..model import Dossier
from .html import PAGES_DIR, render_html, render_pages
from .json import render_json
from .markdown import render_markdown

__all__ = ["OUTPUT_NAMES", "render_html", "render_json", "render_markdown", "render_pages", "write_outputs",
           "write_reports"]

OUTPUT_NAMES = {"json": "dossier.json", "markdown": "dossier.md", "html": "report.html", "pages": PAGES_DIR,
                "store": "storyline.sqlite"}


def write_outputs(dossier: Dossier, out_dir: str | Path, store_name: str = OUTPUT_NAMES["store"]) -> dict[str, Path]:
    """Write all outputs into ``out_dir`` as one unit: after a crash or a kill at any moment the
    folder shows the previous run's files or this run's, never a mix (``files.write_set``). The
    story pages are one output, a folder: a run never leaves an older run's pages beside its own."""
    texts = {"json": render_json(dossier), "markdown": render_markdown(dossier), "html": render_html(dossier)}
    writers = {OUTPUT_NAMES[k]: _text_writer(t) for k, t in texts.items()}
    writers[PAGES_DIR] = _pages_writer(render_pages(dossier))
    writers[store_name] = lambda tmp: store.write(dossier, tmp)
    paths = write_set(out_dir, writers)
    return {key: paths[OUTPUT_NAMES[key]] for key in [*texts, "pages"]} | {"store": paths[store_name]}


def _text_writer(text: str) -> Callable[[str], object]:
    data = text.encode("utf-8")
    return lambda tmp: Path(tmp).write_bytes(data)


def _pages_writer(pages: dict[str, str]) -> Callable[[str], object]:
    def write(tmp: str) -> None:
        folder = Path(tmp)
        folder.mkdir()
        for name, text in pages.items():
            (folder / name).write_bytes(text.encode("utf-8"))
    return write


def write_reports(dossier: Dossier, out_dir: str | Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md, report.html and report/ into ``out_dir`` (each file
    atomically; story pages no longer in the dossier are removed)."""
    out = Path(out_dir)
    pages = render_pages(dossier)
    folder = out / PAGES_DIR
    for old in folder.glob("*.html") if folder.is_dir() else ():
        if old.name not in pages:
            old.unlink()
    for name, text in pages.items():
        write_atomic(folder / name, text)
    return {
        "json": write_atomic(out / "dossier.json", render_json(dossier)),
        "markdown": write_atomic(out / "dossier.md", render_markdown(dossier)),
        "html": write_atomic(out / "report.html", render_html(dossier)),
        "pages": folder,
    }
