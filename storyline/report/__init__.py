"""Report: the dossier as JSON, Markdown and one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

from ..model import Dossier
from .html import render_html
from .json import render_json
from .markdown import render_markdown
from ..files import write_atomic

__all__ = ["render_html", "render_json", "render_markdown", "write_reports"]


def write_reports(dossier: Dossier, out_dir: str | Path) -> dict[str, Path]:
    """Write dossier.json, dossier.md and report.html into ``out_dir`` (each atomically)."""
    out = Path(out_dir)
    return {
        "json": write_atomic(out / "dossier.json", render_json(dossier)),
        "markdown": write_atomic(out / "dossier.md", render_markdown(dossier)),
        "html": write_atomic(out / "report.html", render_html(dossier)),
    }
