"""Compile the text-analysis modules with mypyc, in place (`make compile`).

The split, the entity pass and the country tagger are pure Python and hold most of what a
worker spends per article beside spaCy; compiled, they take about a fifth less CPU
(docs/design.md, "Compiled text analysis"). The compiled modules sit beside their sources
(`pipeline/nlp/*.so`, git-ignored) and Python imports them in preference to the `.py`
files; without them the package runs as plain Python. `pipeline.nlp` refuses to import a
compiled module older than its source, so an edit never runs stale code silently.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from mypyc.build import mypycify
from setuptools import setup

REPO = Path(__file__).resolve().parents[1]
NLP = REPO / "pipeline" / "nlp"
# mypyc's own type-check cache, emptied before each build: reusing it (or the lint's
# .mypy_cache) after sources changed crashed mypyc now and then ("value is not in list" in
# emit_undefined_attr_check); the C compile, not the type check, is most of the build's time.
CACHE = REPO / "build" / "mypyc-cache"


def main() -> None:
    # The old builds go first: importing pipeline.nlp (for COMPILED_MODULES) refuses stale
    # ones, and this build replaces them all anyway.
    for built in NLP.glob("*.so"):
        built.unlink()
    sys.path.insert(0, str(REPO))
    from pipeline.nlp import COMPILED_MODULES

    sources = [f"pipeline/nlp/{name}.py" for name in COMPILED_MODULES]
    shutil.rmtree(CACHE, ignore_errors=True)
    setup(
        name="article-pipeline-compiled",
        ext_modules=mypycify([*sources, f"--cache-dir={CACHE}"], opt_level="3", separate=True),
        script_args=["build_ext", "--inplace", "--build-temp", "build/mypyc"],
    )
    # mypyc rewrote the C from today's sources; where the C came out the same, build_ext kept
    # the old object and copied it with its old time, which the stale-build check would refuse
    for built in NLP.glob("*.so"):
        built.touch()


if __name__ == "__main__":
    main()
