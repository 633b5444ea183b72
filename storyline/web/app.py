"""The web UI and JSON API over one storyline store: read-only, server-rendered, no scripts, no CDN.

Every route is a GET; every ID in a URL is looked up as a value in the store and anything not
found is a 404, so a URL can never name a file. Pages and API answer from the same queries.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..model import Story
from ..report.view import content_dating, date_range
from ..summarize.coverage import coverage
from . import queries
from .highlight import runs, segments
from .render import item_url, make_web_environment, render_sections

# Pages carry only inline CSS: no script may run and nothing may load from elsewhere.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"


SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


StoreIdentity = tuple[str, int, int]  # (real path, inode, mtime in ns): changes when a build replaces the store
PageKey = tuple[str, str, StoreIdentity]  # (URL path, raw query, store identity)


@dataclass(slots=True, frozen=True, kw_only=True)
class ServeSettings:
    """How `storyline serve` spends memory and processes (every field is a CLI option)."""

    cache_pages: int = 1024  # rendered HTML pages kept per worker process (0: no cache)
    cache_bytes: int = 64 * 1024 * 1024  # and at most this many bytes of them, per worker process
    workers: int = 1  # uvicorn worker processes, each with its own thread pool, connections and cache


def store_identity(path: Path) -> StoreIdentity:
    """What names one version of the store: a new build flips the output folder's links to a new
    run (a new inode) or rewrites the file (a new mtime), and either changes this."""
    real = os.path.realpath(path)
    st = os.stat(real)
    return real, st.st_ino, st.st_mtime_ns


class SecurityHeaders:
    """Sets :data:`SECURITY_HEADERS` on every response start. A plain ASGI middleware: Starlette's
    ``@app.middleware("http")`` runs each request through a task group and streams, which under
    load cost more than serving a cached page."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _Connections(threading.local):
    """One read-only connection per worker thread, reopened when the store file is replaced (a new
    build flips the output folder's links to a new run: the next request reads the new store)."""

    conn: sqlite3.Connection | None = None
    identity: StoreIdentity | None = None

    def get(self, path: Path) -> tuple[sqlite3.Connection, StoreIdentity]:
        identity = store_identity(path)
        if self.conn is None or identity != self.identity:
            if self.conn is not None:
                self.conn.close()
            self.conn, self.identity = queries.connect(identity[0]), identity
        return self.conn, identity


class PageCache:
    """Rendered pages, least recently used dropped first, bounded in count and bytes.

    Keyed by the store's identity as well as the address, so a page rendered from an old store is
    never served once the store changes (its entries simply age out). Routes run in a thread pool,
    so every access holds a lock.
    """

    def __init__(self, max_pages: int, max_bytes: int) -> None:
        self.max_pages, self.max_bytes = max_pages, max_bytes
        self._pages: OrderedDict[PageKey, str] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: PageKey) -> str | None:
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
            return html

    def put(self, key: PageKey, html: str) -> None:
        size = len(html)
        if self.max_pages <= 0 or size > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._pages[key] = html
            self._bytes += size
            while len(self._pages) > self.max_pages or self._bytes > self.max_bytes:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._pages)


def _db(request: Request) -> tuple[sqlite3.Connection, StoreIdentity]:
    """This thread's read-only connection and the store version it reads. Called from inside each
    (plain ``def``) route, which FastAPI runs in its thread pool: a dependency would run in a thread
    of its own, and its thread's connection would then be used from another thread."""
    connections: _Connections = request.app.state.connections
    try:
        return connections.get(request.app.state.store_path)
    except (OSError, sqlite3.Error) as exc:
        raise HTTPException(503, "The store cannot be read right now; try again in a moment") from exc


