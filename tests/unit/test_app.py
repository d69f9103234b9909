"""The faust app the worker runs, as `create_app` configures it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.app import create_app
from pipeline.settings import Settings


def test_faust_data_folder_is_made_under_home_not_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a container's working directory may not be writable (the image's /app belongs to root)
    cwd, home = tmp_path / "cwd", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    monkeypatch.chdir(cwd)
    app = create_app(Settings(kafka_bootstrap_servers="b:9092", home=home, app_id="my-app"))
    assert app.conf.datadir == home / "my-app-data"
    app._create_directories()  # what faust does when the worker starts
    assert (home / "my-app-data").is_dir()
    assert list(cwd.iterdir()) == []


def test_the_producer_fails_an_unacknowledged_send_after_the_setting_not_faust_s_20_minutes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the /metrics sensors register in one process-wide registry: once per process
    monkeypatch.setattr("pipeline.app.setup_prometheus_sensors", lambda *_, **__: None)
    settings = Settings(kafka_bootstrap_servers="b:9092", producer_request_timeout_s=7.5)
    app = create_app(settings)
    assert app.conf.producer_request_timeout == 7.5
    # what aiokafka gets: a batch retried past this many ms fails its sends
    assert app.producer._settings_default()["request_timeout_ms"] == 7500  # type: ignore[attr-defined]


@pytest.mark.parametrize("guarantee", ["at_least_once", "exactly_once"])
def test_faust_commits_the_input_offsets_only_at_least_once(
    guarantee: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # exactly_once: the transactions commit them (pipeline.transactions), faust never does
    monkeypatch.setattr("pipeline.app.setup_prometheus_sensors", lambda *_, **__: None)
    settings = Settings(kafka_bootstrap_servers="b:9092", processing_guarantee=guarantee)
    app = create_app(settings)
    (agent,) = [a for a in app.agents.values() if settings.topic_raw in a.channel.topics]
    assert agent.channel.topics == (settings.topic_raw,)
    assert agent.channel.acks is (guarantee == "at_least_once")
    # and the transactions follow the assignment (pipeline.app.exactly_once)
    receivers = list(app.on_partitions_revoked.iter_receivers(app))
    assert len(receivers) == (1 if guarantee == "exactly_once" else 0)
