"""Stream memory quality and cost, beside simple baselines, in one run.

    python bench/stories.py [--capacity N] [--no-write]

1. **Stories** on ../shared/data/stories/wikiref220.jsonl.gz (220 real articles, 16 topics; the
   topics are coarser than stories, see its README): BCubed precision/recall/F1 and the adjusted
   Rand index of `StoryMemory` against a plain TF-IDF single pass (a new article links to the
   cluster of its most similar earlier article when their cosine is 0.3 or more, IDF over the
   whole half; with all words as scikit-learn's defaults do, and without stop words),
   all-in-one-story and one-story-each. The set has no times: each half is streamed in a fixed
   shuffled order, one article every 10 minutes. Beside it, the share of distinct articles (250
   Dragnet articles per half) that each system puts in another's story: the cost of a low
   threshold on a stream of unrelated news.
2. **Near-duplicates** on copies of real Dragnet articles made by `bench/copies.py` (eight kinds
   of edits), streamed with the originals and with the stories set's articles as negatives
   (different articles on the same topic): precision and recall over (copy, original) pairs, a
   pair right only when it names the copy's own original, against exact title match and MinHash
   alone (datasketch, Jaccard 0.5). Pages are split by the pipeline's splitter, NER left out
   (duplicates read the story text only).
3. **Cost**: rensa against datasketch for the same signatures, and `StoryMemory`'s own capacity
   (articles/s of `assign` in CPU time) and memory (process RSS growth) with 100k articles in the
   window, synthesised from the enriched stories-set articles (paragraphs of several articles
   mixed, in stories of five).

Every set is cut in two halves by a hash of the id: "tune" is what settings were chosen on,
"report" is held out; the goals are checked on "report".
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import math
import random
import re
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import SHARED_DATA, read_jsonl, write_results  # also puts the repository on sys.path
from copies import KINDS, half, load_articles, pages

from pipeline.core import enrich_batch
from pipeline.memory import StoryMemory
from pipeline.memory.features import shingles, term_counts, title_key, words
from pipeline.memory.minhash import NUM_PERM, signature
from pipeline.models import EnrichedArticle, PipelineInfo, RawArticle, Story
from pipeline.nlp.split import split_page
from pipeline.settings import Settings

HALVES = ("tune", "report")
T0 = datetime(2024, 3, 1, tzinfo=UTC)
STEP = timedelta(minutes=10)  # between two articles of the stories set
TFIDF_LINK = 0.3  # the baseline's cosine
TFIDF = f"TF-IDF single pass, cosine {TFIDF_LINK}"
TFIDF_STOP = f"TF-IDF without stop words, single pass, cosine {TFIDF_LINK}"
DISTINCT = 250  # Dragnet articles per half for the false-join check
MINHASH_JACCARD = 0.5  # the MinHash baseline's threshold
# Goals (issue 26), on the report half
DUP_PRECISION, DUP_RECALL = 0.99, 0.97


# --- metrics ---------------------------------------------------------------------------------


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering (one label per item)."""
    by_pred: dict[str, list[int]] = defaultdict(list)
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, (p, g) in enumerate(zip(predicted, gold, strict=True)):
        by_pred[p].append(i)
        by_gold[g].append(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold, strict=True):
        both = sum(1 for j in by_pred[p] if gold[j] == g)
        precision += both / len(by_pred[p])
        recall += both / len(by_gold[g])
    n = len(gold)
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall)


def ari(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """Adjusted Rand index (Hubert and Arabie)."""
    pairs = Counter(zip(predicted, gold, strict=True))

    def comb(counts: Iterable[int]) -> float:
        return sum(c * (c - 1) / 2 for c in counts)

    index = comb(pairs.values())
    rows, cols = comb(Counter(predicted).values()), comb(Counter(gold).values())
    total = len(gold) * (len(gold) - 1) / 2
    expected = rows * cols / total
    top = (rows + cols) / 2
    return 1.0 if top == expected else (index - expected) / (top - expected)


# --- stories ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Labelled:
    article: EnrichedArticle
    gold: str


def load_stories() -> list[Labelled]:
    docs = list(read_jsonl(SHARED_DATA / "stories" / "wikiref220.jsonl.gz"))
    raws = [RawArticle(id=d["id"], body=d["text"], source=d.get("source")) for d in docs]
    results = enrich_batch(raws, story_only=True)
    labelled = []
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, EnrichedArticle):
            labelled.append(
                Labelled(result.model_copy(update={"title": doc["title"]}), doc["cluster"])
            )
    return labelled


