"""The compiled text-analysis modules (`make compile`) never run older code than their source."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.nlp import COMPILED_MODULES, refuse_stale_builds


def _files(directory: Path, source_mtime: float, built_mtime: float) -> Path:
    """The compiled modules' sources, and a build of split.py, with these modification times."""
    for name in COMPILED_MODULES:
        (directory / f"{name}.py").write_text("# source\n")
    built = directory / "split.cpython-311-x86_64-linux-gnu.so"
    built.write_bytes(b"")
    os.utime(directory / "split.py", (source_mtime, source_mtime))
    os.utime(built, (built_mtime, built_mtime))
    return built


def test_a_build_older_than_its_source_is_refused(tmp_path: Path) -> None:
    built = _files(tmp_path, source_mtime=2_000_000, built_mtime=1_000_000)
    with pytest.raises(ImportError, match="make compile") as refused:
        refuse_stale_builds(tmp_path)
    assert str(built) in str(refused.value)


def test_a_fresh_build_and_plain_sources_are_accepted(tmp_path: Path) -> None:
    _files(tmp_path, source_mtime=1_000_000, built_mtime=2_000_000)
    refuse_stale_builds(tmp_path)  # no error
    (tmp_path / "split.cpython-311-x86_64-linux-gnu.so").unlink()
    refuse_stale_builds(tmp_path)  # no build at all: plain Python
