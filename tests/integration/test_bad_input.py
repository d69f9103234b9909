"""Bad input never stops the pipeline: hundreds of malformed and hostile events, interleaved with
good ones, through a real worker on the session's real broker.

Every good and every hostile-but-readable event must be enriched; every malformed one must be on
the dead-letter topic with the right reason code; the worker must never restart. The test prints
its figures (kinds, counts, worst time per article).
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

import orjson
import pytest

from pipeline.broker.local import BrokerInfo
from pipeline.models import DeadLetter, EnrichedArticle
from pipeline.settings import Settings
from tests.conftest import SEED
from tests.integration.workers import isolated_settings, produce, read, running_worker

pytestmark = pytest.mark.integration

BODY_LIMIT = 1_500_000  # small enough to send too-large records cheaply, big enough for 1 MB pages
PER_KIND = 22
rng = random.Random(20261127)


def _event(**fields: object) -> bytes:
    return orjson.dumps(fields)


def _random_text(words: int) -> str:
    vocabulary = [
        "the",
        "a",
        "minister",
        "said",
        "on",
        "Monday",
        "that",
        "talks",
        "would",
        "resume",
        "in",
        "spring",
        "market",
        "rose",
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(words)).capitalize() + "."


# Each kind: how to make one record, and what must become of it (a reason code, or "enriched").
def _not_json(i: int) -> bytes:
    choices = [
        b"<html><body>a page sent without its envelope</body></html>",
        b'{"body": "truncated',
        b"body=hello&title=world",
        b'{"body": "a", }',
        b"\x00\x00\x00",
        rng.randbytes(40).hex().encode(),
    ]
    return choices[i % len(choices)]


def _not_utf8(i: int) -> bytes:
    body = f"Caf\xe9 story {i} in Latin-1".encode("latin-1")
    choices = [
        b'{"body": "' + body + b'"}',
        b'{"body": "ok"}' + b"\xff\xfe",
        b"\xc3\x28" * (i + 1),
        b'{"body": "' + b"\xed\xa0\x80" + b'"}',  # an encoded surrogate is not UTF-8
    ]
    return choices[i % len(choices)]


def _invalid_event(i: int) -> bytes:
    choices = [
        b"[]",
        b"42",
        b'"a string"',
        b"null",
        _event(body=42),
        _event(body=["a", "list"]),
        _event(body="ok", fetched_at="last Tuesday"),
        _event(body="ok", fetched_at="2024-03-21T12:00:00"),  # no time zone
        _event(body="ok", language="English"),
        _event(body="ok", content_type="application/pdf"),
        _event(body="ok", id=""),
        _event(body="ok", id="x" * 500),
        _event(body="ok", url=123),
    ]
    return choices[i % len(choices)]


def _empty_body(i: int) -> bytes:
    choices = [
        _event(title="a title and nothing else"),
        _event(body=""),
        _event(body="   \n\t  "),
        _event(body=None),
        b"",
    ]
    return choices[i % len(choices)]


def _too_large(i: int) -> bytes:
    return _event(body="x" * (BODY_LIMIT + 1 + i))


def _content_type_mismatch(i: int) -> bytes:
    choices = [
        _event(body="<!DOCTYPE html><html><body><p>a page</p></body></html>"),
        _event(body="<html><head><title>t</title></head><body>x</body></html>"),
        _event(body="Plain words and no tags at all.", content_type="text/html"),
    ]
    return choices[i % len(choices)]


def _deep_nesting(i: int) -> bytes:
    depth = 20_000 + 1_000 * i
    return _event(body="<div>" * depth + "deep" + "</div>" * depth, content_type="text/html")


def _huge_attribute(i: int) -> bytes:
    value = "a" * 500_000
    page = f'<html><body><div title="{value}"><p>{_random_text(40)}</p></div></body></html>'
    return _event(body=page, content_type="text/html")


def _entity_flood(i: int) -> bytes:
    page = "<html><body><p>" + "&amp;&lt;&#x1F600;&nbsp;" * 30_000 + "</p></body></html>"
    return _event(body=page, content_type="text/html")


def _megabyte_line(i: int) -> bytes:
    return _event(body=_random_text(150_000))  # about 1 MB on one line


def _no_story(i: int) -> bytes:
    nav = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(40))
    return _event(body=f"<html><body><ul>{nav}</ul></body></html>", content_type="text/html")


def _german(i: int) -> bytes:
    story = (
        "Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz beschlossen. "
        "Die Opposition kritisierte die Pläne der Regierung scharf und kündigte Widerstand an."
    )
    return _event(body=f"Neues Gesetz beschlossen\n\n{story}\n\n{story}")


MALFORMED: dict[str, tuple[Callable[[int], bytes], str]] = {
    "not JSON": (_not_json, "not_json"),
    "not UTF-8": (_not_utf8, "not_utf8"),
    "wrong shape or types": (_invalid_event, "invalid_event"),
    "missing or empty body": (_empty_body, "empty_body"),
    "over the body limit": (_too_large, "too_large"),
    "content type mismatch": (_content_type_mismatch, "content_type_mismatch"),
    "HTML nested 20k+ deep": (_deep_nesting, "enriched"),
    "HTML with a 500 kB attribute": (_huge_attribute, "enriched"),
    "HTML entity flood": (_entity_flood, "enriched"),
    "one 1 MB line of text": (_megabyte_line, "enriched"),
    "a page with no story": (_no_story, "enriched"),
    "not English": (_german, "enriched"),
}
PER_KIND_COUNT = {
    "over the body limit": 6,
    "HTML nested 20k+ deep": 5,
    "HTML with a 500 kB attribute": 5,
}


def _records() -> Iterator[tuple[str, bytes, str]]:
    """(key, value, kind) for every record, bad ones interleaved with good ones."""
    bad = [(kind, i) for kind in MALFORMED for i in range(PER_KIND_COUNT.get(kind, PER_KIND))]
    rng.shuffle(bad)
    seed = SEED.read_text()
    for n, (kind, i) in enumerate(bad):
        make, outcome = MALFORMED[kind]
        value = make(i)
        if outcome == "enriched":  # its enriched event is keyed by its id: give it the record's
            value = orjson.dumps({**orjson.loads(value), "id": f"bad-{n}"})
        yield f"bad-{n}", value, kind
        if n % 4 == 0:
            yield f"good-{n}", _event(id=f"good-{n}", body=seed), "good"


@pytest.fixture(scope="module")
def fuzz_settings(kafka_broker: BrokerInfo, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return isolated_settings(
        kafka_broker.bootstrap_servers,
        tmp_path_factory.mktemp("fuzz-home"),
        "fuzz",
        max_body_bytes=BODY_LIMIT,
        deadletter_original_max_bytes=100_000,
    )


def test_malformed_events_are_dead_lettered_and_good_ones_still_flow(
    fuzz_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    records = list(_records())
    kinds = {key: kind for key, _, kind in records}
    expected_letters = {
        k for k, kind in kinds.items() if kind != "good" and MALFORMED[kind][1] != "enriched"
    }
    expected_enriched = {
        k for k, kind in kinds.items() if kind == "good" or MALFORMED[kind][1] == "enriched"
    }
    malformed = sum(kind != "good" for kind in kinds.values())
    assert malformed >= 200

    log = tmp_path_factory.mktemp("fuzz-worker") / "worker.log"
    with running_worker(fuzz_settings, log) as worker:
        pid = worker.pid
        asyncio.run(produce(fuzz_settings, [(key.encode(), value) for key, value, _ in records]))
        letters = read(
            fuzz_settings,
            fuzz_settings.topic_deadletter,
            keys={k.encode() for k in expected_letters},
            wait_s=300,
        )
        enriched = read(
            fuzz_settings,
            fuzz_settings.topic_enriched,
            keys={k.encode() for k in expected_enriched},
            wait_s=300,
        )
        still_running = worker.poll() is None
    output = log.read_text(errors="replace")

    got_reason = {
        raw_key.decode(): DeadLetter.model_validate_json(value).reason_code.value
        for raw_key, value in letters
        if raw_key
    }
    articles: dict[str, EnrichedArticle] = {}
    duplicates = 0
    for raw_key, value in enriched:
        assert raw_key is not None
        duplicates += raw_key.decode() in articles
        articles[raw_key.decode()] = EnrichedArticle.model_validate_json(value)

    # figures, printed in the test's output
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for key, kind in kinds.items():
        outcome = got_reason.get(key) or ("enriched" if key in articles else "MISSING")
        table[kind][outcome] += 1
    worst_ms = max(sum(a.pipeline.stage_ms.values()) for a in articles.values())
    worst_key = max(articles, key=lambda k: sum(articles[k].pipeline.stage_ms.values()))
    print(f"\n{'kind':<32} {'sent':>5}  outcomes")
    for kind, outcomes in table.items():
        print(f"{kind:<32} {sum(outcomes.values()):>5}  {dict(outcomes)}")
    print(f"malformed sent: {malformed}; good sent: {len(records) - malformed}")
    print(f"enriched events read: {len(enriched)} ({duplicates} duplicates)")
    print(f"worst time per article: {worst_ms:.0f} ms ({kinds[worst_key]})")

    assert still_running, output[-5000:]
    assert "Traceback" not in output, output[-5000:]
    assert output.count("[^Worker]: Starting...") <= 1  # never restarted
    for key in expected_letters:
        assert got_reason.get(key) == MALFORMED[kinds[key]][1], (
            key,
            kinds[key],
            got_reason.get(key),
        )
    for key in expected_enriched:
        assert key in articles, (key, kinds[key], got_reason.get(key))
    for key, article in articles.items():
        if kinds[key] == "a page with no story":
            assert article.story.paragraphs == []
            assert article.story.confidence < 0.5
        if kinds[key] == "not English":
            assert article.language == "de"
            assert article.story.paragraphs
    assert pid == worker.pid
