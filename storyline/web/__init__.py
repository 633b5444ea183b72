"""Web UI: browse a storyline store in a browser (``storyline serve STORE``), with a JSON API beside it.

Read-only and local by default: it binds to 127.0.0.1, opens the store with ``mode=ro``, answers
only GET, and its pages are server-rendered HTML with inline CSS, no scripts and no CDN.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import asdict
from pathlib import Path

from fastapi import FastAPI

from . import queries
from .app import ServeSettings, create_app

__all__ = ["SERVE_ENV", "ServeSettings", "allowed_hosts_for", "app_from_environment", "create_app", "serve"]

# With several workers uvicorn imports the app in each worker process: what to serve reaches them here.
SERVE_ENV = "STORYLINE_SERVE"

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


def serve(store_path: str | Path, host: str = "127.0.0.1", port: int = 8000,
          settings: ServeSettings | None = None) -> None:
    """Serve the store with uvicorn until interrupted, in ``settings.workers`` processes.

    On a loopback address the Host header must name this machine too, so a web page elsewhere
    cannot reach the store through DNS rebinding.
    """
    import uvicorn  # imported here so the rest of storyline works without the web extras

    settings = settings or ServeSettings()
    hosts = allowed_hosts_for(host)
    if settings.workers <= 1:
        uvicorn.run(create_app(store_path, allowed_hosts=hosts, settings=settings), host=host, port=port, log_level="info")
        return
    queries.check_store(store_path)  # a bad store fails here, once, not in every worker
    os.environ[SERVE_ENV] = json.dumps({"store": str(Path(store_path).resolve()), "hosts": hosts, "settings": asdict(settings)})
    uvicorn.run("storyline.web:app_from_environment", factory=True, workers=settings.workers,
                host=host, port=port, log_level="info")


def app_from_environment() -> FastAPI:
    """The app a uvicorn worker process serves, as :func:`serve` described it in ``STORYLINE_SERVE``."""
    spec = json.loads(os.environ[SERVE_ENV])
    return create_app(spec["store"], allowed_hosts=spec["hosts"], settings=ServeSettings(**spec["settings"]))
