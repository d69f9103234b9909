"""`StoryMemory`: near-duplicates and stories over a window of the stream, one article at a time.

For each enriched article, in event-time order:

1. **Near-copy?** Candidates come from cheap exact keys (the canonical URL, the title) and from
   MinHash-LSH over the story's word 4-grams. A candidate is a copy when most of the shorter
   text is in the other (containment, estimated from the signatures and the shingle counts),
   so a wire story cut to half or with a local paragraph added is still a copy; an article
   that only shares words with another is not. The copy points at the earliest original.
2. **Which story?** A copy joins its original's story. Any other article is scored against the
   stories that share a top term or entity with it: cosine of TF-IDF vectors against the
   story's centroid and cosine of entity saliences, decayed by the time
   since the story's latest article (single-pass clustering, after Miranda et al. 2018,
   "Multilingual Clustering of Streaming News"); the best one at `story_threshold` or above is
   joined, else the article starts a story.

State is bounded: articles leave when their event time falls out of the window (or, past
`story_max_articles`, the oldest leave early), and a story leaves with its last article.
Nothing here knows Kafka; the agent persists the memos and story states this returns, and
`restore` rebuilds the same memory from them.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt

from pipeline.memory import features, vectors
from pipeline.memory.memo import ArticleMemo
from pipeline.memory.minhash import (
    Signature,
    band_index,
    band_keys,
    compact,
    jaccard,
    signature,
)
from pipeline.memory.postings import Postings
from pipeline.memory.vectors import Counts, Keys
from pipeline.models import (
    DuplicateMatch,
    EnrichedArticle,
    StoryAssignment,
    StoryState,
    stable_id,
)
from pipeline.settings import Settings

MIN_SHINGLES = 8  # fewer 4-grams than this (a stub of a story) and text says nothing of copies
MIN_JACCARD = 0.2  # a quote or one paragraph of a long story shares less: no copy
TITLE_CONTAINMENT = 0.3  # the same title and this much shared text make a copy
MAX_DUP_CANDIDATES = 64  # LSH candidates verified at most, the ones sharing most bands first
BLOCK_TERMS = 8  # a member's top terms that its story is found by
BLOCK_ENTITIES = 5  # and its top entities
# An article looks its story up by more of its own: a related article's top terms are often
# not a member's top ones (the tune half's split articles had their story's best score, unfound;
# 16 to 64 terms found the same stories there, the wider the surer on other data).
QUERY_TERMS = 32
QUERY_ENTITIES = 20
MAX_STORY_CANDIDATES = 40  # stories scored at most per article, the ones sharing most keys
FOLD_EVERY = 256  # articles whose blocking postings wait in a dict before a fold
COMPACT_EVERY = 4096  # articles between two sweeps of the postings for expired stories
POSTING_CAP = 256  # stories kept per blocking key, the latest; a common key finds only recent ones
MAX_SOURCES = 100  # sources listed in a story's state
TOP_ENTITIES = 10
TOP_COUNTRIES = 5
# how much each part weighs in the story score (Miranda et al. combine the same three kinds)
# Text and entities weigh in the score; focus countries do not: scored as a bonus they joined
# unrelated articles about one country, as a penalty they split stories told from several
# (bench/stories.py measured both); they are reported in the story's state.
TEXT_WEIGHT, ENTITY_WEIGHT = 0.7, 0.3


@dataclass(frozen=True)
class StoryOutcome:
    """What `StoryMemory.assign` decided for one article."""

    assignment: StoryAssignment
    story: StoryState  # the joined story's new state
    memo: ArticleMemo | None  # what to remember about this article (None if redelivered)
    expired_articles: list[str]  # article ids that left the window
    expired_stories: list[str]  # story ids that left the window


@dataclass(slots=True, eq=False)
class _Article:
    handle: int
    article_id: str
    story: _Story
    new_story: bool
    duplicate_of: str | None
    duplicate_match: DuplicateMatch | None
    similarity: float
    event_time: datetime
    ts: float
    url: str | None
    source: str | None
    title: str | None
    url_key: str | None
    title_key: str | None
    signature: Signature | None
    shingles: int
    terms: npt.NDArray[np.uint32]
    weights: npt.NDArray[np.float32]
    entities: tuple[str, ...]
    saliences: npt.NDArray[np.float64]
    countries: tuple[str, ...]
    entity_keys: Keys  # ids of the casefolded names, derived
    entity_norm: float

    def memo(self) -> ArticleMemo:
        return ArticleMemo(
            article_id=self.article_id,
            story_id=self.story.story_id,
            new_story=self.new_story,
            duplicate_of=self.duplicate_of,
            duplicate_match=self.duplicate_match,
            similarity=self.similarity,
            event_time=self.event_time,
            url=self.url,
            source=self.source,
            title=self.title,
            url_key=self.url_key,
            title_key=self.title_key,
            signature=[] if self.signature is None else self.signature.tolist(),
            shingles=self.shingles,
            terms=self.terms.tolist(),
            weights=self.weights.tolist(),
            entities=list(self.entities),
            saliences=self.saliences.tolist(),
            countries=list(self.countries),
        )

    def assignment(self) -> StoryAssignment:
        return StoryAssignment(
            id=self.article_id,
            story_id=self.story.story_id,
            new_story=self.new_story,
            duplicate_of=self.duplicate_of,
            duplicate_match=self.duplicate_match,
            similarity=self.similarity,
            event_time=self.event_time,
            url=self.url,
            source=self.source,
            title=self.title,
        )


@dataclass(slots=True, eq=False)
class _Story:
    handle: int
    story_id: str
    first_article_id: str
    first_at: datetime
    last_at: datetime
    last_ts: float
    title: str | None
    size: int = 0
    duplicates: int = 0
    sources: dict[str, None] = field(default_factory=dict)
    members: dict[int, _Article] = field(default_factory=dict)
    # sums over the members in the window, as compact arrays (`vectors`); while the story has
    # one member they are that member's own arrays (`own`): most stories stay single
    term_keys: Keys = field(default_factory=lambda: vectors.EMPTY_KEYS)
    term_sums: npt.NDArray[np.floating] = field(default_factory=lambda: vectors.EMPTY_VALUES)
    term_norm: float = 0.0
    entity_keys: Keys = field(default_factory=lambda: vectors.EMPTY_KEYS)
    entity_sums: npt.NDArray[np.floating] = field(default_factory=lambda: vectors.EMPTY_VALUES)
    entity_norm: float = 0.0
    own: bool = True
    countries: Counter[str] = field(default_factory=Counter)

    def state(self) -> StoryState:
        return StoryState(
            id=self.story_id,
            first_article_id=self.first_article_id,
            first_at=self.first_at,
            last_at=self.last_at,
            size=self.size,
            duplicates=self.duplicates,
            sources=sorted(self.sources),
            title=self.title,
            entities=self._top_entities(),
            countries=self.focus_countries(),
        )

    def _top_entities(self) -> list[str]:
        if self.own:
            (only,) = self.members.values()
            return list(only.entities[:TOP_ENTITIES])
        sums = self.entity_sums
        if not len(sums):
            return []
        # the keys at or above the TOP_ENTITIES-th sum (ties broken by name below)
        cut = -np.partition(-sums, min(TOP_ENTITIES, len(sums)) - 1)[
            min(TOP_ENTITIES, len(sums)) - 1
        ]
        chosen = dict(zip(self.entity_keys[sums >= cut].tolist(), sums[sums >= cut].tolist(),
                          strict=True))  # fmt: skip
        names = self._names(chosen)
        top = sorted(chosen.items(), key=lambda item: (-item[1], names[item[0]]))
        return [names[key] for key, _ in top[:TOP_ENTITIES]]

    def _names(self, keys: dict[int, float]) -> dict[int, str]:
        """The names of entity keys, from the first member that names each (a name per key
        per story would cost a dict each; the top entities are named by most members)."""
        names: dict[int, str] = {}
        for member in self.members.values():
            for key, name in zip(member.entity_keys.tolist(), member.entities, strict=True):
                if key in keys:
                    names.setdefault(key, name)
            if len(names) == len(keys):
                break
        return names

    def focus_countries(self) -> list[str]:
        if not self.countries:
            return []
        most = max(self.countries.values())
        ranked = sorted(self.countries.items(), key=lambda item: (-item[1], item[0]))
        return [code for code, count in ranked[:TOP_COUNTRIES] if 2 * count >= most]


@dataclass(frozen=True, slots=True)
class _Features:
    url_key: str | None
    title_key: str | None
    signature: Signature | None
    shingles: int
    terms: npt.NDArray[np.uint32]
    weights: npt.NDArray[np.float32]
    entities: tuple[str, ...]
    saliences: npt.NDArray[np.float64]
    countries: tuple[str, ...]
    entity_keys: Keys
    entity_norm: float


@dataclass(frozen=True, slots=True)
class _Query:
    """An article's vectors with their keys sorted, for scoring it against many stories."""

    term_keys: Keys
    term_weights: npt.NDArray[np.float64]
    entity_keys: Keys
    entity_weights: npt.NDArray[np.float64]
    entity_norm: float

    @classmethod
    def of(cls, found: _Features) -> _Query:
        terms = np.argsort(found.terms, kind="stable")
        entities = np.argsort(found.entity_keys, kind="stable")
        return cls(
            found.terms[terms],
            found.weights[terms].astype(np.float64),
            found.entity_keys[entities],
            found.saliences[entities],
            found.entity_norm,
        )


