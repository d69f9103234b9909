"""JSON Schemas of the events, generated from the pydantic models (the single definition).

`pipeline schemas` writes them to `schemas/`; `pipeline schemas --check` (and a test) fails
when the files and the models drift. One file per event and major version, so a 2.0 schema
can sit beside 1.0 while consumers migrate.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from pipeline.models import EVENT_TYPES, SCHEMA_VERSION

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(event_name: str) -> str:
    major = SCHEMA_VERSION.split(".")[0]
    return f"{event_name}.v{major}.schema.json"


def event_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every event type."""
    schemas: dict[str, dict[str, Any]] = {}
    for name, model in EVENT_TYPES.items():
        file_name = schema_file_name(name)
        schema = model.model_json_schema(
            mode="serialization" if name != "RawArticle" else "validation"
        )
        schemas[file_name] = {"$schema": DRAFT, "$id": file_name, **schema}
    return schemas


def render(schema: dict[str, Any]) -> bytes:
    return orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, schema in event_schemas().items():
        path = folder / file_name
        path.write_bytes(render(schema))
        written.append(path)
    return written


def drifted_schemas(folder: Path) -> list[str]:
    """The schema files that are missing or differ from what the models generate now."""
    return [
        file_name
        for file_name, schema in event_schemas().items()
        if not (folder / file_name).exists() or (folder / file_name).read_bytes() != render(schema)
    ]
