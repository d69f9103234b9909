"""The one settings object, read from environment variables prefixed `PIPELINE_`.

Every knob the pipeline has lives here, documented, so operators can find it in one place; the
README's settings table lists the same fields (a test keeps the two in step).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MIB = 1024 * 1024


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PIPELINE_", frozen=True, extra="ignore")

    # --- Kafka connection -------------------------------------------------------------------
    kafka_bootstrap_servers: str | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "PIPELINE_KAFKA_BOOTSTRAP_SERVERS", "KAFKA_BOOTSTRAP_SERVERS"
        ),
        description="host:port[,host:port]. Unset: use the local broker that "
        "`pipeline kafka start` runs (also read from KAFKA_BOOTSTRAP_SERVERS).",
    )
    home: Path = Field(
        default=Path(".cache"),
        description="Folder for the local broker's jars, data and logs.",
    )
    local_kafka_port: int = Field(
        default=0, ge=0, le=65535, description="Port of the local broker; 0 picks a free one."
    )
    local_kafka_heap: str = Field(default="512m", description="JVM heap of the local broker.")

    # --- Topics -----------------------------------------------------------------------------
    topic_raw: str = Field(default="articles.raw", description="Input: RawArticle JSON.")
    topic_enriched: str = Field(default="articles.enriched", description="EnrichedArticle.")
    topic_sidebar: str = Field(default="articles.sidebar", description="SidebarItem.")
    topic_deadletter: str = Field(default="articles.deadletter", description="DeadLetter.")
    raw_partitions: int = Field(default=6, ge=1, description="Partitions of the input topic.")
    output_partitions: int = Field(default=6, ge=1, description="Partitions of output topics.")
    replication_factor: int = Field(default=1, ge=1, description="Of every topic created.")

    # --- Sizes ------------------------------------------------------------------------------
    max_body_bytes: int = Field(
        default=5_000_000, ge=1, description="Larger input records are dead-lettered unread."
    )
    deadletter_original_max_bytes: int = Field(
        default=5_000_000,
        ge=0,
        description="The original bytes kept in a dead letter are cut at this size.",
    )
    max_message_bytes: int = Field(
        default=8 * MIB,
        description="Topic max.message.bytes and client request/fetch sizes; must carry "
        "a body of max_body_bytes (and its base64 in a dead letter).",
    )

    # --- Worker -----------------------------------------------------------------------------
    app_id: str = Field(default="article-pipeline", description="faust app id = consumer group.")
    web_host: str = Field(default="127.0.0.1", description="Worker web server host.")
    web_port: int = Field(default=6066, ge=1, le=65535, description="Worker web server port.")
    batch_size: int = Field(default=32, ge=1, description="Articles per NER batch.")
    batch_timeout_s: float = Field(
        default=0.25, gt=0, description="Longest wait to fill a batch before processing it."
    )
    log_level: str = Field(default="info", description="debug, info, warning or error.")


@cache
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
