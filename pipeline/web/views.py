"""The worker's web pages: `/dashboard` with its JSON API, `/health` and `/ready`.

Registered on the faust app, so every worker serves them on its own web server; the figures
come from pipeline.web.stats and are the whole group's, whichever worker answers.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import faust
from faust.web import Request, Response, View

from pipeline.web.stats import GroupStats

# the page and its assets, served from the package (the page works with no internet)
STATIC: dict[str, str] = {
    "index.html": "text/html",
    "dashboard.js": "application/javascript",
    "dashboard.css": "text/css",
    "uPlot.iife.min.js": "application/javascript",
    "uPlot.min.css": "text/css",
    "uPlot.LICENSE": "text/plain",
}
NO_STORE = {"Cache-Control": "no-store"}


def static_file(name: str) -> bytes:
    return resources.files("pipeline.web").joinpath(name).read_bytes()


def register_dashboard(app: faust.App, stats: GroupStats | None) -> None:
    """Add the pages; the dashboard's own (and its stats task, started by pipeline.app) only
    when `stats` is given (PIPELINE_DASHBOARD_ENABLED)."""
    joined = {"yes": stats is not None}

    if stats is None:

        async def _joined(*_args: Any, **_kwargs: Any) -> None:
            joined["yes"] = True

        app.on_partitions_assigned.connect(_joined)

    @app.page("/health")
    async def health(web: View, request: Request) -> Response:
        """Live: the event loop answers."""
        return web.json({"status": "ok"}, headers=NO_STORE)

    @app.page("/ready")
    async def ready(web: View, request: Request) -> Response:
        """Ready: joined the consumer group and reached the cluster."""
        if stats is None:
            ok = joined["yes"] and not app.rebalancing
            checks: dict[str, Any] = {"joined_group": joined["yes"]}
        else:
            ok, checks = stats.ready()
        body = {"status": "ready" if ok else "not ready", **checks}
        return web.json(body, status=200 if ok else 503, headers=NO_STORE)

    if stats is None:
        return
    group_stats = stats

    @app.page("/dashboard")
    async def dashboard(web: View, request: Request) -> Response:
        return web.bytes(static_file("index.html"), content_type=STATIC["index.html"])

    @app.page("/dashboard/static/{name}")
    async def static(web: View, request: Request, name: str) -> Response:
        if name not in STATIC or name == "index.html":
            raise web.NotFound(f"no such file: {name}")
        return web.bytes(static_file(name), content_type=STATIC[name])

    @app.page("/dashboard/api/summary")
    async def summary(web: View, request: Request) -> Response:
        """Every figure the page shows, the whole group's."""
        return web.json(group_stats.summary(), headers=NO_STORE)

    @app.page("/dashboard/api/events/{partition}/{offset}")
    async def event(web: View, request: Request, partition: str, offset: str) -> Response:
        """One enriched event, read from its topic: any worker can open any article."""
        if not (is_number(partition) and is_number(offset)):
            raise web.NotFound("partition and offset are numbers")
        value = await group_stats.read_event(int(partition), int(offset))
        if value is None:
            raise web.NotFound("no such event")
        return web.bytes(value, content_type="application/json")


def is_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also takes other scripts' digits, which int() may
    refuse (a 500 instead of a 404)."""
    return text.isascii() and text.isdigit() and len(text) <= 19
