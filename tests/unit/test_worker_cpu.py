"""PIPELINE_WORKER_CPU: the worker pins itself, every thread, to the CPU it is given."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator

import pytest

from pipeline.tuning import pin_to_cpu

pytestmark = [
    pytest.mark.linux,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only"),
]


@pytest.fixture
def restored_affinity() -> Iterator[list[int]]:
    allowed = os.sched_getaffinity(0)
    tasks = os.listdir("/proc/self/task")
    yield sorted(allowed)
    for task in os.listdir("/proc/self/task"):
        if task in tasks:
            os.sched_setaffinity(int(task), allowed)


def test_every_thread_is_pinned_to_the_cpu_given(restored_affinity: list[int]) -> None:
    started = threading.Event()
    release = threading.Event()

    def waiting() -> None:
        started.set()
        release.wait(10)

    already_running = threading.Thread(target=waiting)
    already_running.start()
    started.wait(10)
    try:
        index = len(restored_affinity) + 1  # past the end: wraps around
        pin_to_cpu(index)
        wanted = {restored_affinity[index % len(restored_affinity)]}
        for task in os.listdir("/proc/self/task"):
            assert os.sched_getaffinity(int(task)) == wanted
    finally:
        release.set()
        already_running.join(10)


def test_the_setting_refuses_a_negative_cpu() -> None:
    from pydantic import ValidationError

    from pipeline.settings import Settings

    with pytest.raises(ValidationError):
        Settings(worker_cpu=-1)
