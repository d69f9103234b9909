"""Fixtures shared by every test tier.

The integration tier runs against a real Apache Kafka broker that this session starts itself
(`pipeline.broker.local`, the same code as `pipeline kafka start`), on free loopback ports,
with its data in a temporary folder, and stops it at the end. A broker that cannot start
fails the tests that need it; nothing is skipped.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.broker.local import BrokerInfo, LocalKafka

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLE_PAGES = REPO / "examples"
SEED = EXAMPLE_PAGES / "000_3268141df149678a.txt"
EXTRACTION_DATA = SHARED / "data" / "extraction"
JARS_HOME = REPO / ".cache"  # the Maven-resolved jars are shared; broker data is not


def seed_parts() -> tuple[str, str, str]:
    """The seed's title, its story (the 15 paragraphs up to "she added.", joined by blank
    lines) and the whole page below the title, sidebar headlines included."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paragraphs = [line for line in lines[1:] if line.strip()]
    last = next(i for i, p in enumerate(paragraphs) if p.endswith("she added."))
    return lines[0], "\n\n".join(paragraphs[: last + 1]), "\n\n".join(paragraphs)


@pytest.fixture(scope="session")
def kafka_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrokerInfo]:
    """A private single-node broker for the whole test session."""
    broker = LocalKafka(tmp_path_factory.mktemp("kafka"), home=JARS_HOME)
    info = broker.start()
    try:
        yield info
    finally:
        broker.stop()


@pytest.fixture
def unique() -> str:
    """A suffix that keeps a test's topics and groups apart from every other test's."""
    return uuid.uuid4().hex[:8]
