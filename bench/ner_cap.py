"""What capping NER's input costs in entities and buys in time (PIPELINE_NER_MAX_STORY_CHARS).

    .venv/bin/python bench/ner_cap.py [--caps 10000,20000,30000] [--limit N] [--no-write]

NER's time grows with the story's length, and at half load the latency's tail is the longest
stories' own NER and the articles that arrive while it runs (the agent enriches one article at a
time then, so no order within a batch helps them). A cap bounds that time; what it costs is the
entities named only past it. On the report half of the dragnet pages (HTML; halves by a hash of
the id, as bench/split.py cuts them), each page is enriched alone, as a worker at half load does
(`enrich_batch` of one), with the cap at its upper bound (100,000 characters, longer than any
story here: the reference) and at each cap. A story no longer than a cap gets the same NER input,
so its output is the reference's: only the longer ones are enriched again. Per cap:

- stories cut: how many are longer than the cap;
- entity recall against the reference, (name, label) pairs: over every page, and over the cut
  pages alone; on the cut pages also weighted by the reference's salience, and the share of
  each cut page's five most salient entities still found;
- focus countries: the cut pages whose set of focus countries is unchanged;
- CPU ms of `enrich_batch` per page (this thread's, so other processes do not count): mean, p99
  and the longest, over every page;
- a model, not a measurement: the p99 wait-plus-service of a one-article-at-a-time queue fed
  these pages (shuffled, cycled) at half the reference's mean rate, each taking its measured CPU
  time. It shows what the cap alone does to the tail, free of this shared machine's drift;
  `bench/throughput.py --phases one` measures the real latency.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import dataclass

from common import SHARED_DATA, read_jsonl, write_results  # also puts the repo on sys.path
from split import half

from pipeline.core import enrich_batch, warm_up
from pipeline.errors import StageError
from pipeline.models import EnrichedArticle, RawArticle
from pipeline.settings import Settings

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"
REFERENCE_CAP = 100_000  # the setting's upper bound
TOP = 5
MODEL_ARRIVALS = 20_000
MODEL_LOAD = 0.5  # as bench/throughput.py's latency run


@dataclass(frozen=True)
class Tagged:
    """What one page's enrichment gives that a cap can change, and its CPU time."""

    story_chars: int
    entities: dict[tuple[str, str], float]  # (name, label) -> salience
    focus: frozenset[str]
    cpu_ms: float


def enrich(raw: RawArticle, cap: int) -> Tagged:
    settings = Settings(ner_max_story_chars=cap)
    started = time.thread_time()
    (result,) = enrich_batch([raw], settings=settings)
    cpu_ms = (time.thread_time() - started) * 1000
    if isinstance(result, StageError):
        return Tagged(0, {}, frozenset(), cpu_ms)
    assert isinstance(result, EnrichedArticle)
    entities = {(e.name, e.label): e.salience for e in result.entities}
    focus = frozenset(c.code for c in result.countries if c.focus)
    return Tagged(len(result.story.text), entities, focus, cpu_ms)


def recall(
    found: list[set[tuple[str, str]]], reference: list[dict[tuple[str, str], float]]
) -> float:
    wanted = sum(len(ref) for ref in reference)
    return sum(len(f & ref.keys()) for f, ref in zip(found, reference, strict=True)) / max(
        wanted, 1
    )


def weighted_recall(
    found: list[set[tuple[str, str]]], reference: list[dict[tuple[str, str], float]]
) -> float:
    wanted = sum(sum(ref.values()) for ref in reference)
    got = sum(
        sum(s for k, s in ref.items() if k in f) for f, ref in zip(found, reference, strict=True)
    )
    return got / wanted if wanted else 1.0


def top_recall(
    found: list[set[tuple[str, str]]], reference: list[dict[tuple[str, str], float]]
) -> float:
    shares = []
    for f, ref in zip(found, reference, strict=True):
        top = sorted(ref, key=lambda key: -ref[key])[:TOP]
        if top:
            shares.append(sum(1 for key in top if key in f) / len(top))
    return statistics.mean(shares) if shares else 1.0


