"""CPU cost and ratio of Kafka's codecs on real pages, to choose the producers' compression.

    .venv/bin/python bench/compression.py [--pages 300]

Encodes and decodes the HTML of the first `--pages` dragnet pages with the codecs aiokafka uses
(its gzip is level 9), timing CPU (process time), so other load on the machine matters little.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable
from itertools import islice

from aiokafka import codec
from common import SHARED_DATA

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"
CODECS: dict[str, tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]] = {
    "gzip": (codec.gzip_encode, codec.gzip_decode),
    "zstd": (codec.zstd_encode, codec.zstd_decode),
    "lz4": (codec.lz4_encode, codec.lz4_decode),
    "snappy": (codec.snappy_encode, codec.snappy_decode),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    with gzip.open(DATA, "rt", encoding="utf-8") as lines:
        pages = [json.loads(line)["html"].encode() for line in islice(lines, args.pages)]
    size = sum(len(page) for page in pages)
    print(f"{len(pages)} dragnet pages, {size / 1e6:.1f} MB of HTML")
    print("| codec | ratio | encode ms/page | decode ms/page |")
    print("|---|---:|---:|---:|")
    for name, (encode, decode) in CODECS.items():
        started = time.process_time()
        packed = [encode(page) for page in pages]
        encoded = time.process_time() - started
        started = time.process_time()
        for blob in packed:
            decode(blob)
        decoded = time.process_time() - started
        ratio = size / sum(len(blob) for blob in packed)
        per_page = 1000 / len(pages)
        print(f"| {name} | {ratio:.2f} | {encoded * per_page:.2f} | {decoded * per_page:.2f} |")


if __name__ == "__main__":
    main()