def create_app(store_path: str | Path, allowed_hosts: list[str] | None = None,
               settings: ServeSettings | None = None) -> FastAPI:
    """The app serving the store at ``store_path``; ``allowed_hosts`` limits the Host header (DNS rebinding)."""
    path = Path(store_path)
    queries.check_store(path)
    env = make_web_environment()
    app = FastAPI(
        title="storyline", summary="A cross-checked news dossier: stories, items and the spans they cite.",
        docs_url=None, redoc_url=None,  # both load their assets from a CDN; /openapi.json stays
    )
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    app.state.store_path = path
    app.state.connections = _Connections()
    settings = settings or ServeSettings()
    app.state.pages = PageCache(settings.cache_pages, settings.cache_bytes)

    def page(name: str, status: int = 200, headers: dict[str, str] | None = None, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status, headers=headers)

    app.add_middleware(SecurityHeaders)  # added last, so outermost: the Host guard's 400 carries them too

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        """A malformed query parameter is the client's error: 400, never a 500."""
        return await http_error(request, StarletteHTTPException(400, "A parameter of this address is malformed"))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        """An unexpected error: a plain 500 page, with the same headers as every other response
        (this handler runs outside the middleware above, so it sets them itself)."""
        if request.url.path.startswith("/api/"):
            response: Response = JSONResponse({"detail": "Internal error"}, status_code=500)
        else:
            response = page("error.html.j2", status=500, status_code=500, detail="Something went wrong on this page")
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """JSON errors under /api, an HTML page elsewhere."""
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        headers = dict(exc.headers) if exc.headers else None
        return page("error.html.j2", status=exc.status_code, headers=headers, status_code=exc.status_code, detail=exc.detail)

    # --- pages ----------------------------------------------------------------------------------

    async def cached(request: Request, render: Callable[[sqlite3.Connection], str]) -> HTMLResponse:
        """The page at this address, rendered once per store version and then served from the cache
        (a story page takes up to a hundred milliseconds to render; many readers ask for the same
        ones). A hit is answered on the event loop; a miss renders in the thread pool, with that
        thread's own connection, so no query or template ever holds up the loop."""
        cache: PageCache = request.app.state.pages
        try:
            identity = store_identity(request.app.state.store_path)
        except OSError as exc:
            raise HTTPException(503, "The store cannot be read right now; try again in a moment") from exc
        html = cache.get((request.url.path, request.url.query, identity))
        if html is None:
            html = await run_in_threadpool(render_and_keep, request, render)
        return HTMLResponse(html)

    def render_and_keep(request: Request, render: Callable[[sqlite3.Connection], str]) -> str:
        conn, identity = _db(request)
        html = render(conn)  # a 404 raises here, so only pages that exist are cached
        request.app.state.pages.put((request.url.path, request.url.query, identity), html)
        return html

    def html(name: str, **ctx: Any) -> str:
        return env.get_template(name).render(**ctx)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request, q: str = "", sort: StorySort = "size", page: Page = 1,
                    per: PerPage = DEFAULT_PER_PAGE) -> HTMLResponse:
        def render(conn: sqlite3.Connection) -> str:
            result = queries.search(conn, q) if q.strip() else None
            skipped = [dict(r) for r in conn.execute("SELECT source_path, error FROM skipped ORDER BY rowid")]
            listing = queries.story_page(conn, sort, page, per)
            return html("index.html.j2", listing=listing, stories=listing.stories, q=q, result=result, skipped=skipped,
                        sorts=SORT_LABELS, list_url=lambda **kw: _list_url({"q": q, "sort": sort, "page": page, "per": per}, kw))
        return await cached(request, render)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str, request: Request) -> HTMLResponse:
        def render(conn: sqlite3.Connection) -> str:
            story = _story_or_404(conn, story_id)
            labels = queries.labels(conn)
            sections = render_sections(env, story, labels, queries.story_span_ends(conn, story_id))
            arts = queries.story_articles(conn, story_id)
            return html("story.html.j2", story=story, articles=arts, sections=sections, labels=labels,
                        coverage=coverage(story), dates=date_range([a["published"] for a in arts], len(story.dating)),
                        dating=content_dating(story))
        return await cached(request, render)

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    async def entity_page(entity_id: str, request: Request) -> HTMLResponse:
        def render(conn: sqlite3.Connection) -> str:
            found = _entity_or_404(conn, entity_id)
            return html("entity.html.j2", entity_id=entity_id, found=found, labels=queries.labels(conn))
        return await cached(request, render)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    async def article_page(article_id: str, request: Request, start: str | None = None, end: str | None = None) -> HTMLResponse:
        def render(conn: sqlite3.Connection) -> str:
            art = _article_or_404(conn, article_id)
            spans = queries.article_spans(conn, article_id)
            target, note = _target(conn, art, start, end)
            segs = segments(len(art["clean_text"]), [(s.start, s.end) for s in spans], target)
            links = [item_url(s.story_id, s.kind, s.item_id) for s in spans]
            return html("article.html.j2", article=art, spans=spans, links=links, runs=runs(segs, target),
                        target=target, note=note)
        return await cached(request, render)

    # --- JSON API -------------------------------------------------------------------------------

    @app.get("/api/stories", tags=["stories"])
    def api_stories(request: Request, sort: StorySort = "size", page: Annotated[int | None, Query(ge=1)] = None,
                    per: PerPage = DEFAULT_PER_PAGE) -> list[dict[str, Any]]:
        """The stories (id, title, article count, outlets, publication range and item counts) in the
        order ``sort`` names: every one, or with ``page`` that page of ``per`` stories."""
        conn, _ = _db(request)
        if page is None:
            total = conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            return queries.story_page(conn, sort, 1, max(total, 1)).stories
        return queries.story_page(conn, sort, page, per).stories

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str, request: Request) -> dict[str, Any]:
        """One story: its articles and every item list of the dossier (summary, quotes, entities, ...)."""
        conn, _ = _db(request)
        story = _story_or_404(conn, story_id)
        data = asdict(story)
        data["articles"] = queries.story_articles(conn, story_id)
        data["coverage"] = [asdict(r) for r in coverage(story)]
        return data

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def api_entity(entity_id: str, request: Request) -> dict[str, Any]:
        """The entity in every story that has it, with all its mentions (article id, start, end, text)."""
        conn, _ = _db(request)
        found = _entity_or_404(conn, entity_id)
        return {"id": entity_id, "stories": [dict(f, entity=asdict(f["entity"])) for f in found]}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str, request: Request) -> dict[str, Any]:
        """One article: metadata, clean text and every evidence span in it with the item it belongs to."""
        conn, _ = _db(request)
        art = _article_or_404(conn, article_id)
        text = art["clean_text"]
        art["spans"] = [dict(asdict(s), text=text[s.start:s.end]) for s in queries.article_spans(conn, article_id)]
        return art

    @app.get("/api/search", tags=["search"])
    def api_search(request: Request,
                   q: Annotated[str, Query(description="An SQLite FTS5 query over article titles and text")] = "") -> dict[str, Any]:
        """Articles matching an FTS5 query; a query that cannot be parsed runs as plain words, with a message."""
        conn, _ = _db(request)
        result = queries.search(conn, q)
        return {
            "query": result.query, "ran": result.ran, "message": result.message,
            "hits": [dict(h, snippet="".join(t for t, _ in h["snippet"]), matches=[t for t, m in h["snippet"] if m]) for h in result.hits],
        }

    return app


