"""Web UI: browse a storyline store in a browser (``storyline serve STORE``), with a JSON API beside it.

Read-only and local by default: it binds to 127.0.0.1, opens the store with ``mode=ro``, answers
only GET, and its pages are server-rendered HTML with inline CSS, no scripts and no CDN.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from .app import create_app

__all__ = ["allowed_hosts_for", "create_app", "serve"]

LOOPBACK = ("127.0.0.1", "localhost")


def allowed_hosts_for(host: str) -> list[str] | None:
    """The Host headers to accept when bound to ``host``: on any loopback address (127.0.0.0/8,
    ::1, localhost) only names of this machine; elsewhere (a deliberate network share) any."""
    if host.lower() == "localhost":
        return ["localhost", "127.0.0.1", "[::1]"]
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)
    if not (ip.is_loopback or (mapped is not None and mapped.is_loopback)):
        return None
    literal = f"[{ip.compressed}]" if ip.version == 6 else ip.compressed
    return list(dict.fromkeys(["localhost", literal, *(["127.0.0.1"] if literal == "127.0.0.1" else [])]))


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the store with uvicorn until interrupted.

    On a loopback address the Host header must name this machine too, so a web page elsewhere
    cannot reach the store through DNS rebinding.
    """
    import uvicorn  # imported here so the rest of storyline works without the web extras

    uvicorn.run(create_app(store_path, allowed_hosts=allowed_hosts_for(host)), host=host, port=port, log_level="info")
