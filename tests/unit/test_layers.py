"""The package's import graph: no cycle, and every import goes down the declared layers.

Read from the source with `ast` (imports inside functions count too), so a newcomer sees in one
place which module may use which: base < analysis < core < agents, web < app < entry points.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"

# A module's layer: the longest matching prefix. A new module must be given one here.
LAYERS: dict[str, int] = {
    "pipeline": 0,  # the package's __init__: the version
    "pipeline.models": 0,
    "pipeline.errors": 0,
    "pipeline.settings": 0,
    "pipeline.budget": 0,  # the per-article work budget, which the split checks
    "pipeline.nlp": 1,  # the text analysis: pure functions
    # the split's parts, under split.py (its driver): cues < scoring < the passes
    "pipeline.nlp.split_cues": 1,
    "pipeline.nlp.split_scoring": 1,
    "pipeline.nlp.split_sidebar": 1,
    "pipeline.nlp.split_titles": 1,
    "pipeline.nlp.split_boxes": 1,
    "pipeline.nlp.split_runs": 1,
    "pipeline.nlp.split_text": 1,
    # the entity document pass's parts, under canonical.py (its driver): spans < sports < shapes
    "pipeline.nlp.entity_spans": 1,
    "pipeline.nlp.entity_sports": 1,
    "pipeline.nlp.entity_shapes": 1,
    "pipeline.nlp.entity_words": 1,
    # the country tagger's parts, under countries.py (resolution and the API):
    # cues < filters < scan < lists < entities
    "pipeline.nlp.country_cues": 1,
    "pipeline.nlp.country_filters": 1,
    "pipeline.nlp.country_scan": 1,
    "pipeline.nlp.country_lists": 1,
    "pipeline.nlp.country_entities": 1,
    # the metadata stage's parts, under metadata.py (extract_metadata): cues < the markup and
    # page-text readers < the date and author choosers
    "pipeline.nlp.metadata_cues": 1,
    "pipeline.nlp.metadata_markup": 1,
    "pipeline.nlp.metadata_text": 1,
    "pipeline.nlp.metadata_dates": 1,
    "pipeline.nlp.metadata_authors": 1,
    "pipeline.core": 2,
    "pipeline.output_size": 2,
    "pipeline.decode": 2,
    "pipeline.routing": 2,
    "pipeline.story_routing": 2,  # what the story agents send, pure
    "pipeline.story_activity": 2,  # the story agent's figures for the dashboard, pure
    "pipeline.transactions": 2,  # exactly_once: per-partition transactions, fencing
    "pipeline.inputs": 2,
    "pipeline.schemas": 2,
    "pipeline.metrics": 2,
    "pipeline.tuning": 2,
    "pipeline.clients": 2,
    "pipeline.topics": 2,
    "pipeline.lag": 2,
    "pipeline.kafka_io": 2,
    "pipeline.broker": 2,
    "pipeline.worker_process": 2,
    "pipeline.memory": 2,  # stream memory: near-duplicates and stories, pure (no Kafka)
    "pipeline.agents": 3,
    "pipeline.web": 3,
    "pipeline.app": 4,
    "pipeline.worker": 5,
    "pipeline.demo": 5,
    "pipeline.cli": 5,
    "pipeline.__main__": 5,
}
# Same layer, but neither may import the other.
APART = [("pipeline.agents", "pipeline.web")]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports_of(path: Path) -> set[str]:
    """The pipeline modules `path` imports, anywhere in it."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("pipeline") and is_module(name)}


def graph() -> dict[str, set[str]]:
    return {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


def layer(name: str) -> int:
    prefixes = [p for p in LAYERS if name == p or name.startswith(p + ".")]
    if not prefixes:
        pytest.fail(f"{name} has no layer: add it to LAYERS in {__file__}")
    return LAYERS[max(prefixes, key=len)]


def under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def test_no_import_cycle() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(edges.get(node, ())):
            # a package imports its own modules' names, which is no cycle
            if target == node or (under(target, node) and node != "pipeline"):
                continue
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if state.get(target) is None:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if state.get(node) is None:
            visit(node)


def test_imports_go_down_the_layers() -> None:
    wrong = [
        f"{source} (layer {layer(source)}) imports {target} (layer {layer(target)})"
        for source, targets in graph().items()
        for target in targets
        if layer(target) > layer(source)
    ]
    assert wrong == []


def test_agents_and_web_do_not_import_each_other() -> None:
    wrong = [
        f"{source} imports {target}"
        for source, targets in graph().items()
        for target in targets
        for one, other in APART
        if (under(source, one) and under(target, other))
        or (under(source, other) and under(target, one))
    ]
    assert wrong == []
