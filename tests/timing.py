"""Growth-ratio checks for the linear-time tests: times are never asserted, only how they grow.

The machine is shared and noisy, so each run is timed in this thread's CPU time (time another
process takes the core from it is not counted), each size a few times with the fastest kept
(noise only ever adds time), and the allowed growth per doubling is generous: 3x where linear
work gives 2x and quadratic 4x. Sizes are chosen so the smallest run takes milliseconds. The
code timed runs on the calling thread (the analysis starts no threads).
"""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Doubling the input may at most triple the time: linear gives 2x, quadratic 4x.
MAX_GROWTH_PER_DOUBLING = 3.0
# A pair of sizes past the limit is timed again this many times before the check fails: load
# from elsewhere comes in bursts, superlinear work grows the same way every time.
RETIMINGS = 4
RETIME_PAUSE_S = 0.5
# The smallest size is doubled (at most MAX_BASE_DOUBLINGS times) until one run takes this long:
# sub-millisecond runs vary by more than the growth limit with cache and scheduler noise.
MIN_BASE_SECONDS = 0.001
MAX_BASE_DOUBLINGS = 4
MAX_LOOPS = 1000


def best_time(run: Callable[[], object], repeats: int) -> float:
    """The fastest of `repeats` runs, in seconds of this thread's CPU time, with the garbage
    collector held off (its passes grow with everything alive in the test process, not with
    the work timed). The young generations are collected first: they hold the earlier runs'
    garbage, while a full pass also walks everything the suite keeps alive (the gazetteer, the
    model) and took 0.15 s per call, most of the slowest growth test's time."""
    best = float("inf")
    gc.collect(1)
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.thread_time()
            run()
            best = min(best, time.thread_time() - started)
    finally:
        gc.enable()
    return best


def growth(
    make: Callable[[int], T],
    run: Callable[[T], object],
    base: int,
    *,
    doublings: int = 2,
    repeats: int = 5,
    limit: float = MAX_GROWTH_PER_DOUBLING,
) -> list[float]:
    """Time `run` on `make(base)`, `make(2 * base)`, ... and assert each doubling grows the
    time by at most `limit`; checked after each size, so a superlinear case fails before the
    next, larger size can take minutes. Returns the times."""
    for doubled in range(MAX_BASE_DOUBLINGS + 1):
        took = _timed(run, make(base), repeats, 1)
        if took >= MIN_BASE_SECONDS or doubled == MAX_BASE_DOUBLINGS:
            break
        base *= 2
    # still under the floor at the largest base (work that stops early, or reads the input at
    # memory speed): each timing runs it often enough to reach it, at sizes that stay small
    loops = min(MAX_LOOPS, max(1, math.ceil(MIN_BASE_SECONDS / max(took, 1e-6))))
    times: list[float] = []
    values: list[T] = []
    for step in range(doublings + 1):
        values.append(make(base * 2**step))
        times.append(_timed(run, values[-1], repeats, loops))
        for _ in range(RETIMINGS):
            if not step or times[-1] <= limit * times[-2]:
                break
            # a burst of load from elsewhere on the machine (a neighbour on the host's shared
            # cores and caches inflates even CPU time): let it pass, then time the pair again,
            # in turns, so both sizes see the same spell: the host's cores also run at two
            # speeds for seconds at a time (the same run read 1.0 ms, then 2.3 ms), and a
            # smaller size's best from a fast spell against a larger one's from a slow spell
            # reads 4x for linear work
            time.sleep(RETIME_PAUSE_S)
            times[-2], times[-1] = _timed_in_turns(run, values[-2], values[-1], repeats, loops)
        if step:
            ratio = times[-1] / max(times[-2], 1e-6)
            assert ratio <= limit, (
                f"x{2**step} size took {ratio:.1f}x the time of x{2 ** (step - 1)} "
                f"({times[-2] * 1000:.1f} -> {times[-1] * 1000:.1f} ms)"
            )
    return times


def _timed(run: Callable[[T], object], value: T, repeats: int, loops: int) -> float:
    """The fastest of `repeats` timings of `loops` runs, per run."""

    def runs() -> None:
        for _ in range(loops):
            run(value)

    return best_time(runs, repeats) / loops


def _timed_in_turns(
    run: Callable[[T], object], smaller: T, larger: T, repeats: int, loops: int
) -> tuple[float, float]:
    """The fastest of `repeats` timings of `loops` runs of each value, per run, the two timed
    one after the other in each repeat."""
    best_smaller = best_larger = float("inf")
    for _ in range(repeats):
        best_smaller = min(best_smaller, _timed(run, smaller, 1, loops))
        best_larger = min(best_larger, _timed(run, larger, 1, loops))
    return best_smaller, best_larger
