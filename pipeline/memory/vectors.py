"""Compact sparse vectors and counts for the stream memory, in numpy rather than Python dicts.

A dict of 300 terms to floats costs about 30 kB (an int and a float object per entry, and the
table); the same vector as a uint32 key array beside a float32 value array costs 2.4 kB. The
story memory keeps one such vector (a centroid) and one entity sum per story, and a document
frequency per term of the window, so at 100k articles this is most of its memory
(bench/RESULTS.md, the stories section).
"""

from __future__ import annotations

import sys

import numpy as np
import numpy.typing as npt

Keys = npt.NDArray[np.uint32]
Values = npt.NDArray[np.float32]
EMPTY_KEYS: Keys = np.zeros(0, dtype=np.uint32)
EMPTY_VALUES: Values = np.zeros(0, dtype=np.float32)
EPSILON = 1e-6  # a summed weight this close to zero is a term whose members all left
_INT_BYTES = sys.getsizeof(2**31)  # an int object of the pending dict
COUNTS_MERGE_AT = 65_536  # pending count changes folded into the sorted arrays past this many


def add(
    keys: Keys, values: Values, more_keys: Keys, more_values: npt.ArrayLike, sign: float
) -> tuple[Keys, Values]:
    """`keys -> values` plus `sign` times `more_keys -> more_values`, as new sorted arrays
    without the entries that fell to zero."""
    all_keys = np.concatenate((keys, more_keys))
    all_values = np.concatenate(
        (values.astype(np.float64), sign * np.asarray(more_values, dtype=np.float64))
    )
    unique, inverse = np.unique(all_keys, return_inverse=True)
    totals = np.bincount(inverse.ravel(), weights=all_values, minlength=len(unique))
    keep = np.abs(totals) >= EPSILON
    return unique[keep].astype(np.uint32), totals[keep].astype(np.float32)


def norm(values: npt.NDArray[np.floating]) -> float:
    as_float = values.astype(np.float64)
    return float(np.sqrt(np.dot(as_float, as_float)))


def dots(
    query_keys: Keys,
    query_values: npt.NDArray[np.float64],
    keys: list[Keys],
    values: list[npt.NDArray[np.floating]],
) -> npt.NDArray[np.float64]:
    """The dot product of one query vector (its keys sorted and distinct) with each of several
    vectors, in a handful of numpy calls whatever their number."""
    count = len(keys)
    lengths = np.fromiter(map(len, keys), dtype=np.intp, count=count)
    if not count or not len(query_keys) or not lengths.sum():
        return np.zeros(count, dtype=np.float64)
    flat_keys = np.concatenate(keys)
    flat_values = np.concatenate(values).astype(np.float64)
    where = np.minimum(np.searchsorted(query_keys, flat_keys), len(query_keys) - 1)
    hit = query_keys[where] == flat_keys
    owner = np.repeat(np.arange(count), lengths)
    products = flat_values[hit] * query_values[where[hit]]
    return np.bincount(owner[hit], weights=products, minlength=count).astype(np.float64)


class Counts:
    """Non-negative counts per uint32 key (the window's document frequencies): a sorted key
    array beside a count array, and a small dict of changes not yet folded into them."""

    def __init__(self) -> None:
        self._keys: Keys = EMPTY_KEYS
        self._counts: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self._pending: dict[int, int] = {}

    def get(self, keys: Keys) -> npt.NDArray[np.int64]:
        """The count of each key (0 for an unknown one)."""
        found = np.zeros(len(keys), dtype=np.int64)
        if len(self._keys) and len(keys):
            where = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
            hit = self._keys[where] == keys
            found[hit] = self._counts[where[hit]]
        if self._pending:
            pending = self._pending.get
            found += np.fromiter(
                (pending(key, 0) for key in keys.tolist()), dtype=np.int64, count=len(keys)
            )
        return found

    def add(self, keys: Keys, delta: int) -> None:
        pending = self._pending
        for key in keys.tolist():
            pending[key] = pending.get(key, 0) + delta
        if len(pending) >= COUNTS_MERGE_AT:
            self.merge()

    def merge(self) -> None:
        if not self._pending:
            return
        more_keys = np.fromiter(self._pending.keys(), dtype=np.uint32, count=len(self._pending))
        more = np.fromiter(self._pending.values(), dtype=np.int64, count=len(self._pending))
        all_keys = np.concatenate((self._keys, more_keys))
        all_counts = np.concatenate((self._counts.astype(np.int64), more))
        unique, inverse = np.unique(all_keys, return_inverse=True)
        # float64 holds these counts exactly
        totals = np.rint(
            np.bincount(inverse.ravel(), weights=all_counts, minlength=len(unique))
        ).astype(np.int64)
        keep = totals > 0
        self._keys = unique[keep].astype(np.uint32)
        self._counts = totals[keep].astype(np.int32)
        self._pending = {}

    def __len__(self) -> int:
        """Keys with a count, once pending changes are folded in."""
        self.merge()
        return len(self._keys)

    @property
    def nbytes(self) -> int:
        """Bytes of the arrays and of the pending dict (its int keys and values)."""
        pending = sys.getsizeof(self._pending) + 2 * _INT_BYTES * len(self._pending)
        return int(self._keys.nbytes + self._counts.nbytes) + pending