def stream_order(items: list[Labelled]) -> list[Labelled]:
    """A fixed shuffle: the set is ordered by topic, a stream is not."""
    return sorted(items, key=lambda x: random.Random(x.article.id).random())


def engine_stories(items: Sequence[Labelled], settings: Settings) -> list[str]:
    memory = StoryMemory(settings)
    return [
        memory.assign(x.article, T0 + i * STEP).assignment.story_id for i, x in enumerate(items)
    ]


def tfidf_single_pass(items: Sequence[Labelled], *, stop_words: bool = False) -> list[str]:
    """Raw term counts times smoothed IDF, unit length (scikit-learn's TfidfVectorizer
    defaults); `stop_words`: the engine's terms instead (no stop words, numbers or short words,
    title twice). Single pass, single link: an article joins the cluster of any earlier article
    at cosine TFIDF_LINK or more (of the most similar one when several are), the baseline the
    issue's unseen goal is stated against."""
    docs: list[Counter[str] | Counter[int]] = [
        term_counts(x.article.title, words(x.article.story.text))
        if stop_words
        else Counter(words(f"{x.article.title or ''} {x.article.story.text}"))
        for x in items
    ]
    df: Counter[str | int] = Counter(term for doc in docs for term in doc)
    n = len(docs)
    vectors = []
    for doc in docs:
        vector = {t: tf * (math.log((1 + n) / (1 + df[t])) + 1) for t, tf in doc.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    labels: list[str] = []
    for i, vector in enumerate(vectors):
        best, best_j = TFIDF_LINK, -1
        for j in range(i):
            other = vectors[j]
            cosine = sum(v * other.get(t, 0.0) for t, v in vector.items())
            if cosine >= best:
                best, best_j = cosine, j
        labels.append(labels[best_j] if best_j >= 0 else str(i))
    return labels


def beats_baseline(f1: dict[str, float]) -> str:
    """The issue's baseline (plain TF-IDF, a link to any earlier member at cosine 0.3) beaten
    on both halves of the dev data, in this run?"""
    cells = [
        f"{part} {f1[f'{part}/StoryMemory']:.3f} vs {f1[f'{part}/{TFIDF}']:.3f}" for part in HALVES
    ]
    met = all(f1[f"{part}/StoryMemory"] > f1[f"{part}/{TFIDF}"] for part in HALVES)
    return f"- stories, StoryMemory against {TFIDF} (BCubed F1, {', '.join(cells)}): " + (
        "beaten on both halves" if met else "NOT beaten"
    )


def story_table(stories: list[Labelled], settings: Settings) -> tuple[str, dict[str, float]]:
    systems: dict[str, Callable[[Sequence[Labelled]], list[str]]] = {
        "StoryMemory": lambda items: engine_stories(items, settings),
        TFIDF: tfidf_single_pass,
        TFIDF_STOP: lambda items: tfidf_single_pass(items, stop_words=True),
        "all in one story": lambda items: ["one"] * len(items),
        "one story each": lambda items: [x.article.id for x in items],
    }
    rows = ["| half | system | articles | stories | BCubed P | BCubed R | BCubed F1 | ARI |",
            "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    f1: dict[str, float] = {}
    for part in HALVES:
        items = stream_order([x for x in stories if half(x.article.id) == part])
        gold = [x.gold for x in items]
        for name, system in systems.items():
            predicted = system(items)
            p, r, f = bcubed(predicted, gold)
            f1[f"{part}/{name}"] = f
            rows.append(
                f"| {part} | {name} | {len(items)} | {len(set(predicted))} | {p:.3f} | {r:.3f} "
                f"| {f:.3f} | {ari(predicted, gold):.3f} |"
            )
    return "\n".join(rows), f1


def load_distinct() -> dict[str, list[Labelled]]:
    """Dragnet articles (NER included), each its own story: one gold label per article."""
    articles = load_articles()
    found: dict[str, list[Labelled]] = {}
    for part in HALVES:
        chosen = [a for a in articles if half(a.id) == part][:DISTINCT]
        raws = [RawArticle(id=a.id, body="\n\n".join(a.paragraphs)) for a in chosen]
        results = enrich_batch(raws, story_only=True)
        found[part] = [
            Labelled(result.model_copy(update={"title": a.title}), a.id)
            for a, result in zip(chosen, results, strict=True)
            if isinstance(result, EnrichedArticle)
        ]
    return found


def distinct_table(distinct: dict[str, list[Labelled]], settings: Settings) -> str:
    """How many distinct articles each system puts in another article's story."""
    systems: dict[str, Callable[[Sequence[Labelled]], list[str]]] = {
        "StoryMemory": lambda items: engine_stories(items, settings),
        TFIDF: tfidf_single_pass,
        TFIDF_STOP: lambda items: tfidf_single_pass(items, stop_words=True),
    }
    rows = ["| half | system | articles | joined another's story |", "|---|---|---|---|"]
    for part in HALVES:
        items = distinct[part]
        for name, system in systems.items():
            joined = len(items) - len(set(system(items)))
            rows.append(
                f"| {part} | {name} | {len(items)} | {joined} ({joined / len(items):.1%}) |"
            )
    return "\n".join(rows)


# --- near-duplicates -------------------------------------------------------------------------


def split_only(page_id: str, body: str) -> EnrichedArticle:
    """The article as the splitter sees the page, without NER (duplicates read the story)."""
    split = split_page(body, "text/plain")
    return EnrichedArticle(
        id=page_id,
        title=split.title,
        story=Story(text="\n\n".join(split.paragraphs), paragraphs=split.paragraphs,
                    confidence=split.confidence),
        sidebar=[],
        entities=[],
        countries=[],
        pipeline=PipelineInfo(version="bench", stage_ms={}),
    )  # fmt: skip


@dataclass(frozen=True)
class Item:
    article: EnrichedArticle
    kind: str  # "original", a copy's kind, or "negative"
    original: str | None
    at: datetime


def duplicate_stream(part: str, stories: list[Labelled]) -> list[Item]:
    """Originals of one half at random times over two days, each copy a few minutes to a day
    after its original, and the stories set's articles of that half among them."""
    originals = [a for a in load_articles() if half(a.id) == part]
    items: list[Item] = []
    at: dict[str, datetime] = {}
    for page in pages(originals):
        rng = random.Random(page.id)
        if page.original is None:
            at[page.id] = T0 + timedelta(hours=rng.uniform(0, 48))
            when = at[page.id]
        else:
            when = at[page.original] + timedelta(minutes=rng.uniform(5, 24 * 60))
        items.append(Item(split_only(page.id, page.body), page.kind, page.original, when))
    for x in stories:
        if half(x.article.id) == part:
            when = T0 + timedelta(hours=random.Random(x.article.id).uniform(0, 72))
            items.append(Item(x.article, "negative", None, when))
    return sorted(items, key=lambda item: (item.at, item.article.id))


def resolve(found: dict[str, str | None], candidate: str) -> str:
    """A copy of a copy names the first original."""
    return found.get(candidate) or candidate


def exact_title(items: Sequence[Item]) -> dict[str, str | None]:
    first: dict[str, str] = {}
    found: dict[str, str | None] = {}
    for item in items:
        key = title_key(item.article.title)
        original = first.get(key) if key else None
        found[item.article.id] = resolve(found, original) if original else None
        if key and key not in first:
            first[key] = item.article.id
    return found


def minhash_alone(items: Sequence[Item]) -> dict[str, str | None]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=MINHASH_JACCARD, num_perm=NUM_PERM)
    order: dict[str, int] = {}
    sketches: dict[str, MinHash] = {}
    found: dict[str, str | None] = {}
    for index, item in enumerate(items):
        sketch = MinHash(num_perm=NUM_PERM)
        sketch.update_batch([s.encode("utf-8") for s in shingles(words(item.article.story.text))])
        candidates = [
            c for c in lsh.query(sketch) if sketches[c].jaccard(sketch) >= MINHASH_JACCARD
        ]
        original = min(candidates, key=order.__getitem__) if candidates else None
        found[item.article.id] = resolve(found, original) if original else None
        if item.article.id not in sketches:
            lsh.insert(item.article.id, sketch)
            sketches[item.article.id] = sketch
            order[item.article.id] = index
    return found


def engine_duplicates(items: Sequence[Item], settings: Settings) -> dict[str, str | None]:
    memory = StoryMemory(settings)
    return {
        item.article.id: memory.assign(item.article, item.at).assignment.duplicate_of
        for item in items
    }


@dataclass
class DupScore:
    predicted: int = 0
    right: int = 0
    copies: int = 0
    found: int = 0

    def add(self, item: Item, said: str | None) -> None:
        if item.original is not None:
            self.copies += 1
            self.found += said == item.original
        if said is not None:
            self.predicted += 1
            self.right += said == item.original

    @property
    def precision(self) -> float:
        return self.right / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.copies if self.copies else 1.0


def duplicate_tables(
    stories: list[Labelled], settings: Settings
) -> tuple[str, str, dict[str, DupScore]]:
    systems: dict[str, Callable[[Sequence[Item]], dict[str, str | None]]] = {
        "StoryMemory": lambda items: engine_duplicates(items, settings),
        f"MinHash alone (datasketch), Jaccard {MINHASH_JACCARD}": minhash_alone,
        "exact title": exact_title,
    }
    rows = ["| half | system | pages | copies | said copy | precision | recall |",
            "|---|---|---|---|---|---|---|"]  # fmt: skip
    kinds = ["| half | " + " | ".join(KINDS) + " |", "|---|" + "---|" * len(KINDS)]
    scores: dict[str, DupScore] = {}
    for part in HALVES:
        items = duplicate_stream(part, stories)
        for name, system in systems.items():
            said = system(items)
            score = DupScore()
            by_kind: dict[str, DupScore] = defaultdict(DupScore)
            for item in items:
                score.add(item, said[item.article.id])
                by_kind[item.kind].add(item, said[item.article.id])
            scores[f"{part}/{name}"] = score
            rows.append(
                f"| {part} | {name} | {len(items)} | {score.copies} | {score.predicted} "
                f"| {score.precision:.3f} | {score.recall:.3f} |"
            )
            if name == "StoryMemory":
                cells = " | ".join(f"{by_kind[k].recall:.3f}" for k in KINDS)
                kinds.append(f"| {part} | {cells} |")
    return "\n".join(rows), "\n".join(kinds), scores


# --- cost ------------------------------------------------------------------------------------


def minhash_speed(texts: Sequence[str]) -> str:
    """Signatures per second, rensa and datasketch, over the same shingles."""
    from datasketch import MinHash

    sets = [shingles(words(text)) for text in texts]
    started = time.perf_counter()
    for shingle_set in sets:
        signature(shingle_set)
    rensa_s = time.perf_counter() - started
    started = time.perf_counter()
    for shingle_set in sets:
        sketch = MinHash(num_perm=NUM_PERM)
        sketch.update_batch([s.encode("utf-8") for s in shingle_set])
    datasketch_s = time.perf_counter() - started
    mean = sum(len(s) for s in sets) / len(sets)
    return (
        "| library | signatures/s | ms per article |\n|---|---|---|\n"
        f"| rensa 0.5.0 (RMinHash) | {len(sets) / rensa_s:,.0f} "
        f"| {1000 * rensa_s / len(sets):.3f} |\n"
        f"| datasketch 2.0.0 (MinHash.update_batch) | {len(sets) / datasketch_s:,.0f} "
        f"| {1000 * datasketch_s / len(sets):.3f} |\n\n"
        f"{len(sets)} stories, {mean:.0f} distinct word 4-grams each on average, {NUM_PERM} "
        "permutations."
    )


def rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


STORY_SIZE = 5  # synthetic articles per synthetic story
_TOKEN = re.compile(r"\w+")


def synthetic(pool: Sequence[EnrichedArticle], count: int) -> Iterable[EnrichedArticle]:
    """`count` articles in stories of STORY_SIZE: each a few paragraphs of several real articles
    with their entities, the words and names of half its vocabulary marked with its story's
    number, so that stories share words as real ones do but do not all run together (the pool
    is only the stories set's 220 articles)."""
    rng = random.Random(26)
    paragraphs = [(p, a) for a in pool for p in a.story.text.split("\n") if len(p) > 80]
    for number in range(count):
        story = number // STORY_SIZE
        chosen = rng.sample(paragraphs, rng.randint(3, 8))

        def mark(match: re.Match[str], story: int = story) -> str:
            word = match.group()
            return f"{word}{story}" if (zlib.crc32(word.encode()) ^ story) & 1 else word

        text = _TOKEN.sub(mark, "\n\n".join(p for p, _ in chosen))
        sources = {id(a): a for _, a in chosen}
        entities = [
            e.model_copy(update={"name": f"{e.name} {story}"})
            for a in sources.values()
            for e in a.entities[:6]
        ]
        countries = [c for a in list(sources.values())[:1] for c in a.countries]
        yield EnrichedArticle(
            id=f"synthetic-{number}",
            source=f"source-{number % 300}",
            title=_TOKEN.sub(mark, chosen[0][1].title or ""),
            story=Story(text=text, paragraphs=text.split("\n\n"), confidence=1.0),
            sidebar=[],
            entities=entities,
            countries=countries,
            pipeline=PipelineInfo(version="bench", stage_ms={}),
        )


def capacity(pool: Sequence[EnrichedArticle], count: int, settings: Settings) -> str:
    """Articles/s of `assign` as the window fills, and the RSS growth at `count` articles."""
    gc.collect()
    before = rss_bytes()
    memory = StoryMemory(settings)
    # spaced so that all of them stay in the window
    step = timedelta(seconds=settings.story_window_hours * 3600 * 0.9 / count)
    spent = cpu = 0.0
    marks: list[tuple[int, float]] = []
    window = max(count // 10, 1)
    window_spent = 0.0
    for number, article in enumerate(synthetic(pool, count), start=1):
        started, cpu_started = time.perf_counter(), time.thread_time()
        memory.assign(article, T0 + number * step)
        elapsed = time.thread_time() - cpu_started
        spent += time.perf_counter() - started
        cpu += elapsed
        window_spent += elapsed
        if number % window == 0:
            marks.append((number, window / window_spent))
            window_spent = 0.0
    gc.collect()
    grown = rss_bytes() - before
    parts = memory.footprint()
    trimmed = _trimmed_rss() - before
    rates = ", ".join(f"{n // 1000}k: {rate:,.0f}" for n, rate in marks)
    table = "\n".join(
        ["| part | MiB | bytes per article |", "|---|---|---|"]
        + [
            f"| {name} | {size / 2**20:,.1f} | {size / max(len(memory), 1):,.0f} |"
            for name, size in [*parts.items(), ("total counted", sum(parts.values()))]
        ]
    )
    return (
        f"- {len(memory):,} articles in the window, {memory.story_count:,} stories\n"
        f"- `assign`: {count / cpu:,.0f} articles/s of one core's CPU time over the run "
        f"({1000 * cpu / count:.2f} ms CPU each; {count / spent:,.0f}/s in wall time on this "
        f"shared machine); per tenth, at the window's size: {rates}\n"
        f"- process RSS growth with them in memory: {grown / 2**20:,.0f} MiB "
        f"({grown / max(len(memory), 1):,.0f} bytes per article); "
        f"{trimmed / 2**20:,.0f} MiB once `malloc_trim` has returned the heap's free pages "
        "(the rest is memory freed by the run, such as merges' temporary arrays, that glibc "
        "keeps)\n\n"
        f"What holds it (`StoryMemory.footprint()`):\n\n{table}"
    )


def _trimmed_rss() -> int:
    """The process RSS after glibc returns its free heap pages (as is, elsewhere)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    return rss_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--capacity", type=int, default=100_000, help="Articles in the window.")
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    args = parser.parse_args()
    settings = Settings()

    started = time.perf_counter()
    stories = load_stories()
    print(f"stories set enriched: {len(stories)} articles in {time.perf_counter() - started:.0f} s")
    table, f1 = story_table(stories, settings)
    print(table, flush=True)
    distinct = distinct_table(load_distinct(), settings)
    print(distinct, flush=True)
    dup_table, kind_table, dup = duplicate_tables(stories, settings)
    print(dup_table)
    print(kind_table, flush=True)
    speed = minhash_speed([x.article.story.text for x in stories])
    print(speed, flush=True)
    cost = capacity([x.article for x in stories], args.capacity, settings)
    print(cost)

    ours = dup["report/StoryMemory"]
    goals = [
        f"- duplicates, report half: precision {ours.precision:.3f} (goal ≥ {DUP_PRECISION}), "
        f"recall {ours.recall:.3f} (goal ≥ {DUP_RECALL}): "
        + ("met" if ours.precision >= DUP_PRECISION and ours.recall >= DUP_RECALL else "NOT met"),
        f"- stories, report half: BCubed F1 {f1['report/StoryMemory']:.3f} against the TF-IDF "
        f"single passes' {f1[f'report/{TFIDF}']:.3f} and {f1[f'report/{TFIDF_STOP}']:.3f}",
        beats_baseline(f1),
    ]
    print("\n".join(goals))
    body = "\n\n".join(
        [
            "Stories (`../shared/data/stories/wikiref220.jsonl.gz`; topics, coarser than stories):",
            table,
            f"Distinct articles ({DISTINCT} Dragnet articles per half, stories of their own; a "
            "few are truly related, such as two posts of one blog or two reports of one event):",
            distinct,
            "Near-duplicates (copies of Dragnet articles by `bench/copies.py`, with the stories "
            "set as negatives); a pair counts right only when it names the copy's own original:",
            dup_table,
            "StoryMemory's recall by kind of copy:",
            kind_table,
            "MinHash signatures, same shingles:",
            speed,
            f"StoryMemory's cost, {args.capacity:,} synthesised articles in the window:",
            cost,
            "Goals:",
            "\n".join(goals),
        ]
    )
    if not args.no_write:
        write_results("stories", body)


if __name__ == "__main__":
    main()
