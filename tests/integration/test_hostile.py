"""Hostile records through Kafka (issue 23): one record of each class that used to stall a
worker, among 200 good articles, handled by a group of two workers.

Every good article must be enriched; every hostile one dead-lettered or enriched (an article past
the work budget is dead-lettered `too_slow`, so an enriched one stayed within it); neither worker
may be evicted from the group (its member id would change), crash its agent, fail a send or
restart. The test prints each hostile record's outcome and the slowest enriched one.
"""

from __future__ import annotations

import asyncio
import gzip
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient

from pipeline.broker.local import BrokerInfo, free_port
from pipeline.clients import common_options, producer_options, running
from pipeline.models import DeadLetter, EnrichedArticle
from pipeline.settings import Settings
from tests.integration.workers import (
    isolated_settings,
    produce,
    read,
    running_worker,
    short_articles,
)

pytestmark = pytest.mark.integration

GOOD = 200
BUDGET_S = 2.0  # below the default, so a stalling record meets it sooner
BOMB_BYTES = 64 * 1024 * 1024  # decompressed; gzip packs it into some 64 kB


def _event(**fields: object) -> bytes:
    return orjson.dumps(fields)


def _prose(words: int) -> str:
    sentence = "Officials in Lima said on Monday that talks on trade with Chile will resume soon. "
    return sentence * (words // 15)


def _sidebar_page() -> str:
    links = "".join(
        f'<li><a href="{href}">Minister visits the port of Callao on day {n}</a> - {n} hours ago'
        for n, href in enumerate(
            ["javascript:alert(1)", "java\tscript:alert(2)", " vbscript:x", "data:text/html,x"]
        )
    )
    return f"<html><body><article><p>{_prose(120)}</p></article><ul>{links}</ul></body></html>"


# The classes of issue 23's table, each scaled well past the size that stalled the old code.
HOSTILE: dict[str, Callable[[], bytes]] = {
    "empty comments before a word": lambda: _event(body="<!---->" * 50_000 + "word"),
    "lines that look like comment markers": lambda: _event(
        body="\n".join(("a" + "-" * 7) * 10 + "1" for _ in range(3_000))
    ),
    "unclosed tag openers": lambda: _event(
        body="<html><body><p>A story line.</p>" + "<b " * 70_000, content_type="text/html"
    ),
    "stray closers, then deep nesting": lambda: _event(
        body="<html><body>" + "</div>" * 60_000 + "<div>" * 60_000 + "x",
        content_type="text/html",
    ),
    "one 20,000-letter word in prose": lambda: _event(
        body="Officials said that " + "A" * 20_000 + " met the minister in Lima on Monday."
    ),
    "a 1 MB title": lambda: _event(title="Title " * 170_000, body=_prose(300)),
    "4.8 MB of prose": lambda: _event(body=_prose(800_000)[:4_800_000]),
    "script links in the sidebar": lambda: _event(body=_sidebar_page(), content_type="text/html"),
    "a page declaring charset idna": lambda: _event(
        body='<html><head><meta charset="idna"></head><body><p>' + _prose(200) + "</p></body>",
        content_type="text/html",
    ),
}


async def _send_bomb(settings: Settings, key: bytes) -> None:
    """One record whose gzip batch is small on the wire and 64 MiB once the consumer
    decompresses it: the worker must refuse it by size, not parse it."""
    options = {**producer_options(settings), "compression_type": "gzip"}
    options["max_request_size"] = BOMB_BYTES * 2  # the producer checks the uncompressed size
    value = b'{"body": "' + b"a" * BOMB_BYTES + b'"}'
    async with running(AIOKafkaProducer(**options)) as producer:
        await producer.send_and_wait(settings.topic_raw, key=key, value=value)
    assert len(gzip.compress(value[:1_000_000])) < 10_000  # it really is a bomb


async def _members(settings: Settings) -> tuple[str, set[str]]:
    """The group's state and its members' ids."""
    async with running(AIOKafkaAdminClient(**common_options(settings))) as admin:
        [response] = await admin.describe_consumer_groups([settings.app_id])
    [group] = response.groups
    return group[2], {member[0] for member in group[5]}


def _stable_members(settings: Settings, count: int, wait_s: float = 90.0) -> set[str]:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        state, members = asyncio.run(_members(settings))
        if state == "Stable" and len(members) == count:
            return members
        time.sleep(1)
    raise AssertionError(f"the group did not settle on {count} members: {state} {members}")


def _metric(port: int, name: str) -> float:
    """The sum of a counter's samples on a worker's /metrics (0 when it has none)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        text = response.read().decode()
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith(name) and not line.startswith("#")
    )


@pytest.fixture(scope="module")
def hostile_settings(
    kafka_broker: BrokerInfo, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return isolated_settings(
        kafka_broker.bootstrap_servers,
        tmp_path_factory.mktemp("hostile-home"),
        "hostile",
        article_budget_s=BUDGET_S,
        deadletter_original_max_bytes=10_000,
    )


def test_hostile_records_among_good_ones_stall_no_worker(
    hostile_settings: Settings, tmp_path: Path
) -> None:
    settings = hostile_settings
    second = settings.model_copy(update={"web_port": free_port()})
    good = short_articles("good", GOOD)
    hostile = [  # an enriched event is keyed by its article's id: give it the record's key
        (f"hostile-{n}".encode(), orjson.dumps({**orjson.loads(make()), "id": f"hostile-{n}"}))
        for n, make in enumerate(HOSTILE.values())
    ]
    kinds = {f"hostile-{n}".encode(): kind for n, kind in enumerate(HOSTILE)}
    bomb_key = b"hostile-bomb"
    kinds[bomb_key] = "a gzip batch of 64 MiB decompressed"
    # the hostile records spread among the good ones
    mixed = list(good)
    for n, record in enumerate(hostile):
        mixed.insert((n + 1) * GOOD // (len(hostile) + 1) + n, record)

    with (
        running_worker(settings, tmp_path / "a.log") as first,
        running_worker(second, tmp_path / "b.log") as other,
    ):
        warm_up = short_articles("warm", 20)
        asyncio.run(produce(settings, warm_up))
        read(settings, settings.topic_enriched, keys={k for k, _ in warm_up if k})
        members = _stable_members(settings, 2)

        asyncio.run(produce(settings, mixed[: len(mixed) // 2]))
        asyncio.run(_send_bomb(settings, bomb_key))
        asyncio.run(produce(settings, mixed[len(mixed) // 2 :]))
        enriched = read(
            settings, settings.topic_enriched, keys={k for k, _ in good if k}, wait_s=240
        )
        enriched_keys = {k for k, _ in enriched}
        letters = read(
            settings, settings.topic_deadletter, keys=set(kinds) - enriched_keys, wait_s=60
        )

        state, members_after = asyncio.run(_members(settings))
        crashes = sum(
            _metric(s.web_port, "pipeline_agent_crashes_total") for s in (settings, second)
        )
        send_errors = sum(
            _metric(s.web_port, "pipeline_send_errors_total") for s in (settings, second)
        )
        alive = first.poll() is None and other.poll() is None
    logs = {name: (tmp_path / name).read_text(errors="replace") for name in ("a.log", "b.log")}

    articles = {k: EnrichedArticle.model_validate_json(v) for k, v in enriched if k}
    reasons = {k: DeadLetter.model_validate_json(v).reason_code.value for k, v in letters if k}
    print()
    for key, kind in kinds.items():
        if key in articles:
            ms = sum(articles[key].pipeline.stage_ms.values())
            print(f"{kind:<40} enriched in {ms:.0f} ms")
        else:
            print(f"{kind:<40} dead-lettered: {reasons.get(key, 'MISSING')}")

    assert alive, {name: log[-3000:] for name, log in logs.items()}
    for name, log in logs.items():
        assert "Traceback" not in log, log[-5000:]
        assert log.count("[^Worker]: Starting...") <= 1, name  # never restarted
    assert crashes == 0
    assert send_errors == 0
    assert (state, members_after) == ("Stable", members), "a worker was evicted from the group"
    assert {k for k, _ in good} <= set(articles), "a good article was not enriched"
    for key, kind in kinds.items():
        assert key in articles or key in reasons, f"{kind}: neither enriched nor dead-lettered"
    assert reasons.get(bomb_key) == "too_large"
    links = [entry.url for article in articles.values() for entry in article.sidebar if entry.url]
    assert all(url.startswith(("http://", "https://", "/")) for url in links), links
    scripted = articles[
        next(k for k, kind in kinds.items() if kind == "script links in the sidebar")
    ]
    assert len(scripted.sidebar) == 4  # the headlines stay, without their links
