"""Web UI: browse a storyline store in a browser (``storyline serve STORE``), with a JSON API beside it.

Read-only and local by default: it binds to 127.0.0.1, opens the store with ``mode=ro``, answers
only GET, and its pages are server-rendered HTML with inline CSS, no scripts and no CDN.
"""

from __future__ import annotations

from pathlib import Path

from .app import create_app

__all__ = ["create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost")


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store with uvicorn until interrupted.

    On a loopback address the Host header must name this machine too, so a web page elsewhere
    cannot reach the store through DNS rebinding.
    """
    import uvicorn  # imported here so the rest of storyline works without the web extras

    allowed = list(LOOPBACK) if host in LOOPBACK else None
    uvicorn.run(create_app(store_path, allowed_hosts=allowed), host=host, port=port, log_level="info")