def cpu_row(times: list[float]) -> str:
    p99 = statistics.quantiles(times, n=100)[98]
    return f"{statistics.mean(times):.0f} | {p99:.0f} | {max(times):.0f}"


def modelled_p99(cpu_ms: list[float], mean_ms: float) -> float:
    """p99 seconds from arrival to done of a FIFO single server at MODEL_LOAD of `mean_ms`."""
    rng = random.Random(0)  # the same arrival order for every cap
    interval = mean_ms / MODEL_LOAD / 1000
    done, latencies = 0.0, []
    for index in range(MODEL_ARRIVALS):
        arrival = index * interval
        done = max(done, arrival) + cpu_ms[rng.randrange(len(cpu_ms))] / 1000
        latencies.append(done - arrival)
    return statistics.quantiles(latencies, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--caps", default="10000,12000,15000,20000,30000")
    parser.add_argument("--limit", type=int, default=None, help="pages read (all by default)")
    parser.add_argument("--write", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    caps = [int(cap) for cap in args.caps.split(",")]

    warm_up()
    raws = [
        RawArticle(id=str(doc["id"]), body=str(doc["html"]), content_type="text/html")
        for doc in read_jsonl(DATA, args.limit)
        if half(str(doc["id"])) == "report"
    ]
    print(f"{len(raws)} report-half pages: the reference...")
    reference = [enrich(raw, REFERENCE_CAP) for raw in raws]
    mean_ms = statistics.mean(r.cpu_ms for r in reference)
    rows = [
        f"| {REFERENCE_CAP:,} (reference) | 0 | 1.000 | – | – | – | – | "
        f"{cpu_row([r.cpu_ms for r in reference])} | "
        f"{modelled_p99([r.cpu_ms for r in reference], mean_ms):.2f} |"
    ]
    for cap in caps:
        print(f"cap {cap:,}...")
        cut = [i for i, ref in enumerate(reference) if ref.story_chars > cap]
        capped = {i: enrich(raws[i], cap) for i in cut}
        results = [capped.get(i, ref) for i, ref in enumerate(reference)]
        found = [set(r.entities) for r in results]
        all_refs = [r.entities for r in reference]
        cut_found = [found[i] for i in cut]
        cut_refs = [all_refs[i] for i in cut]
        same_focus = sum(1 for i in cut if capped[i].focus == reference[i].focus)
        rows.append(
            f"| {cap:,} | {len(cut)} | {recall(found, all_refs):.3f} | "
            f"{recall(cut_found, cut_refs):.3f} | {weighted_recall(cut_found, cut_refs):.3f} | "
            f"{top_recall(cut_found, cut_refs):.3f} | {same_focus}/{len(cut)} | "
            f"{cpu_row([r.cpu_ms for r in results])} | "
            f"{modelled_p99([r.cpu_ms for r in results], mean_ms):.2f} |"
        )
    body = (
        f"{len(raws)} dragnet pages (the report half), each enriched alone; against the "
        f"reference (cap {REFERENCE_CAP:,}, longer than any story), entities as (name, label) "
        "pairs. Stories no longer than a cap are not enriched again (their NER input is the "
        "reference's). CPU of `enrich_batch`, this thread, on a shared machine: compare rows. "
        "The last column is a model (the module's docstring), not a measured latency.\n\n"
        "| cap (chars) | stories cut | entity recall, all pages | on the cut pages | "
        "salience-weighted, cut pages | top-5 found, cut pages | focus countries unchanged | "
        "CPU ms/page mean | p99 | max | modelled p99 latency at half load (s) |\n"
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n" + "\n".join(rows)
    )
    print(body)
    if args.write:
        write_results("ner_cap", body)


if __name__ == "__main__":
    main()
