"""The stream memory's posting index (`pipeline.memory.postings`) against a dict of lists, across
its pending dict, young run and main run."""

from __future__ import annotations

import random
from collections import Counter

from pipeline.memory.postings import Postings


def test_queries_see_postings_in_every_run_and_count_each_key_once_per_handle() -> None:
    rng = random.Random(3)
    index = Postings(fold_at=4, merge_at=12)
    expected: dict[int, set[int]] = {}
    for handle in range(1, 60):
        keys = [rng.randrange(40) for _ in range(5)]
        index.add(handle, keys)
        for key in keys:
            expected.setdefault(key, set()).add(handle)
        index.maybe_merge(lambda h: True)
        wanted = [rng.randrange(45) for _ in range(6)]
        assert index.query(wanted) == set().union(*(expected.get(k, set()) for k in wanted))
        counts: Counter[int] = Counter()
        for key in wanted:
            counts.update(expected.get(key, set()))
        assert index.shared(wanted) == counts


def test_a_merge_drops_dead_handles_and_a_key_keeps_its_latest_past_the_cap() -> None:
    index = Postings(fold_at=2, merge_at=4, cap=3)
    for handle in range(1, 9):
        index.add(handle, [7, 100 + handle])
        index.maybe_merge(lambda h: True)
    assert index.query([7]) == {6, 7, 8}  # the three latest under the crowded key
    index.merge(lambda h: h != 8)
    assert index.query([7]) == {6, 7}
    assert index.query([108]) == set()
    assert index.query([101, 104]) == {1, 4}
    assert 8 not in index.handles()
