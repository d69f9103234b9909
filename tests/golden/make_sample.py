"""Rebuild `trafilatura-sample.jsonl.gz`: pages of trafilatura's evaluation set (Apache-2.0),
chosen by a hash of their id, never by how well the splitter does on them.

    python tests/golden/make_sample.py [--data ../shared/data/extraction] [--count 18]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parents[2] / "shared" / "data" / "extraction"
SAMPLE = HERE / "trafilatura-sample.jsonl.gz"
SALT = b"golden-v1:"


def rank(doc_id: str) -> bytes:
    return hashlib.sha256(SALT + doc_id.encode()).digest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--count", type=int, default=18)
    args = parser.parse_args()
    with gzip.open(args.data / "trafilatura-eval.jsonl.gz", "rt", encoding="utf-8") as lines:
        docs = [json.loads(line) for line in lines]
    chosen = sorted(docs, key=lambda doc: rank(str(doc["id"])))[: args.count]
    # mtime=0: the same pages give the same bytes, so the file only changes when they do
    with (
        open(SAMPLE, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed,
    ):
        for doc in sorted(chosen, key=lambda doc: str(doc["id"])):
            packed.write((json.dumps(doc, ensure_ascii=False) + "\n").encode())
    print(f"{len(chosen)} pages -> {SAMPLE}")


if __name__ == "__main__":
    main()
