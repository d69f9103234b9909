"""The dashboard end to end: real workers on the real broker, Debian's Chromium via Playwright.

Three workers start together (each loads spaCy, ~10 s, so in parallel): worker A alone in one
group, workers B and C sharing another group on topics of their own. Both groups get the same
input; every page must show the same group-wide top countries.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import orjson
import pytest
from playwright.sync_api import ConsoleMessage, Page, sync_playwright
from prometheus_client.parser import text_string_to_metric_families

from pipeline.broker.local import BrokerInfo, free_port
from pipeline.settings import Settings
from pipeline.topics import create_topics
from tests.conftest import REPO, SEED
from tests.integration.workers import isolated_settings, produce, running_worker

pytestmark = pytest.mark.integration

ARTIFACTS = REPO / "tests" / "artifacts"
SEED_TITLE = "US lawmakers urge Biden to use Washington's leverage for the release of Imran Khan"
XSS_TITLE = "Talks <script>window.__xss=1</script> resume in Lahore"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PLACES = [
    ("Pakistan", "Islamabad"),
    ("Kenya", "Nairobi"),
    ("Peru", "Lima"),
    ("Japan", "Tokyo"),
    ("Pakistan", "Karachi"),
    ("Brazil", "Brasília"),
]


def _input() -> list[tuple[bytes | None, bytes]]:
    """The seed, a hostile title, and short generated articles: the same for both groups."""
    records: list[tuple[bytes | None, bytes]] = [
        (b"seed-1", orjson.dumps({"id": "seed-1", "body": SEED.read_text()}))
    ]
    records.append(
        (
            b"xss-1",
            orjson.dumps(
                {
                    "id": "xss-1",
                    "title": XSS_TITLE,
                    "body": f"{XSS_TITLE}\n\nPakistan and India resumed talks in Lahore on "
                    "Monday, officials in Islamabad said.\n\nThe Pakistani foreign office "
                    "said the talks would go on next week.",
                }
            ),
        )
    )
    for n in range(18):
        country, city = PLACES[n % len(PLACES)]
        title = f"Report {n}: markets in {city} steady"
        body = (
            f"{title}\n\nTraders in {city}, {country}, said on Tuesday that prices held "
            f"steady.\n\nThe central bank of {country} kept its rate unchanged, officials said."
        )
        records.append((f"gen-{n}".encode(), orjson.dumps({"id": f"gen-{n}", "body": body})))
    return records


def _settings(broker: BrokerInfo, home: Path, name: str) -> Settings:
    return isolated_settings(
        broker.bootstrap_servers, home, name, stats_interval_s=1.0, stories_enabled=True
    )


def _get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _summary(port: int) -> dict[str, Any]:
    status, body = _get(port, "/dashboard/api/summary")
    assert status == 200
    result: dict[str, Any] = json.loads(body)
    return result


def _wait_ready(ports: list[int], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    waiting = set(ports)
    while waiting and time.monotonic() < deadline:
        for port in list(waiting):
            try:
                if _get(port, "/ready", timeout=2)[0] == 200:
                    waiting.discard(port)
            except OSError:
                pass
        time.sleep(0.5)
    assert not waiting, f"workers on {sorted(waiting)} never became ready"


def _wait_for(check: Any, timeout: float = 90, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}: {last!r}")


@pytest.fixture(scope="module")
def groups(
    kafka_broker: BrokerInfo, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Settings, list[Settings]]]:
    """Worker A alone in one group; workers B and C in another; all ready."""
    home = tmp_path_factory.mktemp("dashboard")
    one = _settings(kafka_broker, home, "dash1")
    two = _settings(kafka_broker, home, "dash2")
    pair = [two, two.model_copy(update={"web_port": free_port()})]
    for settings in (one, two):
        asyncio.run(create_topics(settings))
    logs = [home / f"worker-{n}.log" for n in range(3)]
    with ExitStack() as stack:
        for settings, log in zip([one, *pair], logs, strict=True):
            stack.enter_context(running_worker(settings, log))
        try:
            _wait_ready([s.web_port for s in (one, *pair)])
            yield one, pair
        finally:
            for log in logs:  # shown by pytest when a test failed
                print(log.name, log.read_text(errors="replace")[-3000:])


def _in_thread(coroutine: Coroutine[Any, Any, None]) -> None:
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def _processed(page: Page) -> int:
    return int(page.text_content("#processed").replace(",", ""))  # type: ignore[union-attr]


def test_dashboard_in_the_browser(groups: tuple[Settings, list[Settings]]) -> None:
    one, _ = groups
    chromium = shutil.which("chromium")
    assert chromium, "chromium is installed by `make test` (make system-deps)"
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1500})

            def on_console(message: ConsoleMessage) -> None:
                if message.type == "error":
                    errors.append(message.text)

            page.on("console", on_console)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"http://127.0.0.1:{one.web_port}/dashboard")
            page.wait_for_selector("#status:text('live')")
            assert _processed(page) == 0

            _in_thread(produce(one, _input()))  # Playwright's sync API owns this thread's loop

            # the counter rises with no reload
            page.wait_for_function(
                "Number(document.getElementById('processed').textContent) > 0", timeout=90_000
            )
            page.wait_for_function(
                f"Number(document.getElementById('processed').textContent) >= {len(_input())}",
                timeout=90_000,
            )
            page.wait_for_selector(f"#feed .title:text-is({json.dumps(SEED_TITLE)})")
            page.wait_for_selector("#countries-5m li:has-text('PK')", timeout=30_000)
            # production stopped: the group catches up and commits (3 input partitions and
            # the story agent's one)
            page.wait_for_function(
                "document.getElementById('total-lag').textContent === '0' && "
                "document.querySelectorAll('#lag tbody tr').length === 4",
                timeout=60_000,
            )
            # the story agent's figures: its stories, its row among the agents
            page.wait_for_selector(f"#stories td:text-is({json.dumps(SEED_TITLE)})")
            page.wait_for_selector("#agents td:text-is('stories')")
            # the hostile title is text, never markup
            page.wait_for_selector(f"#feed .title:text-is({json.dumps(XSS_TITLE)})")
            assert page.evaluate("window.__xss") is None
            assert page.locator("#feed script").count() == 0

            # a feed item opens its full event, read back from the topic
            page.locator(f"#feed .title:text-is({json.dumps(SEED_TITLE)})").click()
            page.wait_for_selector("#event-json:has-text('Islamabad: Pakistan on Thursday')")
            page.keyboard.press("Escape")

            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            print(f"dashboard screenshot: {shot}")
        finally:
            browser.close()
    assert errors == []
    summary = _summary(one.web_port)
    assert all(row["lag"] == 0 for row in summary["lag"])
    for topic in (one.topic_raw, one.topic_stories_in):
        rows = [row for row in summary["lag"] if row["topic"] == topic]
        assert sum(row["end_offset"] for row in rows) == len(_input())
    assert summary["agents"]["stories"]["events_in"] >= len(_input())
    assert len(summary["stories"]["duplicates_per_minute"]) == 60


def test_metrics_parse_and_carry_the_lag(groups: tuple[Settings, list[Settings]]) -> None:
    one, _ = groups
    status, body = _get(one.web_port, "/metrics")
    assert status == 200
    families = {family.name: family for family in text_string_to_metric_families(body.decode())}
    lag = families["pipeline_consumer_lag"]
    partitions = {(sample.labels["topic"], sample.labels["partition"]) for sample in lag.samples}
    raw = {(one.topic_raw, p) for p in ("0", "1", "2")}
    assert partitions == raw | {(one.topic_stories_in, "0")}
    assert "pipeline_articles" in families


def test_health_and_ready(groups: tuple[Settings, list[Settings]]) -> None:
    one, pair = groups
    for settings in (one, *pair):
        assert _get(settings.web_port, "/health")[0] == 200
        status, body = _get(settings.web_port, "/ready")
        assert status == 200, body


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port`, read from the kernel's socket
    tables (/proc/net/tcp and tcp6: hex address and port, state 0A is LISTEN)."""
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                raw = bytes.fromhex(address)
                # the kernel writes each 32-bit word in host (little-endian) order
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                found.add(str(ipaddress.ip_address(words)))
    return found


