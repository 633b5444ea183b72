"""Atomic file writes: write to a temporary file beside the target, then rename over it; and a set
of files written as one unit (:func:`write_set`), so outputs that belong together change together.

A crash or a full disk never leaves a half-written output behind, nor a mix of two runs' outputs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (UTF-8 for text)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    return write_atomic_with(path, lambda tmp: Path(tmp).write_bytes(payload))


def write_atomic_with(path: str | Path, writer: Callable[[str], object]) -> Path:
    """Let ``writer`` fill a temporary path, then move it to ``path``; remove it on failure."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        writer(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; outputs are ordinary files
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


# --- a set of outputs as one unit ---------------------------------------------------------------
#
# out/dossier.json        -> .storyline/current/dossier.json   (one symlink per output, made once)
# out/.storyline/current  -> run-<id>                          (the one switch a run flips)
# out/.storyline/run-<id>/dossier.json, dossier.md, report.html, storyline.sqlite
#
# A run writes its files into a fresh ``run-<id>.tmp`` folder, renames it ``run-<id>`` when every
# file is complete, then points ``current`` at it with one rename: every output name changes at
# that one instant, so a kill at any moment leaves the old set or the new set, never a mix. An
# output folder written before this layout (regular files) is first moved under ``current`` as
# its own run (hard links, so the old files stay readable throughout). Where the file system has
# no symlinks the new files are renamed into place one by one (a window of a few renames).

STATE_DIR = ".storyline"
CURRENT = "current"
FOLDER_MARK = ".storyline-output"  # written into an output that is a folder: only such a folder is ever replaced


class OutputError(OSError):
    """The output folder cannot take the outputs; the message is one line naming the path."""


