"""A long search for pages whose analysis is slow or superlinear (issue 23, item 7).

    .venv/bin/python bench/fuzz.py --minutes 10

Hypothesis builds pages from the grammar the splitter reads (tests/hostile.py), fitted to about
50 kB; each is analysed (decode check, split, document passes, countries: not spaCy's NER) at
that size and at twice it. Printed, and written to bench/RESULTS.md: the slowest pages in ms
per kB, and the largest growth on doubling (linear work gives 2x; the unit test's limit is 3x).
Timings are the fastest of 3 runs; on a shared machine they are noisy, so a ratio past the
limit is timed again before it is reported.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from dataclasses import dataclass

from common import write_results  # also puts the repository on sys.path
from hypothesis import HealthCheck, Phase, given, settings

from pipeline.models import ContentType
from tests.hostile import PAGES, Segment, analyse, describe, fitted, render
from tests.timing import MAX_GROWTH_PER_DOUBLING, best_time
from tests.unit.test_fuzz import growth_of


@dataclass(frozen=True, slots=True)
class Found:
    shape: str
    kb: float
    ms_per_kb: float
    ratio: float


class _TimeUpError(Exception):
    """Raised by the search's test once its minutes are up, to end Hypothesis's run."""


def search(minutes: float) -> list[Found]:
    found: list[Found] = []
    stop_at = time.monotonic() + minutes * 60

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(PAGES)
    def one(page: tuple[list[Segment], ContentType]) -> None:
        if time.monotonic() > stop_at:
            raise _TimeUpError
        segments, content_type = page
        segments = fitted(segments)
        twice = render(segments, 2)
        seconds = best_time(lambda: analyse(twice, content_type), 3)
        ratio = growth_of(segments, content_type)
        kb = len(twice.encode("utf-8", "surrogatepass")) / 1000
        found.append(Found(describe(segments, content_type), kb, seconds * 1000 / kb, ratio))

    with contextlib.suppress(_TimeUpError):
        one()
    return found


def report(found: list[Found], minutes: float, top: int) -> str:
    slowest = sorted(found, key=lambda f: -f.ms_per_kb)[:top]
    steepest = sorted(found, key=lambda f: -f.ratio)[:top]
    past = sum(f.ratio > MAX_GROWTH_PER_DOUBLING for f in found)
    lines = [
        f"{len(found)} pages in {minutes:g} min; {past} grew more than "
        f"{MAX_GROWTH_PER_DOUBLING:g}x on doubling (timed twice). Noisy: 2 cores shared with "
        "other work.",
        "",
        "| slowest pages | kB | ms per kB | growth on doubling |",
        "|---|---|---|---|",
        *(
            f"| `{f.shape[:150]}` | {f.kb:.0f} | {f.ms_per_kb:.2f} | {f.ratio:.2f} |"
            for f in slowest
        ),
        "",
        "| steepest growth | kB | ms per kB | growth on doubling |",
        "|---|---|---|---|",
        *(
            f"| `{f.shape[:150]}` | {f.kb:.0f} | {f.ms_per_kb:.2f} | {f.ratio:.2f} |"
            for f in steepest
        ),
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to search")
    parser.add_argument("--top", type=int, default=10, help="pages listed in each table")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    found = search(args.minutes)
    body = report(found, args.minutes, args.top)
    print(body)
    if not args.no_write:
        write_results("fuzz", body)


if __name__ == "__main__":
    main()
