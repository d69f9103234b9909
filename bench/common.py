"""What the benchmarks share: where the data sets are, a private broker, and the results file.

Every bench script imports this module first (it puts the repository on `sys.path`, so the
scripts run as `python bench/NAME.py` from a checkout). Measured figures go to
`bench/RESULTS.md`, each bench owning one section between markers, rewritten whole with the
command and the date of the run that measured it.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pipeline.broker.local import BrokerInfo, LocalKafka  # noqa: E402

# The development sets (../shared/data/README.md): read from there, never copied here.
SHARED_DATA = REPO.parent / "shared" / "data"
RESULTS = REPO / "bench" / "RESULTS.md"
JARS_HOME = REPO / ".cache"  # the Maven-resolved Kafka jars; a broker's data never goes here

_HEADER = (
    "# Measured figures\n\n"
    "Each section is written by the bench named in its heading, with the command and the date "
    "of the run that measured it (re-run the command to refresh it). The machine: "
    "2 cores, 24 GiB, shared with whatever else runs.\n"
)


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The documents of a gzipped JSON Lines data set, in file order."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


@contextmanager
def private_broker() -> Iterator[tuple[BrokerInfo, Path]]:
    """A single-node broker of our own on free loopback ports, and a scratch folder for the
    run's data; both gone when the block ends."""
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        broker = LocalKafka(Path(tmp) / "kafka", home=JARS_HOME)
        info = broker.start()
        try:
            yield info, Path(tmp)
        finally:
            broker.stop()


def run_at_ref(ref: str, code: str, payload: Any) -> Any:
    """Run `code` against the package as it was at git `ref`, for a before/after table in one
    run: `code` reads `payload` as JSON on stdin and prints its answer as JSON on stdout.

    The ref's `pipeline/` is extracted to a scratch folder and imported from there in a child
    process, as plain Python (compiled modules are not in git), like this tree's in the bench.
    """
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "pipeline"], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory(prefix="bench-ref-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            cwd=tmp,
            env={**os.environ, "PYTHONPATH": tmp},
            check=False,
        )
    if done.returncode:
        raise RuntimeError(f"the run at {ref} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)


def command_line() -> str:
    """How this bench was run, as a user would type it."""
    script = Path(sys.argv[0]).resolve()
    try:
        shown = str(script.relative_to(REPO))
    except ValueError:
        shown = str(script)
    return " ".join([".venv/bin/python", shown, *sys.argv[1:]])


def write_results(bench: str, body: str, *, path: Path = RESULTS) -> None:
    """Replace `bench`'s section of the results file with `body` (markdown), stamped with the
    command and the time of this run; the other benches' sections stay as they are."""
    start, end = f"<!-- {bench}: start -->", f"<!-- {bench}: end -->"
    stamp = (
        f"`{command_line()}`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"Python {platform.python_version()}"
    )
    section = f"{start}\n## {bench}\n\n{stamp}\n\n{body.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    if start in text and end in text:
        before, rest = text.split(start, 1)
        _, after = rest.split(end, 1)
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
