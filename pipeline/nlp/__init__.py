"""Text analysis as pure functions: no Kafka, no I/O beyond loading the packaged model and data.

`make compile` compiles COMPILED_MODULES with mypyc (scripts/compile.py); Python then imports
the compiled module in place of its source. A compiled module older than its source would run
old code without a word, so importing this package refuses it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

COMPILED_MODULES = (
    "ages",
    "blocks",
    "markup",
    "split_cues",
    "split_scoring",
    "split_sidebar",
    "split_titles",
    "split_boxes",
    "split_runs",
    "split_text",
    "split",
    "entity_spans",
    "entity_sports",
    "entity_shapes",
    "entity_words",
    "canonical",
    "country_cues",
    "country_filters",
    "country_scan",
    "country_lists",
    "country_entities",
    "countries",
    "metadata_cues",
    "metadata_markup",
    "metadata_text",
    "metadata_dates",
    "metadata_authors",
)
_HERE = Path(__file__).parent


def refuse_stale_builds(directory: Path = _HERE) -> None:
    """Raise ImportError if a compiled module in `directory` is older than its source."""
    for name in COMPILED_MODULES:
        source = directory / f"{name}.py"
        for built in directory.glob(f"{name}.*.so"):
            if built.stat().st_mtime < source.stat().st_mtime:
                raise ImportError(
                    f"{built} was compiled before {source.name} last changed: run `make "
                    f"compile` to rebuild it, or delete it to run the source as plain Python"
                )


def compiled_modules() -> list[str]:
    """The modules of COMPILED_MODULES that run compiled, for the worker's start-up log."""
    return [
        name
        for name in COMPILED_MODULES
        if not str(importlib.import_module(f"{__name__}.{name}").__file__).endswith(".py")
    ]


refuse_stale_builds()
