"""`make run`'s command on a private home folder: it starts its own broker, a worker, produces
the samples, prints the seed's enriched event, and stops everything it started."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.broker.local import LocalKafka, free_port
from pipeline.models import EnrichedArticle
from pipeline.settings import Settings
from pipeline.worker_process import settings_env
from tests.conftest import JARS_HOME, REPO

pytestmark = pytest.mark.integration


def test_demo_prints_the_seed_enriched_and_stops_what_it_started(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    home = tmp_path_factory.mktemp("demo-home")
    (home / "kafka").symlink_to(JARS_HOME / "kafka")  # share the jars, not the broker
    settings = Settings(home=home, web_port=free_port())
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "demo", "--once"],
        env=settings_env(settings),
        cwd=REPO,
        capture_output=True,
        timeout=400,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode()[-3000:]
    articles = [EnrichedArticle.model_validate_json(line) for line in result.stdout.splitlines()]
    assert len(articles) == 4  # the seed and the three sample pages in examples/
    seed = next(a for a in articles if a.story.text.startswith("Islamabad: Pakistan on Thursday"))
    assert len(seed.sidebar) == 12
    assert "Where to look next" in result.stderr.decode()
    assert LocalKafka(home / "broker", home=home).status() is None  # the broker it started is gone
