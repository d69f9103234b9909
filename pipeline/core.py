"""`enrich`: a RawArticle to an EnrichedArticle, by calling the stages in order.

No Kafka here: the agents, the CLI's `enrich` command, the tests and the benchmarks all call
these two functions. The stages and what each reads and writes:

    split      RawArticle.body, content_type, fetched_at -> title, story, sidebar
    metadata   the split's parsed page, url, fetched_at   -> metadata   (dates, authors, ...)
    language   RawArticle.language, story text            -> language
    entities   title, story text                          -> entities   (spaCy NER, batched)
    countries  title, story text, entities, dateline      -> countries, entity types corrected,
                                                            metadata.dateline_country
    leads      sidebar headlines                          -> each sidebar entry's countries

`entities`, `countries` and `leads` read English: for a story in another language they stand
aside (empty lists, sidebar countries null, no time in `stage_ms`), and the article still flows
with its story and sidebar.

`enrich_records` runs the decode stage first, for the agent, so that all of it runs off the
event loop. A stage refuses an input by raising StageError; any other exception inside a stage
becomes a `processing_error` StageError for that one article, so one bad page never fails its
batch. Each article has a work budget (`pipeline.budget`, PIPELINE_ARTICLE_BUDGET_S), checked
between stages and inside the split: past it, the article is refused as `too_slow`. Its output
is bounded too (`pipeline.output_size`): title, story, sidebar and mentions are cut by settings.
Each stage's wall time goes in `stage_ms`; its CPU time in the process's
`pipeline_stage_cpu_seconds` (pipeline.metrics), which the worker serves at /metrics.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TypeVar

from pipeline import __version__, metrics
from pipeline.budget import WorkBudget
from pipeline.decode import decode_raw
from pipeline.errors import StageError
from pipeline.models import (
    ArticleMetadata,
    Country,
    EnrichedArticle,
    Entity,
    PipelineInfo,
    RawArticle,
    ReasonCode,
    SidebarEntry,
    Story,
)
from pipeline.nlp.canonical import DocumentEntities
from pipeline.nlp.countries import dateline_country
from pipeline.nlp.entities import tag_documents
from pipeline.nlp.entity_types import settle
from pipeline.nlp.language import SUPPORTED, detect_language
from pipeline.nlp.leads import with_countries
from pipeline.nlp.metadata import extract_metadata
from pipeline.nlp.sanitize import one_line
from pipeline.nlp.split import PageSplit, split_page, split_story_only
from pipeline.output_size import (
    bounded_metadata,
    bounded_sidebar,
    bounded_story,
    capped_mentions,
)
from pipeline.settings import Settings, get_settings

log = logging.getLogger(__name__)
T = TypeVar("T")

# NER time grows with text length, so it reads a story's first `ner_max_story_chars` only (the
# setting; offsets stay valid: it is a prefix) and a title's first NER_MAX_TITLE_CHARS.
NER_MAX_TITLE_CHARS = 1_000


@dataclass(frozen=True, slots=True)
class _Split:
    raw: RawArticle
    page: PageSplit
    title: str
    story: Story  # confidence included, cut to the settings' length
    metadata: ArticleMetadata
    language: str | None
    stage_ms: dict[str, float]
    budget: WorkBudget

    @property
    def story_text(self) -> str:
        return self.story.text

    @property
    def tagged(self) -> bool:
        """Whether the English stages run: the language is English or unknown."""
        return self.language is None or self.language in SUPPORTED


def _timed(stage: str, stage_ms: dict[str, float], budget: WorkBudget, work: Callable[[], T]) -> T:
    """Run one stage, record its time, charge it to the article's budget, and turn an
    unexpected exception into a StageError."""
    started, cpu_started = time.perf_counter(), time.thread_time()
    try:
        with budget.charging():
            result = work()
        budget.check(stage)
        return result
    except StageError:
        raise
    except Exception as exc:
        log.exception("stage %s failed", stage)
        raise StageError(ReasonCode.PROCESSING_ERROR, f"{stage}: {exc!r}", stage=stage) from exc
    finally:
        stage_ms[stage] = round((time.perf_counter() - started) * 1000, 3)
        metrics.stage_cpu_seconds(stage).observe(time.thread_time() - cpu_started)


def _split(raw: RawArticle, story_only: bool, settings: Settings) -> _Split:
    """The split stage; the language is left for `_with_language`."""
    stage_ms: dict[str, float] = {}
    budget = WorkBudget(settings.article_budget_s)
    if story_only:
        page = _timed("split", stage_ms, budget, lambda: split_story_only(raw.body))
    else:
        page = _timed(
            "split",
            stage_ms,
            budget,
            lambda: split_page(raw.body, raw.content_type, raw.fetched_at, budget),
        )
    title = raw.title if raw.title and not story_only else (page.title or "")
    title = one_line(title[: 2 * settings.max_title_chars])[: settings.max_title_chars]
    story = bounded_story(page.paragraphs, page.confidence, settings.max_story_chars)
    metadata = _timed("metadata", stage_ms, budget, partial(_metadata, raw, page, settings))
    return _Split(raw, page, title, story, metadata, None, stage_ms, budget)


def _metadata(raw: RawArticle, page: PageSplit, settings: Settings) -> ArticleMetadata:
    """The metadata stage. A date later than the fetch time (else now) plus the allowed skew
    is refused."""
    latest = (raw.fetched_at or datetime.now(UTC)) + timedelta(
        seconds=settings.metadata_max_future_skew_s
    )
    html = raw.body if page.page is not None else None
    return extract_metadata(page, url=raw.url, body=html, fetched_at=raw.fetched_at, latest=latest)


def _countries(
    split: _Split, entities: list[Entity], shows_teams: bool | None = None
) -> tuple[list[Entity], list[Country], ArticleMetadata]:
    """The countries stage: the entities' types settled against the gazetteer, the story's
    countries, and the dateline's country among them. `shows_teams` is the entity pass's
    finding on the same texts, None when it read less of them."""
    countries: list[Country] = []
    if split.tagged:
        settled = settle(split.title, split.story_text, entities, shows_teams=shows_teams)
        entities, countries = settled.entities, settled.countries
    metadata = split.metadata
    if metadata.dateline:
        code = dateline_country(metadata.dateline, countries)
        metadata = metadata.model_copy(update={"dateline_country": code})
    return entities, countries, metadata


def _with_language(split: _Split) -> _Split:
    text = split.story_text or split.title
    language = split.raw.language or _timed(
        "language", split.stage_ms, split.budget, lambda: detect_language(text)
    )
    return replace(split, language=language)


def enrich_batch(
    raws: Sequence[RawArticle], *, story_only: bool = False, settings: Settings | None = None
) -> list[EnrichedArticle | StageError]:
    """Enrich many articles at once (NER runs over the whole batch); one result per input,
    in order: the EnrichedArticle, or the StageError that refused that article. `settings`
    (the process's by default) give the work budget and the output bounds."""
    settings = settings or get_settings()
    results: list[EnrichedArticle | StageError | None] = [None] * len(raws)
    # Stage by stage over the batch, not article by article: a stage's working set (the
    # language model's tables, say) stays in the CPU cache from one article to the next.
    pages: list[tuple[int, _Split]] = []
    for index, raw in enumerate(raws):
        try:
            pages.append((index, _split(raw, story_only, settings)))
        except StageError as error:
            results[index] = error
    splits: list[tuple[int, _Split]] = []
    for index, page in pages:
        try:
            splits.append((index, _with_language(page)))
        except StageError as error:
            results[index] = error

    # NER is one call over the batch: each article's budget is checked before it, and each
    # pays a share of it by the length of its text (NER's time grows with it; its input is
    # bounded by the caps above), so a long neighbour's cost is not charged to others.
    to_tag: list[_Split] = []
    for index, split in splits:
        try:
            if split.tagged:
                split.budget.check("entities")
                to_tag.append(split)
        except StageError as error:
            results[index] = error
    story_cap = settings.ner_max_story_chars
    texts = [(s.title[:NER_MAX_TITLE_CHARS], s.story_text[:story_cap]) for s in to_tag]
    started, cpu_started = time.perf_counter(), time.thread_time()
    tagged = _tag_entities_isolated(texts)
    lengths = [len(title) + len(story) + 1 for title, story in texts]
    per_char = (time.thread_time() - cpu_started) / max(sum(lengths), 1)
    share = {id(split): per_char * length for split, length in zip(to_tag, lengths, strict=True)}
    entities_ms = round((time.perf_counter() - started) * 1000 / max(len(to_tag), 1), 3)
    entities_of = {id(split): entities for split, entities in zip(to_tag, tagged, strict=True)}

    for index, split in splits:
        if results[index] is not None:
            continue  # refused before NER
        document = entities_of.get(id(split))
        if isinstance(document, StageError):
            results[index] = document
            continue
        entities = document.entities if document is not None else []
        # The entity pass read the texts up to the NER caps; the country stage reads them all.
        read_all = len(split.story_text) <= story_cap and len(split.title) <= NER_MAX_TITLE_CHARS
        shows_teams = document.shows_teams if document is not None and read_all else None
        stage_ms = dict(split.stage_ms)
        sidebar = bounded_sidebar(split.page.sidebar, settings)
        try:
            if split.tagged:
                stage_ms["entities"] = entities_ms
                split.budget.charge(share[id(split)])
                metrics.stage_cpu_seconds("entities").observe(share[id(split)])
                tag = partial(_countries, split, entities, shows_teams)
                entities, countries, metadata = _timed("countries", stage_ms, split.budget, tag)
                if sidebar:
                    leads = partial(with_countries, sidebar)
                    sidebar = _timed("leads", stage_ms, split.budget, leads)
            else:
                entities, countries, metadata = _countries(split, entities)  # the dateline alone
        except StageError as error:
            results[index] = error
            continue
        results[index] = _assemble(
            split, entities, countries, sidebar, metadata, stage_ms, settings
        )
    return [result for result in results if result is not None]


def _assemble(
    split: _Split,
    entities: list[Entity],
    countries: list[Country],
    sidebar: list[SidebarEntry],
    metadata: ArticleMetadata,
    stage_ms: dict[str, float],
    settings: Settings,
) -> EnrichedArticle:
    raw = split.raw
    return EnrichedArticle(
        id=raw.article_id,
        url=raw.url,
        source=raw.source,
        fetched_at=raw.fetched_at,
        language=split.language,
        title=split.title or None,
        story=split.story,
        sidebar=sidebar,
        entities=capped_mentions(entities, settings.max_mentions),
        countries=capped_mentions(countries, settings.max_mentions),
        metadata=bounded_metadata(metadata, settings),
        pipeline=PipelineInfo(version=__version__, stage_ms=stage_ms),
    )


def _tag_entities_isolated(
    texts: list[tuple[str, str]],
) -> list[DocumentEntities | StageError]:
    """Tag the batch in one call; if that fails, tag one by one so only the bad article fails."""
    try:
        return list(tag_documents(texts))
    except Exception as exc:
        if len(texts) == 1:
            log.exception("entity tagging failed")
            return [StageError(ReasonCode.PROCESSING_ERROR, f"entities: {exc!r}", stage="entities")]
    isolated: list[DocumentEntities | StageError] = []
    for text in texts:
        isolated.extend(_tag_entities_isolated([text]))
    return isolated


def enrich_records(
    records: Sequence[tuple[bytes | None, datetime | None]], *, max_body_bytes: int
) -> list[EnrichedArticle | StageError]:
    """Decode and enrich input records (value, record timestamp); one result per record, in
    order. An article that gives no `fetched_at` was fetched when its record was written, so
    the record's timestamp stands in for it (sidebar ages then resolve to dates)."""
    results: list[EnrichedArticle | StageError | None] = [None] * len(records)
    decoded: list[tuple[int, RawArticle]] = []
    for index, (value, timestamp) in enumerate(records):
        try:
            raw = decode_raw(value, max_body_bytes=max_body_bytes)
        except StageError as refused:
            results[index] = refused
            continue
        if raw.fetched_at is None and timestamp is not None:
            raw = raw.model_copy(update={"fetched_at": timestamp})
        decoded.append((index, raw))
    enriched = enrich_batch([raw for _, raw in decoded])
    for (index, _), result in zip(decoded, enriched, strict=True):
        results[index] = result
    return [result for result in results if result is not None]


def enrich(raw: RawArticle, *, story_only: bool = False) -> EnrichedArticle:
    """Enrich one article; raises StageError when a stage refuses it."""
    (result,) = enrich_batch([raw], story_only=story_only)
    if isinstance(result, StageError):
        raise result
    return result


WARM_UP_BUDGET_S = 600.0  # loading the models and the gazetteer, however slow the host


def warm_up() -> float:
    """Load the spaCy model, the gazetteer, the language model and htmldate (an undated HTML
    page gets to it) now, not in the first batch (whose events would otherwise wait seconds);
    returns the seconds it took."""
    started = time.perf_counter()
    story = "A warm-up story: the minister flew from Paris to Nairobi on Monday."
    pages = [
        RawArticle(body=story),
        RawArticle(body=f"<html><body><p>{story}</p></body></html>", content_type="text/html"),
    ]
    # Loading is no article's work: the per-article budget would refuse it on a slow host
    settings = get_settings().model_copy(update={"article_budget_s": WARM_UP_BUDGET_S})
    for page in pages:
        (result,) = enrich_batch([page], settings=settings)
        if isinstance(result, StageError):
            raise result
    metrics.forget_stage_cpu()  # the loading is no stage's per-article cost
    return time.perf_counter() - started
