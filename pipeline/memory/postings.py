"""Postings (uint32 key -> handles) in sorted numpy runs, for the LSH bands and story blocking.

As Python dicts of lists, postings cost about 150 bytes each (an int key, a list, the table):
at 100k articles the 6.4M band postings and the 1.3M blocking postings would take over a
gigabyte. Here a posting costs 12 bytes: new ones wait in a small dict, which is folded every
`fold_at` adds into a young sorted run, itself merged every `merge_at` adds into the main run
(a stable sort of runs already sorted is one merge pass). A query is a binary search per key in
each run. Dead handles are dropped at each merge, and past `cap` postings a key keeps its
latest ones.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

_INT_BYTES = sys.getsizeof(2**31)  # a key of the pending dict

Keys = npt.NDArray[np.uint32]
Handles = npt.NDArray[np.int64]
_EMPTY_KEYS: Keys = np.zeros(0, dtype=np.uint32)
_EMPTY_HANDLES: Handles = np.zeros(0, dtype=np.int64)


class Postings:
    """Handles by key; `add` appends a handle under each of its keys (not twice in a row)."""

    def __init__(self, *, fold_at: int, merge_at: int, cap: int | None = None) -> None:
        self._fold_at, self._merge_at, self._cap = fold_at, merge_at, cap
        self._main = _Run()
        self._young = _Run()
        self._young_adds = 0
        self._pending: dict[int, list[int]] = {}
        self._pending_adds = 0

    def add(self, handle: int, keys: Keys | list[int]) -> None:
        pending = self._pending
        for key in keys.tolist() if isinstance(keys, np.ndarray) else keys:
            owners = pending.get(key)
            if owners is None:
                pending[key] = [handle]
            elif owners[-1] != handle:
                owners.append(handle)
        self._pending_adds += 1

    def query(self, keys: Keys | list[int]) -> set[int]:
        """The handles under any of `keys`."""
        found: set[int] = set()
        for owners in self._each(keys):
            found.update(owners)
        return found

    def shared(self, keys: Keys | list[int]) -> Counter[int]:
        """For each handle, how many of `keys` it is under."""
        counts: Counter[int] = Counter()
        for owners in self._each(keys):
            counts.update(set(owners))
        return counts

    def maybe_merge(self, alive: Callable[[int], bool]) -> None:
        """Fold the pending postings, and merge the young run, once there are enough."""
        if self._pending_adds >= self._fold_at:
            self._fold()
        if self._young_adds >= self._merge_at:
            self.merge(alive)

    def merge(self, alive: Callable[[int], bool]) -> None:
        """Everything into the main run, without the handles no longer `alive`."""
        self._fold()
        merged = _Run.of([self._main, self._young])
        unique = np.unique(merged.handles)
        live = np.fromiter((alive(h) for h in unique.tolist()), dtype=bool, count=len(unique))
        keep = np.isin(merged.handles, unique[live])
        self._main = _Run(merged.keys[keep], merged.handles[keep]).capped(self._cap)
        self._young = _Run()
        self._young_adds = 0

    def handles(self) -> set[int]:
        """Every handle posted (for tests)."""
        found = set(self._main.handles.tolist()) | set(self._young.handles.tolist())
        for owners in self._pending.values():
            found.update(owners)
        return found

    def __len__(self) -> int:
        pending = sum(len(owners) for owners in self._pending.values())
        return len(self._main.keys) + len(self._young.keys) + pending

    @property
    def nbytes(self) -> int:
        """Bytes of the sorted runs and of the pending dict (its int keys and lists)."""
        pending = sys.getsizeof(self._pending) + sum(
            _INT_BYTES + sys.getsizeof(owners) for owners in self._pending.values()
        )
        return self._main.nbytes + self._young.nbytes + pending

    def _fold(self) -> None:
        if self._pending:
            self._young = _Run.of([self._young, _Run.flat(self._pending)]).capped(self._cap)
        self._young_adds += self._pending_adds
        self._pending = {}
        self._pending_adds = 0

    def _each(self, keys: Keys | list[int]) -> list[list[int]]:
        """The handles under each key, from every run."""
        wanted = np.asarray(keys, dtype=np.uint32)
        found: list[list[int]] = [[] for _ in range(len(wanted))]
        for run in (self._main, self._young):
            run.lookup(wanted, found)
        pending = self._pending
        for index, key in enumerate(wanted.tolist()):
            owners = pending.get(key)
            if owners:
                found[index].extend(owners)
        return found


class _Run:
    """Keys sorted, beside their handles (in the order they were posted, per key)."""

    __slots__ = ("handles", "keys")

    def __init__(self, keys: Keys = _EMPTY_KEYS, handles: Handles = _EMPTY_HANDLES) -> None:
        self.keys = keys
        self.handles = handles

    @classmethod
    def flat(cls, postings: dict[int, list[int]]) -> _Run:
        keys: list[int] = []
        handles: list[int] = []
        for key, owners in postings.items():
            keys.extend([key] * len(owners))
            handles.extend(owners)
        return cls(np.array(keys, dtype=np.uint32), np.array(handles, dtype=np.int64))

    @classmethod
    def of(cls, runs: list[_Run]) -> _Run:
        """The runs as one, older first within a key."""
        keys = np.concatenate([run.keys for run in runs])
        handles = np.concatenate([run.handles for run in runs])
        order = np.argsort(keys, kind="stable")
        return cls(keys[order], handles[order])

    def capped(self, cap: int | None) -> _Run:
        """The run with at most `cap` postings per key, the latest."""
        if cap is None or not len(self.keys):
            return self
        # postings after this one under the same key
        after = np.searchsorted(self.keys, self.keys, side="right") - np.arange(
            1, len(self.keys) + 1
        )
        latest = after < cap
        return _Run(self.keys[latest], self.handles[latest])

    def lookup(self, keys: Keys, found: list[list[int]]) -> None:
        """Extend `found[i]` with the handles under `keys[i]`."""
        if not len(self.keys) or not len(keys):
            return
        left = np.searchsorted(self.keys, keys, side="left").tolist()
        right = np.searchsorted(self.keys, keys, side="right").tolist()
        for index, (start, stop) in enumerate(zip(left, right, strict=True)):
            if stop > start:
                found[index].extend(self.handles[start:stop].tolist())

    @property
    def nbytes(self) -> int:
        return int(self.keys.nbytes + self.handles.nbytes)