# The story list's order and paging, as query parameters (?sort=recent&page=2&per=50): a value out of
# range is a 400, like every malformed parameter.
StorySort = Literal["size", "recent", "oldest", "title"]
SORT_LABELS = {"size": "Most articles", "recent": "Most recent", "oldest": "Oldest", "title": "Title"}
DEFAULT_PER_PAGE = 50
Page = Annotated[int, Query(ge=1, le=1_000_000)]
PerPage = Annotated[int, Query(ge=1, le=500)]


def _list_url(current: dict[str, Any], changes: dict[str, Any]) -> str:
    """The story list's address with some of its parameters changed (defaults left out)."""
    params = current | changes
    defaults = {"q": "", "sort": "size", "page": 1, "per": DEFAULT_PER_PAGE}
    kept = {k: v for k, v in params.items() if v != defaults[k]}
    return "/" + (f"?{urlencode(kept)}" if kept else "")


def _story_or_404(conn: sqlite3.Connection, story_id: str) -> Story:
    story = queries.story(conn, story_id)
    if story is None:
        raise HTTPException(404, "No story with this id")
    return story


def _article_or_404(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    art = queries.article(conn, article_id)
    if art is None:
        raise HTTPException(404, "No article with this id")
    return art


def _entity_or_404(conn: sqlite3.Connection, entity_id: str) -> list[dict[str, Any]]:
    found = queries.entity(conn, entity_id)
    if not found:
        raise HTTPException(404, "No entity with this id")
    return found


def _target(conn: sqlite3.Connection, art: dict[str, Any], start: str | None, end: str | None) -> tuple[tuple[int, int] | None, str | None]:
    """The span a link asked to mark; without an end, the sentence around start. Bad values are ignored with a note."""
    if start is None:
        return None, None
    n = len(art["clean_text"])
    try:
        s = int(start)
        e = int(end) if end not in (None, "") else None
    except ValueError:
        return None, "The link's span is not a pair of numbers, so nothing is marked."
    if not 0 <= s < n or (e is not None and not 0 < e <= n):  # checked before any query (SQLite ints are 64-bit)
        shown = f"{s}–{e}" if e is not None else f"{s}"
        if len(shown) > 40:
            shown = shown[:40] + "…"
        return None, f"The link's span {shown} lies outside this article ({n} characters), so nothing is marked."
    if e is None:
        around = queries.sentence_around(conn, art["id"], s)
        e = around[1] if around else min(n, s + 1)
    if not 0 <= s < e <= n:
        return None, f"The link's span {s}–{e} lies outside this article ({n} characters), so nothing is marked."
    return (s, e), None