def test_the_web_server_listens_on_loopback_only(groups: tuple[Settings, list[Settings]]) -> None:
    one, _ = groups
    assert listening_addresses(one.web_port) == {"127.0.0.1"}


def test_only_the_pipelines_own_views_are_served(groups: tuple[Settings, list[Settings]]) -> None:
    one, _ = groups
    for path in ("/router/", "/table/"):  # faust's debug views: off unless configured
        assert _get(one.web_port, path)[0] == 404, path
    # digits of another script pass str.isdigit() but not int(): a 404, not a 500
    assert _get(one.web_port, "/dashboard/api/events/%D9%A3/0")[0] == 404
    assert _get(one.web_port, "/dashboard/api/events/0/%C2%B2")[0] == 404


def test_two_workers_show_the_same_group_wide_tops(
    groups: tuple[Settings, list[Settings]],
) -> None:
    one, pair = groups
    total = len(_input())
    _wait_for(
        lambda: _summary(one.web_port)["top"]["60m"]["articles"][0][1] >= total,
        what="worker A counting its input",
    )
    asyncio.run(produce(pair[0], _input()))

    def counted_by_both() -> list[dict[str, Any]] | None:
        tops = [_summary(s.web_port)["top"]["60m"] for s in pair]
        return tops if all(t["articles"][0][1] >= total for t in tops) else None

    tops = _wait_for(counted_by_both, what="workers B and C counting the same input")
    alone = _summary(one.web_port)["top"]["60m"]
    assert tops[0]["countries"] == tops[1]["countries"] == alone["countries"]
    assert tops[0]["entities"] == tops[1]["entities"] == alone["entities"]
    assert "PK" in [code for code, _ in alone["countries"]]
    # the two workers really share the work: each holds some input partitions
    workers = _summary(pair[0].web_port)["workers"]
    assert len(workers) == 2
    assert all(w["assignment"] for w in workers)


def test_counts_survive_a_worker_joining_and_leaving(
    groups: tuple[Settings, list[Settings]], tmp_path: Path
) -> None:
    """Partitions change hands twice; the new owners resume from the published counts."""
    one, _ = groups
    before = _summary(one.web_port)["top"]["60m"]
    assert before["articles"][0][1] == len(_input())
    newcomer = one.model_copy(update={"web_port": free_port()})
    with running_worker(newcomer, tmp_path / "newcomer.log"):
        _wait_ready([newcomer.web_port])

        def both_hold_some() -> bool:
            workers = _summary(one.web_port)["workers"]
            return len(workers) == 2 and all(w["assignment"] for w in workers)

        _wait_for(both_hold_some, what="the newcomer taking partitions")
        for port in (one.web_port, newcomer.web_port):
            _wait_for(lambda p=port: _summary(p)["top"]["60m"] == before, what="same tops")
    _wait_for(lambda: len(_summary(one.web_port)["workers"]) == 1, what="the newcomer gone")
    time.sleep(2)  # a tick after the handover back
    assert _summary(one.web_port)["top"]["60m"] == before
