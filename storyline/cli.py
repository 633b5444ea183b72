"""Command line: thin commands over the library."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, store
from .engines import BuildStats, add, build
from .model import Dossier
from .nlp import DEFAULT_MODEL, ModelNotInstalled
from .files import STATE_DIR, OutputError, check_output_folder
from .ingest import discover
from .model import Skipped
from .report import OUTPUT_NAMES, write_outputs
from .settings import Settings, SettingsError, load_settings, settings_from_dict, to_toml


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def cli() -> None:
    """Turn many news reports of one story into a cross-checked, cited dossier."""


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
              help="Folder for dossier.json, dossier.md, report.html, report/ (a page per story) and storyline.sqlite.")
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
    console = _console(quiet)
    settings = _settings(config, model=model, n_process=n_process, no_language_check=no_language_check)
    _check_out(out_dir)
    to_read, left_out = _inputs_without_outputs(inputs)
    stats = BuildStats()
    started = time.perf_counter()
    columns = (TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns, console=console, transient=True, disable=quiet) as progress:
            if engine == "dask":
                from .engines.dask import build as build_on_dask

                dossier = build_on_dask(to_read, settings, workers=workers, scheduler=scheduler, progress=progress,
                                        stats=stats)
            else:
                dossier = build(to_read, settings, progress=progress, stats=stats)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from None
    _note_left_out(dossier, left_out)
    t0 = time.perf_counter()
    paths = _write(dossier, out_dir)
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
    to the store (dossier.json, dossier.md, report.html, report/) are rewritten.
    """
    console = _console(quiet)
    try:
        store.check(store_path)
    except store.StoreError as exc:
        raise click.ClickException(_plain(str(exc))) from None
    out_dir, store_name = _output_folder_of(store_path)
    _check_out(out_dir, store_name)
    to_read, left_out = _inputs_without_outputs(inputs)
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

                dossier, result = add_on_dask(store_path, to_read, settings, workers=workers, scheduler=scheduler,
                                              progress=progress)
            else:
                dossier, result = add(store_path, to_read, settings, progress=progress)
    except ModelNotInstalled as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise click.ClickException(_plain(f"{store_path}: cannot read the store ({exc})")) from None
    _note_left_out(dossier, left_out)
    paths = _write(dossier, out_dir, store_name)
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
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (uvicorn); each has its own connections and page cache.")
@click.option("--cache-pages", type=click.IntRange(0), default=1024, show_default=True,
              help="Rendered pages each worker keeps in memory (0: none); a rebuilt store is read anew.")
def serve_command(store_path: Path, host: str, port: int, workers: int, cache_pages: int) -> None:
    """Browse STORE_PATH (a storyline.sqlite) in a web browser, read-only."""
    from .web import ServeSettings, serve

    try:
        serve(store_path, host=host, port=port, settings=ServeSettings(workers=workers, cache_pages=cache_pages))
    except (FileNotFoundError, ValueError) as exc:
        raise click.ClickException(_plain(str(exc))) from None


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


def _console(quiet: bool) -> Console:
    """Messages on stderr; a line is never wrapped at the terminal's (or a pipe's 80) columns."""
    return Console(stderr=True, quiet=quiet, soft_wrap=True)


# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _plain(text: object) -> str:
    """Text from a file name or a reason as one printable line: control characters and escape
    sequences (ESC, CR, newline, ...) shown as \\x.. / \\u.... escapes, never sent to the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                        str(text))


def _shown(text: object) -> str:
    """:func:`_plain`, and Rich markup in it ("[/warc]") escaped so it prints as it is."""
    return escape(_plain(text))


def _check_out(out_dir: Path, store_name: str = OUTPUT_NAMES["store"]) -> None:
    """Refuse an output folder that cannot take the outputs before spending a build on it."""
    names = [n for k, n in OUTPUT_NAMES.items() if k != "store"] + [store_name]
    try:
        check_output_folder(out_dir, names)
    except OutputError as exc:
        raise click.ClickException(_plain(str(exc))) from None


def _write(dossier: Dossier, out_dir: Path, store_name: str = OUTPUT_NAMES["store"]) -> dict[str, Path]:
    """The outputs, or one line saying why they could not be written (the old ones stay)."""
    try:
        return write_outputs(dossier, out_dir, store_name)
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise click.ClickException(_plain(f"cannot write the outputs to {out_dir}: {why}; "
                                          "the previous outputs there are unchanged")) from None


def _is_output_folder(folder: Path) -> bool:
    return (folder / STATE_DIR).is_dir() or all((folder / OUTPUT_NAMES[k]).exists() for k in ("json", "store"))


def _output_folders_under(root: Path) -> list[Path]:
    """Storyline output folders at or under ``root`` (hidden folders aside, as the reader skips them)."""
    if not root.is_dir():
        return []
    if _is_output_folder(root):
        return [root]
    found = []
    for folder, dirs, _ in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in list(dirs):
            if _is_output_folder(Path(folder) / d):
                found.append(Path(folder) / d)
                dirs.remove(d)
    return found


def _inputs_without_outputs(inputs: tuple[Path, ...]) -> tuple[list[Path], list[Skipped]]:
    """The inputs with every storyline output folder inside them left out (so a build never reads
    its own or an earlier run's dossier back as articles), and a Skipped entry for each folder."""
    kept: list[Path] = []
    left_out: list[Skipped] = []
    for root in inputs:
        found = _output_folders_under(root)
        if not found:
            kept.append(root)
            continue
        left_out += [Skipped(str(f), "a storyline output folder, not read back as input") for f in found]
        if found == [root]:
            continue
        for item in discover([root]):  # the folder's files, as the reader would list them, minus the outputs
            if isinstance(item, Skipped):
                left_out.append(item)
            elif not any(item.is_relative_to(f) for f in found):
                kept.append(item)
    return kept, left_out


def _note_left_out(dossier: Dossier, left_out: list[Skipped]) -> None:
    """List the folders left out among the skipped inputs (once, however many runs left them out)."""
    listed = {s.source_path for s in dossier.skipped}
    dossier.skipped.extend(s for s in left_out if s.source_path not in listed)


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
        console.print(f"  [yellow]skipped[/] {_shown(s.source_path)}: {_shown(s.error)}", highlight=False, markup=True)
    if len(dossier.skipped) > 10:
        console.print(f"  … and {len(dossier.skipped) - 10} more (listed in the report)")
    for name, path in paths.items():
        console.print(f"  {name:<9} {_plain(path)}", highlight=False, markup=False)
