"""The contract other services rely on: schemas generated from the models, settings
documented, the compose file valid and on the pinned Kafka version."""

from __future__ import annotations

import re

from pipeline.broker.local import KAFKA_VERSION
from pipeline.models import EVENT_TYPES, SCHEMA_VERSION, SidebarEntry, SidebarItem
from pipeline.schemas import drifted_schemas, event_schemas
from pipeline.settings import Settings
from tests.conftest import REPO


def test_schemas_folder_matches_the_models() -> None:
    assert drifted_schemas(REPO / "schemas") == [], "run `make schemas`"


def test_every_event_schema_carries_its_version() -> None:
    for name, schema in event_schemas().items():
        if name.startswith("RawArticle"):
            continue  # input: producers need not send a version
        model = EVENT_TYPES[name.split(".")[0]]
        version = model.model_fields["schema_version"].default
        assert schema["properties"]["schema_version"]["const"] == version
        # A minor version shares its major's schema file (and ce_type).
        assert version.split(".")[0] == SCHEMA_VERSION.split(".")[0]
        assert "schema_version" in schema["required"]


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


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (REPO / "README.md").read_text()
    documented = set(re.findall(r"^\| `(PIPELINE_[A-Z_]+)`", readme, re.M))
    expected = {f"PIPELINE_{name.upper()}" for name in Settings.model_fields}
    assert documented == expected


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
