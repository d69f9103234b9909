"""MinHash signatures (rensa, in Rust) and the keys of their LSH bands.

At 100k articles in the window and 64 bands the LSH index holds 6.4M postings: it is kept in
sorted numpy runs (`postings.Postings`, 12 bytes a posting), not in Python dicts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rensa import RMinHash

from pipeline.memory.postings import Postings

NUM_PERM = 128
ROWS = 2  # rows per band: 64 bands find pairs down to Jaccard ~0.25 (a copy cut to a third)
BANDS = NUM_PERM // ROWS
SEED = 42  # part of the signature format: memos made with another seed do not compare
FOLD_AT = 256  # articles whose postings wait in a dict (160 bytes a posting) before a fold
MERGE_AT = 4096  # articles in the young run before it is merged into the main one
HASH_BITS = 26  # a band key: the band number (6 bits) above 26 bits of the band's hash

Signature = npt.NDArray[np.uint16]
SLOT_MASK = 0xFFFF  # a slot keeps the low 16 bits of its min-hash (b-bit MinHash)
BandKeys = npt.NDArray[np.uint32]
# odd 64-bit multipliers that mix a band's rows into one key
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F], dtype=np.uint64)[:ROWS]


def signature(shingles: Sequence[str]) -> Signature:
    """The MinHash signature of a set of shingles: NUM_PERM min-hashes, each cut to its low 16
    bits (Li and König's b-bit MinHash): half the memory of 32 bits, and two unequal slots
    agree by chance once in 65,536, which raises a Jaccard estimate by 0.00002."""
    sketch = RMinHash(num_perm=NUM_PERM, seed=SEED)
    sketch.update(list(shingles))
    return compact(sketch.digest())


def compact(values: Sequence[int]) -> Signature:
    """A signature from its slots, 16-bit or full (memos written before slots were cut)."""
    return (np.asarray(values, dtype=np.uint64) & np.uint64(SLOT_MASK)).astype(np.uint16)


def jaccard(one: Signature, other: Signature) -> float:
    """Estimated Jaccard similarity: the share of equal signature slots."""
    return float(np.count_nonzero(one == other)) / NUM_PERM


def band_keys(sig: Signature) -> BandKeys:
    """One uint32 key per band: the band's rows mixed, the band number in the top 6 bits. Two
    articles share a key by chance once in 2**26 per band (a candidate the Jaccard check drops:
    about 0.1 per query at 100k articles), for half the memory of 64-bit keys."""
    rows = sig.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        mixed = (rows * _MIX).sum(axis=1, dtype=np.uint64)
    bands = np.arange(BANDS, dtype=np.uint64) << np.uint64(HASH_BITS)
    keys: BandKeys = ((mixed >> np.uint64(64 - HASH_BITS)) | bands).astype(np.uint32)
    return keys


def band_index() -> Postings:
    """An LSH index: the handles of the articles under each band key."""
    return Postings(fold_at=FOLD_AT, merge_at=MERGE_AT)
