"""Load benchmark for `storyline serve` (issue 20 item 6): N concurrent clients on 127.0.0.1.

Builds (or reuses, under out/bench-serve/) a store of at least ``--articles`` real-text articles from
bench_build's corpus, starts `storyline serve` on a free loopback port in a subprocess, then runs
``--clients`` concurrent clients for ``--seconds`` over a mix of index, story, article and search
pages, and prints requests/s, p50, p99 and errors (overall and per page kind). Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ROOT, corpus_texts, write_corpus  # noqa: E402

# How often each page kind is asked for: mostly stories and articles, as a reader browses.
MIX = (("index", 2), ("story", 4), ("article", 4), ("search", 2))
SEARCH_WORDS = ("strike", "harbour", "police", "minister", "court", "election", "said", "water", "fire", "year")


def store_articles(path: Path) -> int:
    """How many articles the store at ``path`` holds (0 when there is none)."""
    if not path.is_file():
        return 0
    db = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        db.close()


def ensure_store(out: Path, n: int) -> Path:
    """The store under ``out``, built from N corpus texts unless one with at least N articles is there."""
    store = out / "dossier" / "storyline.sqlite"
    if store_articles(store) >= n:
        print(f"reusing {store} ({store_articles(store)} articles)")
        return store
    texts = n + n // 20  # a build keeps a few percent fewer articles than it reads (near-empty pages)
    corpus = out / f"corpus-{texts}"
    if not corpus.is_dir() or len(list(corpus.glob("*.txt"))) < texts:
        write_corpus(corpus_texts(texts, random.Random(13)), corpus)
    print(f"building a store from {texts} texts (cached under {out} for the next run) ...", flush=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "storyline", "build", str(corpus), "-o", str(out / "dossier"), "-q"], check=True)
    kept = store_articles(store)
    print(f"built in {time.perf_counter() - t0:.1f} s: {kept} articles")
    if kept < n:
        raise SystemExit(f"the store holds {kept} articles, fewer than the {n} asked for")
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def urls(store: Path) -> dict[str, list[str]]:
    """Addresses of each page kind, taken from the store itself."""
    db = sqlite3.connect(store.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        stories = [f"/stories/{r[0]}" for r in db.execute("SELECT id FROM stories ORDER BY position")]
        articles = [f"/articles/{r[0]}" for r in db.execute("SELECT id FROM articles ORDER BY id")]
    finally:
        db.close()
    return {"index": ["/"], "story": stories, "article": articles, "search": [f"/?q={w}" for w in SEARCH_WORDS]}


def cpu_seconds(pid: int) -> float:
    """User + system CPU of process ``pid`` and its worker processes so far (Linux /proc)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    pids = [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def wait_ready(base: str, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve exited with {proc.returncode} before answering")
        try:
            if httpx.get(base + "/api/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"serve did not answer within {timeout:.0f} s")


async def get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, url: str) -> tuple[int, dict[str, str]]:
    """One GET on a kept-alive connection: (status, headers); the body is read and dropped.

    A few lines of HTTP/1.1 rather than httpx: its pure-Python parsing costs about 6 ms of CPU per
    60 kB page, so 50 httpx clients take a whole core and measure themselves, not the server.
    """
    writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\n\r\n".encode("ascii"))
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in head[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    return status, headers


async def load(port: int, pages: dict[str, list[str]], clients: int, seconds: float, seed: int) -> list[tuple[str, float, bool]]:
    """(kind, seconds, ok) for every request the clients made before time ran out; each client keeps
    one connection open, as a browser does, and opens a new one after an error."""
    kinds = [k for k, weight in MIX for _ in range(weight) if pages[k]]
    results: list[tuple[str, float, bool]] = []
    stop = time.monotonic() + seconds
    host = f"127.0.0.1:{port}"

    async def client(i: int) -> None:
        rng = random.Random(seed + i)
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while time.monotonic() < stop:
            kind = rng.choice(kinds)
            url = rng.choice(pages[kind])
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.open_connection("127.0.0.1", port)
                status, headers = await asyncio.wait_for(get(*conn, host, url), timeout=30)
                ok = status == 200 and "content-security-policy" in headers
            except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                ok = False
                if conn is not None:
                    conn[1].close()
                conn = None
            results.append((kind, time.perf_counter() - t0, ok))
        if conn is not None:
            conn[1].close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    return results


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(results: list[tuple[str, float, bool]], seconds: float, clients: int) -> int:
    times = [t for _, t, _ in results]
    errors = sum(1 for *_, ok in results if not ok)
    print(f"{clients} clients, {seconds:.0f} s: {len(results)} requests, {len(results) / seconds:.1f} requests/s, "
          f"p50 {pct(times, 50) * 1000:.0f} ms, p99 {pct(times, 99) * 1000:.0f} ms, errors {errors}")
    for kind, _ in MIX:
        ts = [t for k, t, _ in results if k == kind]
        if ts:
            print(f"  {kind:<8} {len(ts):>6} requests  p50 {pct(ts, 50) * 1000:7.0f} ms  p99 {pct(ts, 99) * 1000:7.0f} ms")
    return errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=15.0)
    ap.add_argument("--warmup", type=float, default=5.0, help="seconds of load before measuring")
    ap.add_argument("--workers", type=int, default=1, help="passed to storyline serve --workers")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "bench-serve")
    ap.add_argument("--store", type=Path, help="serve this store instead of building one")
    args = ap.parse_args()

    store = args.store or ensure_store(args.out, args.articles)
    pages = urls(store)
    print(f"store: {store_articles(store)} articles, {len(pages['story'])} stories")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "storyline", "serve", str(store), "--port", str(port)]
    if args.workers != 1:
        cmd += ["--workers", str(args.workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(base, proc)
        if args.warmup > 0:
            asyncio.run(load(port, pages, args.clients, args.warmup, seed=1))
        server0, client0 = cpu_seconds(proc.pid), resource.getrusage(resource.RUSAGE_SELF)
        results = asyncio.run(load(port, pages, args.clients, args.seconds, seed=2))
        server_cpu, client1 = cpu_seconds(proc.pid) - server0, resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = client1.ru_utime + client1.ru_stime - client0.ru_utime - client0.ru_stime
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    errors = report(results, args.seconds, args.clients)
    print(f"CPU over the measured {args.seconds:.0f} s: server {server_cpu:.1f} s, clients {client_cpu:.1f} s "
          f"({os.cpu_count()} CPUs on this machine, shared by both)")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
