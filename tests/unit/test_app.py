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