def event_time_of(article: EnrichedArticle, default: datetime) -> datetime:
    """An article's time in the stream: its published time when the pipeline knows one that is
    not after its fetch, else `fetched_at`, else `default`."""
    fetched = article.fetched_at or default
    published = _published(article)
    if published is not None and published <= fetched:
        return published
    return fetched


def _published(article: EnrichedArticle) -> datetime | None:
    # `metadata` comes with another issue; read it without depending on its shape
    metadata = getattr(article, "metadata", None)
    value = getattr(metadata, "published_at", None) or getattr(metadata, "published", None)
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value
    return None


def _entity_id(key: str) -> int:
    return features.term_id("\x00entity\x00" + key)


class StoryMemory:
    """Near-duplicates and stories over the window; see the module's docstring."""

    def __init__(self, settings: Settings) -> None:
        self._window_s = settings.story_window_hours * 3600.0
        self._max_articles = settings.story_max_articles
        self._threshold = settings.story_threshold
        self._half_life_s = settings.story_half_life_hours * 3600.0
        self._containment = settings.duplicate_containment
        self._next_handle = 0
        self._articles: dict[int, _Article] = {}
        self._by_id: dict[str, _Article] = {}
        self._stories: dict[int, _Story] = {}
        self._by_story_id: dict[str, _Story] = {}
        self._by_url: dict[str, _Article] = {}
        self._by_title: dict[str, _Article] = {}
        self._lsh = band_index()
        self._postings = Postings(fold_at=FOLD_EVERY, merge_at=COMPACT_EVERY, cap=POSTING_CAP)
        self._df = Counts()
        self._queue: list[tuple[float, int]] = []  # (event time, handle): the oldest first
        self._watermark = -math.inf

    # --- public ------------------------------------------------------------------------------

    def assign(self, article: EnrichedArticle, event_time: datetime) -> StoryOutcome:
        """Assign one article (in event-time order, ideally); idempotent on its id."""
        known = self._by_id.get(article.id)
        if known is not None:
            return StoryOutcome(known.assignment(), known.story.state(), None, [], [])
        event_time = _aware(event_time)
        ts = event_time.timestamp()
        expired_articles, expired_stories = self._advance(ts)
        found = self._features(article)
        entry = self._place(article, event_time, ts, found)
        self._remember(entry, index=True)
        self._lsh.maybe_merge(self._articles.__contains__)
        self._postings.maybe_merge(self._stories.__contains__)
        more_articles, more_stories = self._evict_over_cap()
        return StoryOutcome(
            entry.assignment(),
            entry.story.state(),
            entry.memo(),
            expired_articles + more_articles,
            expired_stories + more_stories,
        )

    def restore(self, memos: Iterable[ArticleMemo], stories: Iterable[StoryState]) -> None:
        """Rebuild the memory from persisted memos and story states (after a restart): the
        articles are put back in event-time order, and each story takes its persisted counts."""
        states = {state.id: state for state in stories}
        for memo in sorted(memos, key=lambda m: (m.event_time, m.article_id)):
            if memo.article_id in self._by_id:
                continue
            ts = memo.event_time.timestamp()
            self._watermark = max(self._watermark, ts)
            story = self._by_story_id.get(memo.story_id)
            if story is None:
                story = self._new_story(memo.story_id, memo.article_id, memo.event_time, ts)
                story.title = memo.title
                state = states.get(memo.story_id)
                if state is not None:
                    _apply_state(story, state)
            entry = _from_memo(memo, self._take_handle(), story)
            self._remember(entry, index=True, counted=memo.story_id not in states)
        self._lsh.merge(self._articles.__contains__)
        self._advance(self._watermark)
        self._compact_postings()

    def _compact_postings(self) -> None:
        """Drop the postings of stories that left the window, and keys left with none, so the
        index holds what the window holds however long the stream runs."""
        self._postings.merge(self._stories.__contains__)

    def story(self, story_id: str) -> StoryState | None:
        found = self._by_story_id.get(story_id)
        return None if found is None else found.state()

    def __len__(self) -> int:
        """Articles in the window."""
        return len(self._articles)

    @property
    def story_count(self) -> int:
        return len(self._stories)

    def footprint(self) -> dict[str, int]:
        """Bytes held by each part of the memory, as counted (arrays and the objects that hold
        them; strings shared with the caller's articles and the allocator's slack left out).
        It walks the window: for benches and diagnostics, not per article."""
        articles = stories = 0
        signatures = vectors_bytes = 0
        for entry in self._articles.values():
            articles += sys.getsizeof(entry) + sys.getsizeof(entry.event_time)
            articles += sys.getsizeof(entry.entities) + sys.getsizeof(entry.countries)
            if entry.signature is not None:
                signatures += _array_bytes(entry.signature)
            vectors_bytes += _array_bytes(
                entry.terms, entry.weights, entry.entity_keys, entry.saliences
            )
        sums = 0
        for story in self._stories.values():
            stories += sys.getsizeof(story) + sys.getsizeof(story.members)
            stories += sys.getsizeof(story.sources) + sys.getsizeof(story.countries)
            if not story.own:
                sums += _array_bytes(
                    story.term_keys, story.term_sums, story.entity_keys, story.entity_sums
                )
        lookups = sum(
            map(sys.getsizeof, (self._articles, self._by_id, self._by_url, self._by_title))
        )
        return {
            "articles (objects, times, names)": articles,
            "MinHash signatures": signatures,
            "article vectors (terms, entities)": vectors_bytes,
            "LSH band postings": self._lsh.nbytes,
            "story blocking postings": self._postings.nbytes,
            "stories (objects, members, sources)": stories,
            "story sums (centroids, entities)": sums,
            "document frequencies": self._df.nbytes,
            "lookups (by id, URL, title) and queue": lookups
            + sys.getsizeof(self._queue)
            + len(self._queue) * (sys.getsizeof((0.0, 0)) + sys.getsizeof(0.0)),
        }

    # --- one article -------------------------------------------------------------------------

    def _features(self, article: EnrichedArticle) -> _Features:
        tokens = features.words(article.story.text)
        shingles = features.shingles(tokens)
        sig = signature(shingles) if len(shingles) >= MIN_SHINGLES else None
        terms, weights = self._tfidf(features.term_counts(article.title, tokens))
        entity_weights = features.entity_weights(article)
        saliences = np.array(
            [round(weight, 4) for _, weight in entity_weights.values()], dtype=np.float64
        )
        return _Features(
            url_key=features.url_key(article.url),
            title_key=features.title_key(article.title),
            signature=sig,
            shingles=len(shingles),
            terms=terms,
            weights=weights,
            entities=tuple(sys.intern(name) for name, _ in entity_weights.values()),
            saliences=saliences,
            countries=tuple(features.focus_countries(article)),
            entity_keys=_entity_keys(entity_weights),
            entity_norm=vectors.norm(saliences),
        )

    def _tfidf(
        self, counts: Counter[int]
    ) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.float32]]:
        """The top MAX_TERMS terms by TF-IDF (IDF over the articles in the window), unit length."""
        n = len(self._articles)
        keys = np.fromiter(counts.keys(), dtype=np.uint32, count=len(counts))
        df = self._df.get(keys).tolist()
        scored = [
            ((1.0 + math.log(tf)) * (math.log((1 + n) / (1 + seen)) + 1.0), term)
            for (term, tf), seen in zip(counts.items(), df, strict=True)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        top = scored[: features.MAX_TERMS]
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        terms = np.array([t for _, t in top], dtype=np.uint32)
        weights = np.array([w / norm for w, _ in top], dtype=np.float32)
        return terms, weights

    def _place(
        self, article: EnrichedArticle, event_time: datetime, ts: float, found: _Features
    ) -> _Article:
        handle = self._take_handle()
        copy = self._find_original(found)
        if copy is not None:
            original, match, similarity = copy
            story, new_story = original.story, False
            duplicate_of: str | None = original.duplicate_of or original.article_id
        else:
            match, duplicate_of = None, None
            best = self._best_story(found, ts)
            if best is None:
                story_id = stable_id("story", article.id)
                story = self._new_story(story_id, article.id, event_time, ts)
                story.title = article.title
                new_story, similarity = True, 0.0
            else:
                story, similarity = best
                new_story = False
        return _Article(
            handle=handle,
            article_id=article.id,
            story=story,
            new_story=new_story,
            duplicate_of=duplicate_of,
            duplicate_match=match,
            similarity=round(min(max(similarity, 0.0), 1.0), 4),
            event_time=event_time,
            ts=ts,
            url=article.url,
            source=article.source,
            title=article.title,
            url_key=found.url_key,
            title_key=found.title_key,
            signature=found.signature,
            shingles=found.shingles,
            terms=found.terms,
            weights=found.weights,
            entities=found.entities,
            saliences=found.saliences,
            countries=found.countries,
            entity_keys=found.entity_keys,
            entity_norm=found.entity_norm,
        )

    # --- near-duplicates ---------------------------------------------------------------------

    def _find_original(self, found: _Features) -> tuple[_Article, DuplicateMatch, float] | None:
        """The earliest article in the window that this one is a near-copy of."""
        matches: list[tuple[_Article, DuplicateMatch, float]] = []
        if found.url_key is not None and (same := self._by_url.get(found.url_key)) is not None:
            # the same page fetched again, whatever changed in it
            contained = self._containment_of(found, same)
            matches.append((same, "url", 1.0 if contained is None else contained))
        if (
            found.title_key is not None
            and (same := self._by_title.get(found.title_key)) is not None
        ):
            contained = self._containment_of(found, same)
            if contained is None or contained >= TITLE_CONTAINMENT:
                matches.append((same, "title", 1.0 if contained is None else contained))
        if found.signature is not None:
            matches.extend(self._text_matches(found))
        if not matches:
            return None
        return min(matches, key=lambda m: (m[0].ts, m[0].article_id))

    def _text_matches(self, found: _Features) -> list[tuple[_Article, DuplicateMatch, float]]:
        assert found.signature is not None
        handles = self._lsh.query(band_keys(found.signature))
        candidates = [self._articles[h] for h in handles if h in self._articles]
        if len(candidates) > MAX_DUP_CANDIDATES:
            candidates.sort(
                key=lambda c: (-_shared_slots(found.signature, c.signature), c.article_id)
            )
            candidates = candidates[:MAX_DUP_CANDIDATES]
        matches: list[tuple[_Article, DuplicateMatch, float]] = []
        for candidate in candidates:
            if candidate.signature is None:
                continue
            similarity = jaccard(found.signature, candidate.signature)
            if similarity < MIN_JACCARD:
                continue
            contained = _containment(similarity, found.shingles, candidate.shingles)
            if contained >= self._containment:
                matches.append((candidate, "text", contained))
        return matches

    def _containment_of(self, found: _Features, other: _Article) -> float | None:
        if found.signature is None or other.signature is None:
            return None
        similarity = jaccard(found.signature, other.signature)
        return _containment(similarity, found.shingles, other.shingles)

    # --- stories -----------------------------------------------------------------------------

    def _best_story(self, found: _Features, ts: float) -> tuple[_Story, float] | None:
        shared = self._postings.shared(
            _block_keys(found.terms, found.entity_keys, QUERY_TERMS, QUERY_ENTITIES)
        )
        ranked = sorted(
            (h for h in shared if h in self._stories),
            key=lambda h: (-shared[h], -self._stories[h].last_ts, self._stories[h].story_id),
        )[:MAX_STORY_CANDIDATES]
        if not ranked:
            return None
        stories = [self._stories[handle] for handle in ranked]
        scores = self._scores(_Query.of(found), stories, ts)
        best = int(np.argmax(scores))  # the first of equal scores, as ranked
        if scores[best] >= self._threshold:
            return stories[best], float(scores[best])
        return None

    def _scores(self, query: _Query, stories: list[_Story], ts: float) -> npt.NDArray[np.float64]:
        """Each story's pull on the article: a weighted mean of text and entity similarity
        (entities when both sides have some), halved every half-life since the story's latest
        article."""
        text = _cosines(
            vectors.dots(
                query.term_keys,
                query.term_weights,
                [story.term_keys for story in stories],
                [story.term_sums for story in stories],
            ),
            np.array([story.term_norm for story in stories]),
        )
        total = TEXT_WEIGHT * text
        weights = np.full(len(stories), TEXT_WEIGHT)
        if len(query.entity_keys):
            entity_norms = np.array([story.entity_norm for story in stories])
            entities = _cosines(
                vectors.dots(
                    query.entity_keys,
                    query.entity_weights,
                    [story.entity_keys for story in stories],
                    [story.entity_sums for story in stories],
                ),
                query.entity_norm * entity_norms,
            )
            named = entity_norms > 0
            total = total + np.where(named, ENTITY_WEIGHT * entities, 0.0)
            weights = weights + np.where(named, ENTITY_WEIGHT, 0.0)
        ages = np.maximum(0.0, ts - np.array([story.last_ts for story in stories]))
        scores: npt.NDArray[np.float64] = total / weights * 0.5 ** (ages / self._half_life_s)
        return scores

    # --- bookkeeping -------------------------------------------------------------------------

    def _take_handle(self) -> int:
        self._next_handle += 1
        return self._next_handle

    def _new_story(self, story_id: str, first_id: str, at: datetime, ts: float) -> _Story:
        story = _Story(self._take_handle(), story_id, first_id, at, at, ts, None)
        self._stories[story.handle] = story
        self._by_story_id[story_id] = story
        return story

    def _remember(self, entry: _Article, *, index: bool, counted: bool = True) -> None:
        """Put an article in the window and into its story (`counted`: add it to the story's
        size and sources too, which a restored story already holds)."""
        self._articles[entry.handle] = entry
        self._by_id[entry.article_id] = entry
        heapq.heappush(self._queue, (entry.ts, entry.handle))
        if entry.url_key is not None:
            self._by_url.setdefault(entry.url_key, entry)
        if entry.title_key is not None:
            self._by_title.setdefault(entry.title_key, entry)
        if index and entry.signature is not None:
            self._lsh.add(entry.handle, band_keys(entry.signature))
        self._df.add(entry.terms, 1)
        story = entry.story
        if counted:
            story.size += 1
            story.duplicates += entry.duplicate_of is not None
            if entry.source and len(story.sources) < MAX_SOURCES:
                story.sources[entry.source] = None
        if entry.ts > story.last_ts:
            story.last_ts, story.last_at = entry.ts, entry.event_time
        _join(story, entry)
        self._postings.add(
            story.handle, _block_keys(entry.terms, entry.entity_keys, BLOCK_TERMS, BLOCK_ENTITIES)
        )

    def _advance(self, ts: float) -> tuple[list[str], list[str]]:
        """Move the window's end to `ts` and drop what fell out of it."""
        self._watermark = max(self._watermark, ts)
        cutoff = self._watermark - self._window_s
        articles: list[str] = []
        stories: list[str] = []
        while self._queue and self._queue[0][0] < cutoff:
            _, handle = heapq.heappop(self._queue)
            self._forget(handle, articles, stories)
        return articles, stories

    def _evict_over_cap(self) -> tuple[list[str], list[str]]:
        articles: list[str] = []
        stories: list[str] = []
        while len(self._articles) > self._max_articles and self._queue:
            _, handle = heapq.heappop(self._queue)
            self._forget(handle, articles, stories)
        return articles, stories

    def _forget(self, handle: int, articles: list[str], stories: list[str]) -> None:
        entry = self._articles.pop(handle, None)
        if entry is None:
            return
        articles.append(entry.article_id)
        del self._by_id[entry.article_id]
        if entry.url_key is not None and self._by_url.get(entry.url_key) is entry:
            del self._by_url[entry.url_key]
        if entry.title_key is not None and self._by_title.get(entry.title_key) is entry:
            del self._by_title[entry.title_key]
        self._df.add(entry.terms, -1)
        story = entry.story
        _leave(story, entry)
        if not story.members:
            del self._stories[story.handle]
            del self._by_story_id[story.story_id]
            stories.append(story.story_id)


# --- story vectors ---------------------------------------------------------------------------


def _join(story: _Story, entry: _Article) -> None:
    if not story.members:
        # the first member: its own arrays serve as the story's sums, no copy
        story.term_keys, story.term_sums = entry.terms, entry.weights
        story.term_norm = vectors.norm(entry.weights)
        story.entity_keys, story.entity_sums = entry.entity_keys, entry.saliences
        story.entity_norm = entry.entity_norm
        story.own = True
    else:
        _add(story, entry, 1.0)
    story.members[entry.handle] = entry
    story.countries.update(entry.countries)


def _leave(story: _Story, entry: _Article) -> None:
    del story.members[entry.handle]
    story.countries.subtract(entry.countries)
    story.countries = +story.countries
    if story.members:
        _add(story, entry, -1.0)


def _add(story: _Story, entry: _Article, sign: float) -> None:
    story.term_keys, story.term_sums = vectors.add(
        story.term_keys, story.term_sums, entry.terms, entry.weights, sign
    )
    story.term_norm = vectors.norm(story.term_sums)
    story.entity_keys, story.entity_sums = vectors.add(
        story.entity_keys, story.entity_sums, entry.entity_keys, entry.saliences, sign
    )
    story.entity_norm = vectors.norm(story.entity_sums)
    story.own = False


def _cosines(
    dots: npt.NDArray[np.float64], norms: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """dot / norm, at least 0, and 0 where the norm is."""
    safe = np.where(norms > 0, norms, 1.0)
    return np.where(norms > 0, np.maximum(0.0, dots / safe), 0.0)


def _entity_keys(weights: dict[str, tuple[str, float]]) -> npt.NDArray[np.uint32]:
    return np.array([_entity_id(key) for key in weights], dtype=np.uint32)


def _block_keys(
    terms: npt.NDArray[np.uint32],
    entities: npt.NDArray[np.uint32],
    top_terms: int,
    top_entities: int,
) -> list[int]:
    keys: list[int] = terms[:top_terms].tolist()
    keys.extend(entities[:top_entities].tolist())
    return keys


# --- helpers ---------------------------------------------------------------------------------


def _containment(similarity: float, size: int, other_size: int) -> float:
    """The share of the smaller shingle set found in the other, from their Jaccard similarity
    J and sizes: |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    smaller = min(size, other_size)
    if smaller <= 0:
        return 0.0
    shared = similarity * (size + other_size) / (1.0 + similarity)
    return min(1.0, shared / smaller)


def _shared_slots(one: Signature | None, other: Signature | None) -> int:
    if one is None or other is None:
        return 0
    return int(np.count_nonzero(one == other))


def _array_bytes(*arrays: npt.NDArray[Any]) -> int:
    """Arrays' headers and values (`getsizeof` counts a view's header only)."""
    return sum(sys.getsizeof(a) + (a.nbytes if a.base is not None else 0) for a in arrays)


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _apply_state(story: _Story, state: StoryState) -> None:
    story.first_article_id = state.first_article_id
    story.first_at = state.first_at
    story.last_at = state.last_at
    story.last_ts = state.last_at.timestamp()
    story.size = state.size
    story.duplicates = state.duplicates
    story.sources = dict.fromkeys(state.sources)
    story.title = state.title


def _from_memo(memo: ArticleMemo, handle: int, story: _Story) -> _Article:
    return _Article(
        handle=handle,
        article_id=memo.article_id,
        story=story,
        new_story=memo.new_story,
        duplicate_of=memo.duplicate_of,
        duplicate_match=memo.duplicate_match,
        similarity=memo.similarity,
        event_time=memo.event_time,
        ts=memo.event_time.timestamp(),
        url=memo.url,
        source=memo.source,
        title=memo.title,
        url_key=memo.url_key,
        title_key=memo.title_key,
        signature=compact(memo.signature) if memo.signature else None,
        shingles=memo.shingles,
        terms=np.array(memo.terms, dtype=np.uint32),
        weights=np.array(memo.weights, dtype=np.float32),
        entities=tuple(sys.intern(name) for name in memo.entities),
        saliences=np.array(memo.saliences, dtype=np.float64),
        countries=tuple(memo.countries),
        entity_keys=np.array([_entity_id(n.casefold()) for n in memo.entities], dtype=np.uint32),
        entity_norm=vectors.norm(np.array(memo.saliences, dtype=np.float64)),
    )
