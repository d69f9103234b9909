"""The contract other services rely on: schemas generated from the models, settings
documented, the compose file valid and on the pinned Kafka version."""

from __future__ import annotations

import re

from pipeline.broker.local import KAFKA_VERSION
from pipeline.models import ArticleMetadata, SidebarEntry, SidebarItem
from pipeline.schemas import drifted_schemas, event_schemas
from pipeline.settings import Settings
from tests.conftest import REPO


def test_schemas_folder_matches_the_models() -> None:
    assert drifted_schemas(REPO / "schemas") == [], "run `make schemas`"


def test_every_event_schema_carries_its_version() -> None:
    for name, schema in event_schemas().items():
        if name.startswith("RawArticle"):
            continue  # input: producers need not send a version
        version = schema["properties"]["schema_version"]
        if name.startswith(("EnrichedArticle", "SidebarItem")):
            # 1.1 added optional fields; the v1 file still validates the 1.0 events already out
            assert version["enum"] == ["1.0", "1.1"]
            assert version["default"] == "1.1"
        else:
            assert version["const"] == "1.0"
        assert "schema_version" in schema["required"]


def test_what_1_1_adds_is_optional() -> None:
    schema = event_schemas()["EnrichedArticle.v1.schema.json"]
    assert schema["properties"]["metadata"]["default"] is None
    assert {"type": "null"} in schema["properties"]["metadata"]["anyOf"]
    # every metadata field may be null or empty: a page without metadata makes up none
    assert not [name for name, f in ArticleMetadata.model_fields.items() if f.is_required()]
    assert all(value in (None, []) for value in ArticleMetadata().model_dump().values())


# SidebarItem's fields in 1.0; 1.1 may only add optional ones.
SIDEBAR_ITEM_1_0 = {
    "schema_version",
    "id",
    "article_id",
    "article_url",
    "position",
    "headline",
    "age",
    "published_at",
    "url",
}


def test_sidebar_item_1_1_only_adds_optional_fields() -> None:
    assert SidebarItem.model_fields["schema_version"].default == "1.1"
    added = set(SidebarItem.model_fields) - SIDEBAR_ITEM_1_0
    assert added == {"countries"}
    assert all(SidebarItem.model_fields[name].default is None for name in added)
    assert SidebarEntry.model_fields["countries"].default is None
    # A 1.0 item's fields alone still make an item.
    item = SidebarItem(id="i", article_id="a", position=0, headline="Talks in Nairobi")
    assert item.countries is None


def _table_rows(path: str) -> dict[str, str]:
    text = (REPO / path).read_text()
    return dict(re.findall(r"^\| `(PIPELINE_[A-Z_]+)` (\|.*)$", text, re.M))


def test_every_setting_is_in_the_settings_table_and_the_readme_agrees() -> None:
    documented = _table_rows("docs/settings.md")
    expected = {f"PIPELINE_{name.upper()}" for name in Settings.model_fields}
    assert set(documented) == expected
    shortlist = _table_rows("README.md")
    assert shortlist, "the README lists the settings most often set"
    for name, row in shortlist.items():
        assert documented.get(name) == row, (
            f"{name}: the README's row differs from docs/settings.md"
        )


def test_compose_uses_the_pinned_kafka_version() -> None:
    compose = (REPO / "docker-compose.yml").read_text()
    assert f"image: apache/kafka:{KAFKA_VERSION}\n" in compose
    assert (
        f"<kafka.version>{KAFKA_VERSION}</kafka.version>"
        in (REPO / "pipeline" / "broker" / "pom.xml").read_text()
    )


def test_cluster_ids_never_look_like_command_line_options() -> None:
    from pipeline.broker.local import new_cluster_id

    ids = [new_cluster_id() for _ in range(2_000)]  # about 30 would start with "-" unfiltered
    assert not any(cluster_id.startswith("-") for cluster_id in ids)
    assert all(len(cluster_id) == 22 for cluster_id in ids)


def test_the_stream_memory_events_are_in_the_contract() -> None:
    from pipeline.models import StoryAssignment, StoryState

    schemas = event_schemas()
    for model in (StoryAssignment, StoryState):
        schema = schemas[f"{model.__name__}.v1.schema.json"]
        assert {"id", "schema_version"} <= set(schema["required"])
    assignment = schemas["StoryAssignment.v1.schema.json"]["properties"]
    assert {"story_id", "duplicate_of", "similarity", "event_time"} <= set(assignment)
