"""Agents end to end: a real worker process, a real broker, real articles.

One worker serves the whole module (starting one loads spaCy and joins a group, ~10 s);
the topics and the group are this module's own.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import shutil
import subprocess
import urllib.request
from collections.abc import Iterator

import orjson
import pytest
from jsonschema import Draft202012Validator

from pipeline.broker.local import BrokerInfo
from pipeline.models import DeadLetter, EnrichedArticle, SidebarItem
from pipeline.schemas import schema_file_name
from pipeline.settings import Settings
from tests.conftest import REPO, SEED
from tests.integration.workers import isolated_settings, produce, read, running_worker

pytestmark = pytest.mark.integration

SEED_HEADLINES = 12


@pytest.fixture(scope="module")
def pipeline_settings(
    kafka_broker: BrokerInfo, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return isolated_settings(
        kafka_broker.bootstrap_servers, tmp_path_factory.mktemp("home"), "agents"
    )


@pytest.fixture(scope="module")
def worker(
    pipeline_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[subprocess.Popen[bytes]]:
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with running_worker(pipeline_settings, log) as process:
        yield process
    print(log.read_text(errors="replace")[-5000:])  # shown by pytest when a test failed


def _schema(event: str) -> Draft202012Validator:
    schema = json.loads((REPO / "schemas" / schema_file_name(event)).read_text())
    return Draft202012Validator(schema)


def _seed_event() -> bytes:
    return orjson.dumps({"id": "seed-1", "body": SEED.read_text(), "source": "seed"})


def test_seed_is_enriched_with_its_sidebar(
    pipeline_settings: Settings, worker: subprocess.Popen[bytes]
) -> None:
    asyncio.run(produce(pipeline_settings, [(b"seed-1", _seed_event())]))

    enriched = read(pipeline_settings, pipeline_settings.topic_enriched, until=1)
    assert len(enriched) == 1
    key, value = enriched[0]
    assert key == b"seed-1"
    article = EnrichedArticle.model_validate_json(value)
    assert article.id == "seed-1"
    assert article.story.text.startswith("Islamabad: Pakistan on Thursday")
    assert {"PK", "US"} <= {c.code for c in article.countries if c.focus}
    _schema("EnrichedArticle").validate(orjson.loads(value))
    # contract 1.1: the metadata stage ran on the worker; the seed's dateline, nothing made up
    assert article.schema_version == "1.1"
    assert article.metadata is not None
    assert (article.metadata.dateline, article.metadata.dateline_country) == ("Islamabad", "PK")
    assert article.metadata.authors == []
    assert article.metadata.published_date is None
    assert "metadata" in article.pipeline.stage_ms

    sidebar = read(pipeline_settings, pipeline_settings.topic_sidebar, until=SEED_HEADLINES)
    assert len(sidebar) == SEED_HEADLINES
    assert {key for key, _ in sidebar} == {b"seed-1"}  # keyed by article: one partition, in order
    items = [SidebarItem.model_validate_json(value) for _, value in sidebar]
    assert [item.position for item in items] == list(range(SEED_HEADLINES))
    assert [item.headline for item in items] == [entry.headline for entry in article.sidebar]
    assert items[0].age == "5 hours ago"
    for _, value in sidebar:
        _schema("SidebarItem").validate(orjson.loads(value))
    assert worker.poll() is None


def test_bad_events_are_dead_lettered_and_the_agent_goes_on(
    pipeline_settings: Settings, worker: subprocess.Popen[bytes]
) -> None:
    not_json = b"<html>this is not JSON"
    no_body = orjson.dumps({"id": "no-body", "title": "A title but no body"})
    good = orjson.dumps(
        {"id": "good-after-bad", "body": "A short story.\n\nIt has two paragraphs."}
    )
    asyncio.run(
        produce(pipeline_settings, [(b"bad-1", not_json), (b"bad-2", no_body), (b"good", good)])
    )

    letters = read(pipeline_settings, pipeline_settings.topic_deadletter, until=2)
    by_key = {key: DeadLetter.model_validate_json(value) for key, value in letters}
    assert by_key[b"bad-1"].reason_code == "not_json"
    assert by_key[b"bad-2"].reason_code == "empty_body"
    assert base64.b64decode(by_key[b"bad-1"].original) == not_json
    assert by_key[b"bad-1"].source.topic == pipeline_settings.topic_raw
    for _, value in letters:
        _schema("DeadLetter").validate(orjson.loads(value))

    enriched = read(pipeline_settings, pipeline_settings.topic_enriched, until=2)
    ids = {EnrichedArticle.model_validate_json(value).id for _, value in enriched}
    assert "good-after-bad" in ids
    assert worker.poll() is None

    metrics = (
        urllib.request.urlopen(f"http://127.0.0.1:{pipeline_settings.web_port}/metrics", timeout=10)
        .read()
        .decode()
    )
    assert 'pipeline_dead_letters_total{reason_code="not_json",stage="decode"} 1.0' in metrics
    assert 'pipeline_dead_letters_total{reason_code="empty_body",stage="decode"} 1.0' in metrics
    assert "faust_messages_received" in metrics  # faust's own sensors beside ours
    # each stage's wall time (a histogram) and CPU time (a summary), per article enriched
    for family in ("pipeline_stage_seconds", "pipeline_stage_cpu_seconds"):
        for stage in ("split", "language", "entities", "countries"):
            count = re.search(rf'^{family}_count{{stage="{stage}"}} (\S+)$', metrics, re.M)
            assert count, (family, stage)
            assert float(count[1]) >= 1, (family, stage)
            total = re.search(rf'^{family}_sum{{stage="{stage}"}} (\S+)$', metrics, re.M)
            assert total, (family, stage)
            assert float(total[1]) > 0, (family, stage)


def kcat_lines(settings: Settings, topic: str, line_format: str, *options: str) -> list[str]:
    """A topic read whole by kcat (librdkafka, no Python), one `line_format` line a record;
    `options` are more of kcat's (`-X isolation.level=...`)."""
    kcat = shutil.which("kcat")
    assert kcat, "kcat is installed by `make test` (make system-deps)"
    servers = str(settings.kafka_bootstrap_servers)
    command = [kcat, "-C", "-b", servers, "-t", topic, "-o", "beginning", "-e", "-q"]
    result = subprocess.run(
        [*command, "-f", line_format, *options],
        capture_output=True,
        timeout=60,
        check=True,
        text=True,
    )
    return [line for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.usefixtures("worker")
def test_another_service_reads_the_output_with_kcat(pipeline_settings: Settings) -> None:
    """kcat consumes articles.enriched; what it reads validates, and its headers route."""
    asyncio.run(produce(pipeline_settings, [(b"seed-1", _seed_event())]))
    read(pipeline_settings, pipeline_settings.topic_enriched, until=1)
    lines = kcat_lines(pipeline_settings, pipeline_settings.topic_enriched, "%s\n")
    assert lines
    validator = _schema("EnrichedArticle")
    for line in lines:
        validator.validate(json.loads(line))
    assert any(json.loads(line)["id"] == "seed-1" for line in lines)

    # CloudEvents binary mode: a router dispatches on the headers without parsing the value
    headers = kcat_lines(pipeline_settings, pipeline_settings.topic_enriched, "%k %h\n")
    seed_line = next(line for line in headers if line.startswith("seed-1 "))
    fields = dict(pair.split("=", 1) for pair in seed_line.split(" ", 1)[1].split(","))
    assert fields["ce_specversion"] == "1.0"
    assert fields["ce_id"] == "seed-1"
    assert fields["ce_type"] == "org.article-pipeline.enriched.v1"
    assert fields["ce_source"].startswith("/article-pipeline/")
    assert fields["content-type"] == "application/json"
    assert fields["ce_time"]
