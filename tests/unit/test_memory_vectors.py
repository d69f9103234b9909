"""The stream memory's compact vectors and counts (`pipeline.memory.vectors`) against plain
dict arithmetic."""

from __future__ import annotations

import random

import numpy as np

from pipeline.memory import vectors


def _vector(rng: random.Random, size: int) -> dict[int, float]:
    return {rng.randrange(1, 500): rng.random() for _ in range(size)}


def _arrays(vector: dict[int, float]) -> tuple[vectors.Keys, vectors.Values]:
    return (
        np.array(list(vector), dtype=np.uint32),
        np.array(list(vector.values()), dtype=np.float32),
    )


def test_adding_and_removing_vectors_matches_dict_sums_and_drops_emptied_terms() -> None:
    rng = random.Random(7)
    members = [_vector(rng, 40) for _ in range(6)]
    keys, sums = vectors.EMPTY_KEYS, vectors.EMPTY_VALUES
    for member in members:
        keys, sums = vectors.add(keys, sums, *_arrays(member), 1.0)
    for member in members[:4]:  # the first four leave
        keys, sums = vectors.add(keys, sums, *_arrays(member), -1.0)
    expected: dict[int, float] = {}
    for member in members[4:]:
        for key, value in member.items():
            expected[key] = expected.get(key, 0.0) + value
    assert sorted(keys.tolist()) == sorted(expected)
    got = dict(zip(keys.tolist(), sums.tolist(), strict=True))
    assert all(abs(got[key] - value) < 1e-5 for key, value in expected.items())


def test_dots_of_one_query_with_many_vectors_match_one_by_one() -> None:
    rng = random.Random(8)
    query = _vector(rng, 30)
    others = [_vector(rng, size) for size in (0, 5, 60, 200)]
    query_keys = np.array(sorted(query), dtype=np.uint32)
    query_values = np.array([query[key] for key in sorted(query)], dtype=np.float64)
    arrays = [_arrays(other) for other in others]
    found = vectors.dots(query_keys, query_values, [k for k, _ in arrays], [v for _, v in arrays])
    for other, dot in zip(others, found.tolist(), strict=True):
        expected = sum(
            value * np.float32(other[key]) for key, value in query.items() if key in other
        )
        assert abs(dot - expected) < 1e-6


def test_counts_fold_pending_changes_and_forget_keys_that_fall_to_zero() -> None:
    counts = vectors.Counts()
    counts.add(np.array([1, 2, 3], dtype=np.uint32), 1)
    counts.merge()
    counts.add(np.array([2, 3, 9], dtype=np.uint32), 1)
    counts.add(np.array([3], dtype=np.uint32), -1)
    assert counts.get(np.array([1, 2, 3, 9, 4], dtype=np.uint32)).tolist() == [1, 2, 1, 1, 0]
    counts.add(np.array([1, 2, 2, 3, 9], dtype=np.uint32), -1)
    assert len(counts) == 0
    assert counts.get(np.array([1, 2, 3], dtype=np.uint32)).tolist() == [0, 0, 0]
