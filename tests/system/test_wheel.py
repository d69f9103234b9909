"""The package as a wheel installs it: `pipeline demo` finds its sample articles there too."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.system


def test_the_demo_finds_its_samples_in_an_unpacked_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "dist"), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (tmp_path / "dist").glob("article_pipeline-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    listed = subprocess.run(
        [sys.executable, "-c", "from pipeline.demo import default_inputs\n"
         "for path in default_inputs(): print(path)"],
        env={**os.environ, "PYTHONPATH": str(site)}, cwd=tmp_path,
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout.split()  # fmt: skip
    assert [Path(p).name for p in listed] == [
        "000_3268141df149678a.txt",
        "japantimes-masks.html",
        "kbs-temperatures.html",
        "wikimedia-turkey.html",
    ]
    assert all(Path(p).is_relative_to(site) for p in listed)