def check_output_folder(out_dir: str | Path, names: Iterable[str] = ()) -> None:
    """Fail early (before a long build) when ``out_dir`` cannot hold the outputs."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not a folder: pass -o a folder for the outputs")
    probe = out
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if probe.is_dir() and not os.access(probe, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write to {probe}: permission denied")
    if not probe.is_dir():
        raise OutputError(f"{probe} is a file, not a folder: pass -o a folder for the outputs")
    for name in names:
        target = out / name
        if target.is_dir() and not target.is_symlink() and not (target / FOLDER_MARK).exists():
            raise OutputError(f"{target} is a folder; storyline writes its own output of that name there")
    state = out / STATE_DIR
    if state.exists() and not (state.is_dir() and os.access(state, os.W_OK | os.X_OK)):
        raise OutputError(f"cannot write to {state}: permission denied")


def write_set(out_dir: str | Path, writers: Mapping[str, Callable[[str], object]]) -> dict[str, Path]:
    """Write each ``name`` of ``writers`` into ``out_dir`` as one unit (see above); the paths written.

    Each writer fills the temporary path it is given. If any writer fails, nothing in ``out_dir``
    changes and the error is raised. Leftovers of a killed earlier run are removed first.
    """
    out = Path(out_dir)
    check_output_folder(out, writers)
    state = out / STATE_DIR
    state.mkdir(parents=True, exist_ok=True)
    with _locked(state):
        remove_stale(out, writers)
        run = Path(tempfile.mkdtemp(prefix="run-", suffix=".tmp", dir=state))
        try:
            for name, writer in writers.items():
                path = run / name
                writer(str(path))
                if path.is_dir():
                    (path / FOLDER_MARK).write_bytes(b"")
                for written in _tree(path):  # an output may be a folder of files (report pages)
                    _make_public(written)
                    _fsync(written)
            _fsync(run)
            final = run.with_name(run.name[: -len(".tmp")])
            os.rename(run, final)
        except BaseException:
            shutil.rmtree(run, ignore_errors=True)
            raise
        try:
            _publish(out, final, list(writers))
        except _NoSymlinks:
            for name in writers:
                _replace_in(final / name, out / name)
        except BaseException:
            if _current_run(state) != final.name:
                shutil.rmtree(final, ignore_errors=True)
            raise
        _fsync(state)
        remove_stale(out, writers)
    return {name: out / name for name in writers}


def remove_stale(out_dir: str | Path, names: Iterable[str]) -> list[Path]:
    """Remove what a killed run left behind: temporary files of ``names`` beside them (and their
    SQLite journals), unfinished and superseded run folders, temporary links. The paths removed."""
    out = Path(out_dir)
    state = out / STATE_DIR
    removed: list[Path] = []
    prefixes = tuple(f".{name}." for name in names)
    for entry in out.iterdir() if out.is_dir() else ():
        if entry.name.startswith(prefixes) and _is_temp_name(entry.name):
            _remove(entry)
            removed.append(entry)
    if state.is_dir():
        keep = _current_run(state)
        for entry in state.iterdir():
            if entry.name in (CURRENT, LOCK) or entry.name == keep:
                continue
            if entry.name.startswith(("run-", f"{CURRENT}.", ".")):
                _remove(entry)
                removed.append(entry)
    return removed


LOCK = "lock"
_TEMP_SUFFIXES = (".tmp", ".tmp-journal", ".tmp-wal", ".tmp-shm")


class _NoSymlinks(Exception):
    """The file system of the output folder cannot make symlinks."""


def _tree(path: Path) -> list[Path]:
    """``path`` and, for a folder, everything in it, deepest first (so the folder is synced last)."""
    if not path.is_dir():
        return [path]
    inside = [Path(folder) / f for folder, dirs, names in os.walk(path) for f in [*names, *dirs]]
    return sorted(inside, key=lambda p: len(p.parts), reverse=True) + [path]


def _replace_in(new: Path, path: Path) -> None:
    """Move ``new`` to ``path`` (no symlinks here); a folder already there is set aside first,
    since a rename cannot replace a folder that holds files, and removed once the new one is in."""
    if new.is_dir() and path.is_dir() and not path.is_symlink():
        if not (path / FOLDER_MARK).exists():
            raise OutputError(f"{path} is a folder; storyline writes its own output of that name there")
        old = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        os.rename(path, old)
        os.rename(new, path)
        shutil.rmtree(old, ignore_errors=True)
        return
    os.replace(new, path)


def _is_temp_name(name: str) -> bool:
    return name.endswith(_TEMP_SUFFIXES)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _current_run(state: Path) -> str | None:
    try:
        return os.readlink(state / CURRENT)
    except OSError:
        return None


def _link_target(name: str) -> str:
    return f"{STATE_DIR}/{CURRENT}/{name}"


def _is_our_link(path: Path, name: str) -> bool:
    try:
        return os.readlink(path) == _link_target(name)
    except OSError:
        return False


def _publish(out: Path, final: Path, names: list[str]) -> None:
    """Point ``current`` at ``final``, first turning any output that is not yet a link into one."""
    state = out / STATE_DIR
    if not all(_is_our_link(out / name, name) for name in names):
        # The outputs now in place (regular files, or links through an older current) become a run
        # of their own, so that replacing each name by its link never changes what it shows.
        legacy = Path(tempfile.mkdtemp(prefix="run-", suffix=".tmp", dir=state))
        for name in names:
            shown = out / name
            if shown.is_file():
                _link_or_copy(shown.resolve(), legacy / name)
            elif shown.is_dir() and not shown.is_symlink() and (shown / FOLDER_MARK).exists():
                os.rename(shown, legacy / name)  # a folder output moved in without links before
        legacy = legacy.rename(legacy.with_name(legacy.name[: -len(".tmp")]))
        _point_current(state, legacy.name)
        for name in names:
            if not _is_our_link(out / name, name):
                _symlink_over(_link_target(name), out / name)
    _point_current(state, final.name)


def _point_current(state: Path, run_name: str) -> None:
    _symlink_over(run_name, state / CURRENT)


def _symlink_over(target: str, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        os.symlink(target, tmp)
    except (OSError, NotImplementedError) as exc:
        raise _NoSymlinks(str(exc)) from exc
    try:
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _make_public(path: Path) -> None:
    """mkstemp and mkdtemp make private files; outputs are ordinary files (and folders)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask)


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _locked(state: Path) -> Iterator[None]:
    """One writer at a time per output folder (so one run never takes another's files for stale)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    with open(state / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
