"""The worker's web pages: `/dashboard` with its JSON API, `/health` and `/ready`.

Registered on the faust app, so every worker serves them on its own web server; the figures
come from pipeline.agents.stats and are the whole group's, whichever worker answers.
"""

from __future__ import annotations

import asyncio
from importlib import resources
from typing import Any

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.web import Request, Response, View

from pipeline.app import PipelineTopics
from pipeline.clients import consumer_options
from pipeline.settings import Settings

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
EVENT_FETCH_TIMEOUT_S = 10.0


def static_file(name: str) -> bytes:
    return resources.files("pipeline.web").joinpath(name).read_bytes()


def register_dashboard(app: faust.App, topics: PipelineTopics, settings: Settings) -> None:
    """Add the pages and, when the dashboard is enabled, the stats loops that feed them."""
    stats = None
    if settings.dashboard_enabled:
        from pipeline.agents.stats import GroupStats

        stats = GroupStats(app, topics, settings)
        app.on_partitions_assigned.connect(stats.on_partitions_assigned)
        app.task(stats.run)
    joined = {"yes": stats is not None}

    if stats is None:

        async def _joined(*_args: Any, **_kwargs: Any) -> None:
            joined["yes"] = True

        joined["yes"] = False
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
        if not (partition.isdigit() and offset.isdigit()):
            raise web.NotFound("partition and offset are numbers")
        value = await read_event(settings, int(partition), int(offset))
        if value is None:
            raise web.NotFound("no such event")
        return web.bytes(value, content_type="application/json")


async def read_event(settings: Settings, partition: int, offset: int) -> bytes | None:
    """The value at `offset` of a partition of articles.enriched, or None."""
    options = consumer_options(settings)
    consumer = AIOKafkaConsumer(group_id=None, enable_auto_commit=False, **options)
    await consumer.start()
    try:
        tp = TopicPartition(settings.topic_enriched, partition)
        consumer.assign([tp])
        consumer.seek(tp, offset)
        record = await asyncio.wait_for(consumer.getone(tp), EVENT_FETCH_TIMEOUT_S)
        value: bytes | None = record.value if record.offset == offset else None
        return value
    except (TimeoutError, ValueError, AssertionError):
        return None
    finally:
        await consumer.stop()
