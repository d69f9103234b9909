"""docker-compose.yml as Docker reads it (Debian's docker-compose validates it; no engine)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.system


def test_compose_file_is_valid() -> None:
    docker_compose = shutil.which("docker-compose")
    assert docker_compose, "docker-compose is installed by `make test` (make system-deps)"
    subprocess.run([docker_compose, "config", "-q"], cwd=REPO, check=True, timeout=60)
