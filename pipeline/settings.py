"""The one settings object, read from environment variables prefixed `PIPELINE_`.

Every knob the pipeline has lives here, documented, so operators can find it in one place; the
README's settings table lists the same fields (a test keeps the two in step).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
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
        description="Folder for the local broker's jars, data and logs, and the worker's faust "
        "data folder.",
    )
    local_kafka_port: int = Field(
        default=0, ge=0, le=65535, description="Port of the local broker; 0 picks a free one."
    )
    local_kafka_heap: str = Field(default="512m", description="JVM heap of the local broker.")
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        default="PLAINTEXT", description="How every Kafka client connects."
    )
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = Field(
        default="SCRAM-SHA-512", description="SASL mechanism, with a SASL_* protocol."
    )
    sasl_username: str | None = Field(default=None, description="SASL user name.")
    sasl_password: SecretStr | None = Field(
        default=None, description="SASL password (never logged)."
    )
    ssl_cafile: Path | None = Field(default=None, description="CA bundle to verify brokers (TLS).")
    ssl_certfile: Path | None = Field(default=None, description="Client certificate (mutual TLS).")
    ssl_keyfile: Path | None = Field(default=None, description="Client private key (mutual TLS).")
    ssl_key_password: SecretStr | None = Field(
        default=None, description="Password of the client key (never logged)."
    )

    # --- Topics -----------------------------------------------------------------------------
    topic_raw: str = Field(default="articles.raw", description="Input: RawArticle JSON.")
    topic_enriched: str = Field(default="articles.enriched", description="EnrichedArticle.")
    topic_sidebar: str = Field(default="articles.sidebar", description="SidebarItem.")
    topic_deadletter: str = Field(default="articles.deadletter", description="DeadLetter.")
    topic_stories_in: str = Field(
        default="articles.stories.in",
        description="The story agent's input: every enriched event, repartitioned into one "
        "partition (the stream memory is one global state), keyed by article id.",
    )
    topic_assignments: str = Field(
        default="articles.assignments",
        description="StoryAssignment per article (its story, whether a copy), keyed by article id.",
    )
    topic_stories: str = Field(
        default="articles.stories",
        description="StoryState keyed by story id, compacted: read from the beginning, the "
        "latest state of every live story.",
    )
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
    compression_type: Literal["zstd", "gzip", "lz4", "snappy", "none"] = Field(
        default="zstd",
        description="Compression of every record the pipeline produces. zstd packs HTML about as "
        "tightly as gzip at a tenth of its CPU (bench/compression.py); every current Kafka "
        "client reads it.",
    )
    producer_linger_ms: int = Field(
        default=5,
        ge=0,
        description="How long a producer waits for more records to fill a batch, so an "
        "article's enriched event and its sidebar items go in one request instead of several; "
        "5 ms, as the Java producer's default since Kafka 4.0.",
    )

    # --- Bounds on one article's work and output ---------------------------------------------
    article_budget_s: float = Field(
        default=5.0,
        gt=0,
        description="CPU seconds the enrich thread may spend on one article (its own stages, "
        "and its share of the batch's NER), checked between stages and between blocks of the "
        "split; past it the article is dead-lettered as too_slow and its batch goes on. CPU "
        "time of the thread, not wall time: a busy host or the event loop holding the GIL "
        "does not count against an article. Real pages take well under a second.",
    )
    max_title_chars: int = Field(
        default=1_000, ge=1, description="Titles are cut at this length (as NER's input is)."
    )
    max_story_chars: int = Field(
        default=100_000,
        ge=1,
        description="The story's text (paragraphs and the blank lines between them) is cut at "
        "this length, and `story.truncated` says so; `story.paragraphs` hold the same text.",
    )
    ner_max_story_chars: int = Field(
        default=20_000,
        ge=1_000,
        le=100_000,
        description="NER reads a story's first this many characters; entities named only past "
        "them are not found (countries still are). NER's time grows with the text, and the "
        "longest stories (and the articles queued behind them) made the latency's tail "
        "(bench/ner_cap.py: what a cap costs in entities, in bench/RESULTS.md).",
    )
    max_sidebar_entries: int = Field(
        default=100, ge=0, description="Sidebar entries kept per article, in page order."
    )
    max_headline_chars: int = Field(
        default=300, ge=1, description="Sidebar headlines are cut at this length."
    )
    max_url_chars: int = Field(
        default=2_048, ge=1, description="Longer sidebar links are dropped (url null)."
    )
    max_mentions: int = Field(
        default=2_000,
        ge=0,
        description="Mentions kept per article in `entities` and in `countries` each, the "
        "most salient entities' first; entities and countries left without one are dropped.",
    )
    metadata_max_future_skew_s: float = Field(
        default=3_600.0,
        ge=0,
        description="A publication or update time the page gives later than the fetch time "
        "(else the time of enrichment) plus this is refused as a value: clocks and mislabelled "
        "time zones drift, articles from the future do not exist.",
    )

    # --- Worker -----------------------------------------------------------------------------
    app_id: str = Field(default="article-pipeline", description="faust app id = consumer group.")
    web_host: str = Field(
        default="127.0.0.1",
        description="Address the worker's web server binds (and names in its URLs): loopback "
        "unless set; 0.0.0.0 serves every interface, as docker-compose needs.",
    )
    web_port: int = Field(default=6066, ge=1, le=65535, description="Worker web server port.")
    web_debug_views: bool = Field(
        default=False,
        description="Also serve faust's own /router/ and /table/ views (the group's assignment, "
        "table contents): off, as they are for debugging.",
    )
    batch_size: int = Field(
        default=32,
        ge=1,
        description="Events the agent takes at most per batch; a batch of more than 8 (or a "
        "full one) is enriched in parts of 8 articles, a smaller one article by article.",
    )
    batch_timeout_s: float = Field(
        default=0.02,
        gt=0,
        description="Longest wait, from a batch's first event, for the batch to fill.",
    )
    worker_cpu: int | None = Field(
        default=None,
        ge=0,
        description="Pin the worker process to this CPU (an index into the CPUs it may use, "
        "wrapping around), so its enrich thread and event loop hand the GIL over on one core; "
        "a few percent more articles/s (bench/throughput.py --unpinned compares). Give each "
        "worker on a host its own CPU; unset: not pinned.",
    )
    malloc_tuning: bool = Field(
        default=True,
        description="On glibc, one malloc arena for all of a worker's threads and large blocks "
        "kept on the heap: the enrich thread then stops page-faulting on spaCy's arrays "
        "(pipeline/tuning.py; bench/malloc.py measures it).",
    )
    log_level: str = Field(default="info", description="debug, info, warning or error.")
    stage_summary_after: int = Field(
        default=200,
        ge=0,
        description="Log one line of each stage's wall and CPU ms per article once the worker "
        "has enriched this many articles (0: never); /metrics has the same figures throughout.",
    )
    stories_enabled: bool = Field(
        default=True,
        description="Run the story agent (near-duplicates and stories over the stream) and "
        "the repartition that feeds it; false: enrichment only.",
    )
    stories_store: Literal["memory", "rocksdb"] = Field(
        default="memory",
        description="Where the story agent's tables live between changelog reads: memory "
        "(rebuilt from the changelog topics on every start) or rocksdb (on disk under "
        "PIPELINE_HOME, with the rocksdb extra; a restart reads only the changelog's tail).",
    )

    # --- Dashboard --------------------------------------------------------------------------
    topic_stats: str = Field(
        default="articles.stats",
        description="Compacted topic where each worker publishes its figures and the counts "
        "of the enriched partitions it holds; every worker reads it whole.",
    )
    dashboard_enabled: bool = Field(
        default=True, description="Serve /dashboard and its API, and publish the group's stats."
    )
    stats_interval_s: float = Field(
        default=2.0, gt=0, description="How often stats are published, lag probed, pages fed."
    )

    # --- Stream memory: near-duplicates and stories ----------------------------------------
    story_window_hours: float = Field(
        default=72.0,
        gt=0,
        description="Articles and stories are remembered this long in event time (the latest "
        "event time seen minus this); older ones leave the window.",
    )
    story_max_articles: int = Field(
        default=200_000,
        ge=1,
        description="At most this many articles in the window: past it the oldest leave early, "
        "so a burst cannot grow the memory without bound.",
    )
    story_threshold: float = Field(
        default=0.15,
        gt=0,
        le=1,
        description="An article joins the best-matching story when its score (cosine of its "
        "TF-IDF vector and of its entities with the story's, decayed by time) reaches this; "
        "else it starts a new story. Chosen on the tune half of bench/stories.py's data.",
    )
    story_half_life_hours: float = Field(
        default=24.0,
        gt=0,
        description="A story's pull on a new article halves with every this many hours since "
        "its latest article.",
    )
    duplicate_containment: float = Field(
        default=0.7,
        gt=0,
        le=1,
        description="A near-copy: at least this share of the shorter story's word 4-grams is "
        "found in the other (estimated by MinHash), so a wire story cut to half is a copy.",
    )

    # --- Delivery ---------------------------------------------------------------------------
    session_timeout_s: float = Field(
        default=30.0,
        gt=0,
        description="A worker that stops heartbeating leaves the group after this.",
    )
    heartbeat_interval_s: float = Field(
        default=3.0,
        gt=0,
        description="Group heartbeat interval (a third of the session timeout at most).",
    )
    processing_guarantee: Literal["at_least_once", "exactly_once"] = Field(
        default="at_least_once",
        description="at_least_once: an input offset is committed once its outputs are acked, "
        "and a crash sends some outputs again. exactly_once: each batch's outputs and its "
        "input offsets commit in one Kafka transaction per input partition, so a consumer "
        "reading with isolation.level=read_committed sees every output once "
        "(pipeline/transactions.py; its cost in bench/RESULTS.md).",
    )
    producer_request_timeout_s: float = Field(
        default=120.0,
        gt=0,
        description="How long the worker's producer retries a record the broker does not "
        "acknowledge (e.g. too few in-sync replicas) before failing it; the worker then stops "
        "without committing the batch, for its supervisor to restart. 120 s, as the Java "
        "producer's delivery.timeout.ms.",
    )


@cache
def get_settings() -> Settings:
    """The process's settings, read once from the environment."""
    return Settings()
