"""MinHash signatures (rensa, in Rust) and a compact LSH band index over them.

The index is kept in numpy, not in Python dicts: at 100k articles in the window and 64 bands
that is 6.4M postings, which as dict entries would take about half a gigabyte. Postings go
first to a small dict and are merged, every so often, into one sorted array of band keys
(uint64) beside the article handles (int64): a query is a binary search per band, a merge is
one sort. Handles of articles that left the window are dropped at the next merge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
import numpy.typing as npt
from rensa import RMinHash

NUM_PERM = 128
ROWS = 2  # rows per band: 64 bands find pairs down to Jaccard ~0.25 (a copy cut to a third)
BANDS = NUM_PERM // ROWS
SEED = 42  # part of the signature format: memos made with another seed do not compare
MERGE_AT = 4096  # pending postings merged into the sorted arrays past this many articles

Signature = npt.NDArray[np.uint32]
_EMPTY_KEYS: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)
_EMPTY_HANDLES: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
# odd 64-bit multipliers that mix a band's rows into one key
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F], dtype=np.uint64)[:ROWS]


def signature(shingles: Sequence[str]) -> Signature:
    """The MinHash signature of a set of shingles (NUM_PERM uint32 values)."""
    sketch = RMinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update(list(shingles))
    return np.asarray(sketch.digest(), dtype=np.uint32)


def jaccard(one: Signature, other: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal signature slots."""
    return float(np.count_nonzero(one == other)) / NUM_PERM


def band_keys(sig: Signature) -> npt.NDArray[np.uint64]:
    """One uint64 key per band: the band's rows mixed, the band number in the top 6 bits."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        mixed = (rows * _MIX).sum(axis=1, dtype=np.uint64)
    bands = np.arange(BANDS, dtype=np.uint64) << np.uint64(58)
    keys: npt.NDArray[np.uint64] = (mixed >> np.uint64(6)) | bands
    return keys


class BandIndex:
    """LSH over band keys: `query` gives the handles of articles that share a band."""

    def __init__(self) -> None:
        self._keys = _EMPTY_KEYS
        self._handles = _EMPTY_HANDLES
        self._pending: dict[int, list[int]] = {}
        self._pending_articles = 0

    def add(self, handle: int, keys: npt.NDArray[np.uint64]) -> None:
        for key in keys.tolist():
            self._pending.setdefault(key, []).append(handle)
        self._pending_articles += 1

    def query(self, keys: npt.NDArray[np.uint64]) -> set[int]:
        found: set[int] = set()
        if len(self._keys):
            left = np.searchsorted(self._keys, keys, side="left")
            right = np.searchsorted(self._keys, keys, side="right")
            for start, stop in zip(left.tolist(), right.tolist(), strict=True):
                if stop > start:
                    found.update(self._handles[start:stop].tolist())
        for key in keys.tolist():
            found.update(self._pending.get(key, ()))
        return found

    def maybe_merge(self, alive: Callable[[int], bool]) -> None:
        """Merge the pending postings once there are enough of them, dropping dead handles."""
        if self._pending_articles >= MERGE_AT:
            self.merge(alive)

    def merge(self, alive: Callable[[int], bool]) -> None:
        keys = [self._keys]
        handles = [self._handles]
        if self._pending:
            pending_keys, pending_handles = _flatten(self._pending.items())
            keys.append(pending_keys)
            handles.append(pending_handles)
        all_keys = np.concatenate(keys)
        all_handles = np.concatenate(handles)
        unique = np.unique(all_handles)
        live = np.fromiter((alive(h) for h in unique.tolist()), dtype=bool, count=len(unique))
        keep = np.isin(all_handles, unique[live])
        all_keys, all_handles = all_keys[keep], all_handles[keep]
        order = np.argsort(all_keys, kind="stable")
        self._keys, self._handles = all_keys[order], all_handles[order]
        self._pending = {}
        self._pending_articles = 0

    @property
    def postings(self) -> int:
        return len(self._keys) + sum(len(h) for h in self._pending.values())

    @property
    def nbytes(self) -> int:
        """Bytes of the merged arrays (the pending dict is at most MERGE_AT articles)."""
        return int(self._keys.nbytes + self._handles.nbytes)


def _flatten(
    items: Iterable[tuple[int, list[int]]],
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    keys: list[int] = []
    handles: list[int] = []
    for key, owners in items:
        keys.extend([key] * len(owners))
        handles.extend(owners)
    return np.array(keys, dtype=np.uint64), np.array(handles, dtype=np.int64)
