"""Fuzz the reader: a large corpus of bad input files mixed with good articles, built as one folder.

Every class of bad input issues 20 and 22 found (and a few more) is generated in a temporary folder,
cycling through the classes with fresh random content, beside the bundled example's good articles.
Each input is first read and cleaned on its own (ingest + clean) under a catch-all that counts a
crash; then the whole folder is built as `storyline build` builds it (the parse and story stages
run only on what survives). Printed: inputs tried, skipped, crashed (must be 0), good articles kept
(must be all), bad inputs not listed as skipped (must be 0), and the time. Exit status 1 when a
target is missed.

    python benchmarks/fuzz.py --files 10000 --seed 1
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "examples" / "harbor-strike"

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_FOREIGN = [
    "Die Hafenarbeiter in Valdemar haben am Montag den fünfzehnten Tag in Folge gestreikt, sagten die "
    "Gewerkschaftsführer, während die Gespräche mit der Hafenbehörde erneut ins Stocken gerieten",
    "Les dockers du port de Valdemar ont fait grève lundi pour le quinzième jour consécutif, ont déclaré les "
    "dirigeants syndicaux, alors que les négociations étaient au point mort",
    "Los estibadores del puerto de Valdemar se mantuvieron en huelga el lunes por decimoquinto día consecutivo, "
    "dijeron los líderes sindicales, mientras las conversaciones volvían a estancarse",
]
_CJK = "瓦尔德马港的码头工人周一连续第十五天罢工，工会领导人表示，与港务局的谈判再次陷入僵局。"
_TEXT = ("Dockworkers at the port stayed off the cranes for another day on Monday, union leaders said, "
         "as talks with the port authority stalled again. ")

Maker = Callable[[Path, random.Random, int], None]


def _http_record(url: str, body: bytes, warc_length: str | None = None) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {warc_length or len(http)}\r\n\r\n"
            ).encode() + http + b"\r\n\r\n"


def _gibberish(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 9))) for _ in range(words))


def _feed(items: str, head: str = "") -> str:
    return f'<?xml version="1.0"?>{head}<rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'


def _write(folder: Path, name: str, data: bytes | str) -> None:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)


def _raw_name(folder: Path, name: bytes, data: bytes) -> None:
    try:
        with open(os.fsencode(str(folder)) + b"/" + name, "wb") as handle:
            handle.write(data)
    except OSError:  # a file system that refuses the name: an empty file instead
        (folder / f"refused-{len(name)}.txt").write_bytes(b"")


# One maker per class: (folder, rng, n) -> writes one bad input named after its class and n.
MAKERS: dict[str, Maker] = {
    "empty": lambda f, r, n: _write(f, f"empty-{n}.txt", b""),
    "blank": lambda f, r, n: _write(f, f"blank-{n}.txt", b" \n\t\n" * r.randint(1, 50)),
    "binary": lambda f, r, n: _write(f, f"binary-{n}.txt", r.randbytes(r.randint(10, 5000))),
    "high-bytes": lambda f, r, n: _write(f, f"high-{n}.txt", bytes(r.choice([32, *range(0x80, 0x100)]) for _ in range(2000))),
    "gibberish": lambda f, r, n: _write(f, f"gibberish-{n}.txt", "Title\n\n" + _gibberish(r, r.randint(20, 300)) + ".\n"),
    "short-foreign": lambda f, r, n: _write(f, f"foreign-{n}.txt", "Titel\n\n" + " ".join(r.choice(_FOREIGN).split()[: r.randint(20, 29)]) + ".\n"),
    "chinese": lambda f, r, n: _write(f, f"chinese-{n}.txt", "港口罢工\n\n" + _CJK * r.randint(1, 8) + "\n"),
    "unsupported": lambda f, r, n: _write(f, f"scan-{n}.pdf", b"%PDF-1.4 " + r.randbytes(100)),
    "json-broken": lambda f, r, n: _write(f, f"broken-{n}.json", '{"title": "x", "text": ' + _gibberish(r, 5)),
    "json-type": lambda f, r, n: _write(f, f"type-{n}.json", json.dumps([1, "two", None, [3]])),
    "json-bigint": lambda f, r, n: _write(f, f"bigint-{n}.json", '{"text": "x", "n": ' + "9" * r.randint(4301, 6000) + "}"),
    "json-deep": lambda f, r, n: _write(f, f"deep-{n}.json", "[" * 100_000 + "]" * 100_000),
    "json-surrogate-short": lambda f, r, n: _write(f, f"surrogate-{n}.json", '{"text": "x \\ud800 y", "title": "\\udc00"}'),
    "jsonl-bad-lines": lambda f, r, n: _write(f, f"lines-{n}.jsonl", "{broken\n" * r.randint(1, 200) + "[1]\n"),
    "json-dates": lambda f, r, n: _write(f, f"dates-{n}.json", json.dumps(
        {"text": _gibberish(r, 40), "published": r.choice(["yesterday", "9999999999", "2025-02-31", "2286-11-20"])})),
    "html-empty": lambda f, r, n: _write(f, f"page-{n}.html", "<html><head><script>var x = 1;</script></head><body></body></html>"),
    "html-garbage": lambda f, r, n: _write(f, f"tags-{n}.html", "".join(r.choice(["<div>", "</p>", "<a href=x>", "&amp;", "<!--", "]]>"])
                                                                             for _ in range(500))),
    "warc-absurd-length": lambda f, r, n: _write(f, f"absurd-{n}.warc", _http_record("https://x.example/b", b"<p>x</p>", "9" * 30)),
    "warc-truncated": lambda f, r, n: _write(f, f"cut-{n}.warc", _http_record("https://x.example/c", b"<p>" + _TEXT.encode() * 3)[:-60]),
    "warc-not-gzip": lambda f, r, n: _write(f, f"fake-{n}.warc.gz", b"\x1f\x8b" + r.randbytes(500)),
    "warc-no-html": lambda f, r, n: _write(f, f"nohtml-{n}.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 2\r\n\r\nok\r\n\r\n"),
    "feed-broken": lambda f, r, n: _write(f, f"broken-{n}.rss", _feed("<item><title>x</title><description>" + _gibberish(r, 5))),
    "feed-empty": lambda f, r, n: _write(f, f"empty-{n}.atom", '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>'),
    "feed-teasers": lambda f, r, n: _write(f, f"teasers-{n}.rss", _feed("".join(
        f"<item><guid>t{k}[/warc]</guid><title>T {k}</title><description>Read more.</description></item>" for k in range(r.randint(1, 300))))),
    "feed-entities": lambda f, r, n: _write(f, f"laughs-{n}.rss", _feed(
        "<item><title>&a9;</title><description>&a9;</description></item>",
        "<!DOCTYPE rss [<!ENTITY a0 \"lol\">" + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)) + "]>")),
    "markup-name": lambda f, r, n: _write(f, f"record [bold]{n}[red].txt", b""),
    "control-name": lambda f, r, n: _write(f, f"evil\x1b]0;x\x07\x1b[2J\r{n}.txt", b""),
    "utf8-invalid-name": lambda f, r, n: _raw_name(f, b"caf\xe9-%d\xff.txt" % n, b""),
    "dangling-link": lambda f, r, n: os.symlink(f"nowhere-{n}.txt", f / f"dangling-{n}.txt"),
    "symlink-loop": lambda f, r, n: os.symlink(f"loop-{n}.txt", f / f"loop-{n}.txt"),
    "device-link": lambda f, r, n: os.symlink("/dev/zero", f / f"zero-{n}.txt"),
    "fifo": lambda f, r, n: os.mkfifo(f / f"pipe-{n}.txt"),
    "too-large": lambda f, r, n: os.truncate(_touch(f / f"huge-{n}.txt"), 30_000_000),  # sparse: no disk used
}

# Heavy classes (each costs a fraction of a second): one in this many files.
HEAVY: dict[str, Maker] = {
    "warc-gzip-bomb": lambda f, r, n: _bomb(f / f"bomb-{n}.warc.gz"),
    "warc-long-line": lambda f, r, n: _write(f, f"line-{n}.warc.gz", gzip.compress(b"WARC/1.0\r\nX: " + b"a" * 12_000_000, 1)),
}
HEAVY_EVERY = 500


def _touch(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _bomb(path: Path) -> None:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        out.write(packer.compress(_http_record("https://x.example/z", b"", "300000100")[:-4]))
        block = b"\n" * (1 << 20)
        for _ in range(300):
            out.write(packer.compress(block))
        out.write(packer.flush())


def make_corpus(folder: Path, files: int, seed: int = 1) -> tuple[list[str], list[str]]:
    """``files`` bad inputs in ``folder`` (cycling through the classes) and the good articles beside
    them; the names (as the reader shows them) of the bad inputs and of the good article files."""
    from storyline.ingest import shown_path

    rng = random.Random(seed)
    bad = folder / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    classes = list(MAKERS.items())
    for n in range(files):
        if n % HEAVY_EVERY == HEAVY_EVERY - 1:
            name, make = list(HEAVY.items())[(n // HEAVY_EVERY) % len(HEAVY)]
        else:
            name, make = classes[n % len(classes)]
        sub = bad / f"{n // 1000:02d}"  # a thousand a folder
        sub.mkdir(exist_ok=True)
        make(sub, rng, n)
    good = folder / "good"
    shutil.copytree(GOOD, good)
    with os.scandir(bad) as top:
        names = [shown_path(e.path) for sub in top for e in os.scandir(sub.path)]
    return sorted(names), sorted(shown_path(p) for p in good.iterdir())


def read_each(names: list[str], folder: Path) -> tuple[Counter[str], list[tuple[str, str]]]:
    """Read and clean every bad input on its own: outcomes counted, and the inputs that raised."""
    from storyline.ingest import RawRecord, read_inputs
    from storyline.pipeline import clean_one, language_detector

    detect = language_detector()
    outcome: Counter[str] = Counter()
    crashed: list[tuple[str, str]] = []
    bad = folder / "bad"
    paths = sorted(Path(e.path) for sub in os.scandir(bad) for e in os.scandir(sub.path))
    for path in paths:
        try:
            for item in read_inputs([path]):
                if isinstance(item, RawRecord):
                    result = clean_one(item, detect)
                    if hasattr(result, "error"):
                        outcome["skipped"] += 1
                    else:
                        outcome["article"] += 1
                        outcome[f"article:{item.source_path}"] += 1
                else:
                    outcome["skipped"] += 1
        except Exception as exc:  # noqa: BLE001 - what the fuzz counts
            crashed.append((str(path), f"{type(exc).__name__}: {exc}"[:200]))
    return outcome, crashed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="bad input files to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=None, help="build into this folder and keep the corpus there")
    args = parser.parse_args(argv)

    from storyline.engines import BuildStats, build
    from storyline.settings import Settings

    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="storyline-fuzz-")) if args.keep is None else args.keep
    try:
        bad_names, good_names = make_corpus(work / "in", args.files, args.seed)
        made = time.perf_counter()
        outcome, crashed = read_each(bad_names, work / "in")
        each = time.perf_counter()
        try:
            dossier = build([work / "in"], Settings(n_process=args.processes), stats=BuildStats())
            build_error = None
        except Exception as exc:  # noqa: BLE001
            dossier, build_error = None, f"{type(exc).__name__}: {exc}"[:300]
        built = time.perf_counter()
        kept = {a.source_path for a in dossier.articles} if dossier else set()
        good_kept = sum(1 for g in good_names if any(k == g or k.startswith(g + "#") for k in kept))
        listed = {s.source_path.split("#", 1)[0] for s in dossier.skipped} if dossier else set()
        read = {k.split("#", 1)[0] for k in kept}
        silent = [n for n in bad_names if n not in listed and n not in read]
        print(f"inputs tried        {len(bad_names) + len(good_names):,} ({len(bad_names):,} bad, {len(good_names)} good files)")
        print(f"skipped             {len(dossier.skipped) if dossier else 0:,} entries in the dossier; "
              f"read one by one: {outcome['skipped']:,} skipped, {outcome['article']:,} read as articles")
        print(f"crashed             {len(crashed) + (1 if build_error else 0)}")
        for where in [k.split(":", 1)[1] for k in outcome if k.startswith("article:")][:10]:
            print(f"  bad input read as an article: {where}")
        for where, why in crashed[:10]:
            print(f"  {where}: {why}")
        if build_error:
            print(f"  the build: {build_error}")
        print(f"good articles kept  {good_kept} of {len(good_names)}")
        print(f"bad inputs unlisted {len(silent)}" + "".join(f"\n  {n}" for n in silent[:10]))
        print(f"time                {made - started:.1f} s to make, {each - made:.1f} s to read one by one, "
              f"{built - each:.1f} s to build")
        ok = not crashed and build_error is None and good_kept == len(good_names) and not silent
        return 0 if ok else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
