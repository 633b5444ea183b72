"""Command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, store
from .engines import BuildStats, add, build
from .model import Dossier
from .nlp import DEFAULT_MODEL, ModelNotInstalled
from .files import STATE_DIR
from .report import write_outputs
from .settings import Settings, SettingsError, load_settings, settings_from_dict, to_toml


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def cli() -> None:
    """Turn many news reports of one story into a cross-checked, cited dossier."""


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for dossier.json, dossier.md, report.html and storyline.sqlite.")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TOML file of settings (a table per stage, see storyline/settings.py); flags below win over it.")
@click.option("--model", default=None, help=f"Installed spaCy pipeline to use [default: {DEFAULT_MODEL}].")
@click.option("--processes", "n_process", type=click.IntRange(1, 64), default=None,
              help="spaCy processes for parsing [default: one per usable core, at most 4].")
@click.option("--no-language-check", is_flag=True, help="Do not skip inputs detected as non-English.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run stages in this process, or on a Dask cluster.")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Dask: worker processes of the local cluster.")
@click.option("--scheduler", default=None, help="Dask: address of a running scheduler (e.g. tcp://10.0.0.5:8786).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
@click.option("--timings", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the seconds of each phase and story stage to this JSON file.")
def build_command(inputs: tuple[Path, ...], out_dir: Path, config: Path | None, model: str | None, n_process: int | None,
                  no_language_check: bool, engine: str, workers: int, scheduler: str | None, quiet: bool,
                  timings: Path | None) -> None:
    """Build the dossier of INPUTS (files or folders of .txt, .html, .json, .jsonl, .rss/.atom, .warc).

    Unreadable inputs are skipped with a reason and listed in the report; the exit code is
    non-zero only when no article at all could be read.
    """
    console = Console(stderr=True, quiet=quiet)
    settings = _settings(config, model=model, n_process=n_process, no_language_check=no_language_check)
    stats = BuildStats()
    started = time.perf_counter()
    columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
            if engine == "dask":
                from .engines.dask import build as build_on_dask

                dossier = build_on_dask(inputs, settings, workers=workers, scheduler=scheduler, progress=progress,
                                        stats=stats)
            else:
                dossier = build(inputs, settings, progress=progress, stats=stats)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from None
    t0 = time.perf_counter()
    paths = write_outputs(dossier, out_dir)
    stats.seconds["write"] = time.perf_counter() - t0
    if timings:
        timings.write_text(json.dumps({"phases": stats.seconds, "parts": stats.parts}, indent=1) + "\n", encoding="utf-8")
    _print_summary(console, dossier, paths, time.perf_counter() - started)
    if not dossier.articles:
        sys.exit(1)


@cli.command("add")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", "store_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The storyline.sqlite of an earlier build; updated in place (atomically).")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TOML file of settings (as for build).")
@click.option("--model", default=None, help=f"Installed spaCy pipeline to use [default: {DEFAULT_MODEL}].")
@click.option("--no-language-check", is_flag=True, help="Do not skip inputs detected as non-English.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run stages in this process, or on a Dask cluster.")
@click.option("--workers", type=click.IntRange(1, 256), default=2, show_default=True,
              help="Dask: worker processes of the local cluster.")
@click.option("--scheduler", default=None, help="Dask: address of a running scheduler (e.g. tcp://10.0.0.5:8786).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary.")
def add_command(inputs: tuple[Path, ...], store_path: Path, config: Path | None, model: str | None,
                no_language_check: bool, engine: str, workers: int, scheduler: str | None, quiet: bool) -> None:
    """Add INPUTS to an existing store: each new article joins its story or opens a new one.

    Only the stories that gained articles are rebuilt; story ids stay the same. The reports next
    to the store (dossier.json, dossier.md, report.html) are rewritten.
    """
    console = Console(stderr=True, quiet=quiet)
    recorded = {k: v for k, v in store.recorded_settings(store_path).items() if k not in RUN_ONLY}
    try:
        base = settings_from_dict(recorded)
    except SettingsError as exc:
        raise click.ClickException(f"{store_path}: {exc}; pass --config to set them") from None
    settings = _settings(config, model=model, n_process=None, no_language_check=no_language_check, base=base)
    started = time.perf_counter()
    columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
            if engine == "dask":
                from .engines.dask import add as add_on_dask

                dossier, result = add_on_dask(store_path, inputs, settings, workers=workers, scheduler=scheduler,
                                              progress=progress)
            else:
                dossier, result = add(store_path, inputs, settings, progress=progress)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from None
    paths = write_outputs(dossier, *_output_folder_of(store_path))
    console.print(f"added {len(result.story_of)} article(s): {len(result.touched)} stor(ies) grew, "
                  f"{len(result.opened)} opened"
                  + (f", {len(result.merged)} merged into others ({', '.join(f'{a} -> {b}' for a, b in result.merged.items())})"
                     if result.merged else ""), highlight=False)
    _print_summary(console, dossier, paths, time.perf_counter() - started)
    if not result.story_of:
        sys.exit(1)


@cli.command("settings")
@click.option("--config", "config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Show these settings (a TOML file) over the defaults.")
def settings_command(config: Path | None) -> None:
    """Print every setting of a build as TOML: the defaults, or a config file over them.

    Save it, change what you need and pass it back with `storyline build --config FILE`.
    """
    try:
        settings = load_settings(config) if config else Settings()
    except SettingsError as exc:
        raise click.BadParameter(str(exc), param_hint="--config") from None
    click.echo(to_toml(settings), nl=False)


@cli.command("serve")
@click.argument("store_path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; keep the default unless you mean to share the store on a network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_command(store_path: Path, host: str, port: int) -> None:
    """Browse STORE_PATH (a storyline.sqlite) in a web browser, read-only."""
    from .web import serve

    try:
        serve(store_path, host=host, port=port)
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None


@cli.command("eval", context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("name")
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def eval_command(name: str, args: tuple[str, ...]) -> None:
    """Score a stage on the shared real-news sets: storyline eval NAME [ARGS].

    NAME: clustering, entities, quotes, figures, dates, cleaning, or all (the gate of make eval).
    ARGS: --data DIR, --out DIR, --reuse, --processes N, --floors FILE, --show.
    """
    from . import eval as scorers

    if name not in scorers.available():
        raise click.BadParameter(f"no scorer '{name}'; available: {', '.join(scorers.available()) or 'none'}")
    sys.exit(scorers.run(name, list(args)))


def _output_folder_of(store_path: Path) -> tuple[Path, str]:
    """The output folder a store belongs to, and its file name (a store named through its run
    folder, out/.storyline/run-*/storyline.sqlite, belongs to out)."""
    folder = store_path.parent
    if folder.parent.name == STATE_DIR:
        folder = folder.parent.parent
    return folder, store_path.name


# Settings of the machine a build ran on, not of its results: `add` takes them afresh.
RUN_ONLY = ("n_process", "batch_size")


def _settings(config: Path | None, *, model: str | None, n_process: int | None, no_language_check: bool,
              base: Settings | None = None) -> Settings:
    """The config file's settings over ``base`` (the defaults, or what a store recorded), the flags over both."""
    try:
        base = base or Settings()
        settings = load_settings(config, base) if config else base
    except SettingsError as exc:
        raise click.BadParameter(str(exc), param_hint="--config") from None
    flags: dict[str, object] = {"model": model, "n_process": n_process, "detect_language": False if no_language_check else None}
    return settings.with_overrides({k: v for k, v in flags.items() if v is not None}, "command line")


def _print_summary(console: Console, dossier: Dossier, paths: dict[str, Path], seconds: float) -> None:
    """One screen: what was read, what was skipped and why, what was found, where it went."""
    n_items: Counter[str] = Counter()
    for story in dossier.stories:
        for kind in ("entities", "quotes", "timeline", "claims", "conflicts", "copies", "cited_sources"):
            n_items[kind] += len(getattr(story, kind))
    removed = sum(len(a.removed) for a in dossier.articles)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_row("articles read", str(len(dossier.articles)))
    table.add_row("skipped", str(len(dossier.skipped)))
    table.add_row("junk lines removed", str(removed))
    table.add_row("stories", str(len(dossier.stories)))
    for kind, n in n_items.items():
        if n:
                table.add_row(kind.replace("_", " "), str(n))
    table.add_row("time", f"{seconds:.1f} s")
    console.print(table)
    for s in dossier.skipped[:10]:
        console.print(f"  [yellow]skipped[/] {s.source_path}: {s.error}", highlight=False, markup=True)
    if len(dossier.skipped) > 10:
        console.print(f"  … and {len(dossier.skipped) - 10} more (listed in the report)")
    for name, path in paths.items():
        console.print(f"  {name:<9} {path}", highlight=False)
