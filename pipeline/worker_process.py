"""A `pipeline worker` in a child process: how `make run`, the integration tests and the
benchmarks run workers, exactly as an operator would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from pydantic import SecretStr

from pipeline.settings import Settings

STOP_TIMEOUT_S = 30.0  # a graceful stop finishes the batch in flight and commits


def settings_env(settings: Settings) -> dict[str, str]:
    """This process's environment, with these settings and no others of the pipeline's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIPELINE_")}
    env.pop("KAFKA_BOOTSTRAP_SERVERS", None)
    for name, value in settings.model_dump(exclude_none=True).items():
        if isinstance(value, SecretStr):  # the child needs the secret itself, not its mask
            value = value.get_secret_value()
        env[f"PIPELINE_{name.upper()}"] = str(value)
    return env


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = STOP_TIMEOUT_S) -> int:
    """SIGTERM, then SIGKILL if it has not stopped within `timeout`; returns the exit code."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return worker.returncode


def start_worker(
    settings: Settings, output: IO[bytes] | int | None = None
) -> subprocess.Popen[bytes]:
    """Start `pipeline worker` with `settings`, its output (stderr too) to `output`."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "worker"],
        env=settings_env(settings),
        stdout=output,
        stderr=subprocess.STDOUT if output is not None else None,
    )


@contextmanager
def worker_process(
    settings: Settings, output: IO[bytes] | int | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `pipeline worker` with `settings` until the block ends, then stop it gracefully."""
    worker = start_worker(settings, output)
    try:
        yield worker
    finally:
        stop_worker(worker)
