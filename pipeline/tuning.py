"""Operating-system tuning of a worker process: CPU pinning and glibc's malloc settings.

Pinning keeps a worker's threads on one CPU, so its enrich thread and event loop hand the GIL
over on one core instead of bouncing it, and its caches, between two.

glibc malloc: the worker's stages allocate and free large arrays on a thread.

glibc gives every thread that allocates an arena of its own and hands those arenas' freed
memory back to the kernel eagerly; spaCy allocates and frees arrays of a megabyte or more for
every part, so the enrich thread kept touching fresh pages. One arena for all threads (the GIL
lets one run Python at a time anyway), large blocks kept on the heap instead of mapped one by
one, and freed memory kept up to a bound: fewer page faults and less CPU per article
(`bench/malloc.py`; figures in bench/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import sys
from typing import Literal

log = logging.getLogger(__name__)

MIB = 1024 * 1024
# mallopt parameters, from glibc's malloc.h
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
ARENAS = 1
MMAP_THRESHOLD_BYTES = 32 * MIB  # glibc's largest on 64-bit: bigger blocks are still mapped
TRIM_THRESHOLD_BYTES = 128 * MIB  # free memory kept at the heap's top before it is returned


def tune_malloc() -> bool:
    """Apply the settings above to this process; returns whether the C library took them
    (glibc does; elsewhere nothing changes). Call it before any other thread starts: a thread
    that already has an arena keeps it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the C library this process already runs on
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    settings = (
        (_M_ARENA_MAX, ARENAS),
        (_M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES),
        (_M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES),
    )
    applied = all(mallopt(parameter, value) == 1 for parameter, value in settings)
    if not applied:
        log.info("malloc tuning not applied: this C library does not take glibc's mallopt()")
    return applied


def pin_to_cpu(index: int) -> None:
    """Keep this process (all its threads) on one CPU: `index` into the CPUs it may use,
    wrapping around, so each worker on a host can be given its own."""
    if not hasattr(os, "sched_setaffinity"):  # Linux only
        log.warning("PIPELINE_WORKER_CPU is ignored: this system cannot pin processes")
        return
    allowed = sorted(os.sched_getaffinity(0))
    cpu = allowed[index % len(allowed)]
    pin_all_threads("self", cpu)
    log.info("pinned to CPU %d (of %s)", cpu, ",".join(map(str, allowed)))


def pin_all_threads(pid: int | Literal["self"], cpu: int) -> None:
    """Keep every thread of a process (Linux) on `cpu`: Linux pins one thread per call;
    threads started later inherit it, those already running (the math libraries' pools, a
    JVM's) are pinned here."""
    for thread_id in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):  # a thread that has just ended
            os.sched_setaffinity(int(thread_id), {cpu})
