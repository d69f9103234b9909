"""The worker's malloc settings: taken by glibc, and they stop a thread's page faults on large
arrays allocated and freed over and over (what spaCy does on the enrich thread)."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Runs in a fresh interpreter, so the settings (or glibc's defaults) hold from its start.
CHURN = """
import resource, sys, threading
import numpy as np
if sys.argv[1] == "tuned":
    from pipeline.tuning import tune_malloc
    assert tune_malloc()
faults = []
def churn():
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    for i in range(300):
        block = np.ones((i % 7 + 1) * 300_000 // 8)  # 0.3 to 2.1 MB
        kept = np.ones(50_000)
        del block, kept
    faults.append(resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before)
thread = threading.Thread(target=churn)
thread.start()
thread.join()
print(faults[0])
"""


def _thread_page_faults(mode: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", CHURN, mode], capture_output=True, text=True, check=True
    )
    return int(result.stdout)


@pytest.mark.linux
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt()")
def test_tuned_malloc_stops_a_threads_page_faults_on_large_arrays() -> None:
    default, tuned = _thread_page_faults("default"), _thread_page_faults("tuned")
    assert tuned * 2 < default, (default, tuned)
