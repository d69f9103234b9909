"""A short derandomized search for pages whose analysis is superlinear: each page the grammar
of tests/hostile.py builds, at about 50 kB and at twice that, must take at most 3x as long.
bench/fuzz.py runs the same search for minutes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from pipeline.models import ContentType
from tests.hostile import PAGES, Segment, analyse, describe, fitted, render
from tests.timing import MAX_GROWTH_PER_DOUBLING, best_time

SEARCH = settings(
    max_examples=20,
    deadline=None,  # the growth is asserted, not the time
    derandomize=True,  # the same pages on every run
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def growth_of(segments: list[Segment], content_type: ContentType) -> float:
    """Time at twice the size over time at the size (fastest of 3, timed again once if past
    the limit: load from elsewhere on the machine comes in bursts)."""
    once, twice = render(segments, 1), render(segments, 2)
    ratio = 0.0
    for _ in range(2):
        small = best_time(lambda: analyse(once, content_type), 3)
        large = best_time(lambda: analyse(twice, content_type), 3)
        ratio = large / max(small, 1e-3)  # under a millisecond, noise is the whole time
        if ratio <= MAX_GROWTH_PER_DOUBLING:
            break
    return ratio


@SEARCH
@given(PAGES)
def test_doubling_a_hostile_page_at_most_triples_its_analysis_time(
    page: tuple[list[Segment], ContentType],
) -> None:
    segments, content_type = page
    segments = fitted(segments)
    ratio = growth_of(segments, content_type)
    assert ratio <= MAX_GROWTH_PER_DOUBLING, f"{ratio:.1f}x for {describe(segments, content_type)}"
