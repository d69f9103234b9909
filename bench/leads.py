"""What tagging sidebar headlines costs per article: countries (what the pipeline does) against
spaCy's NER over the same headlines (what entities per headline would add).

    python bench/leads.py [--pages N] [--repeat R] [--no-write]

Splits real pages of ../shared/data/extraction/dragnet.jsonl.gz as the pipeline does (HTML,
sidebar cut as `bounded_sidebar` cuts it), then times, in CPU seconds of this process, fastest of
R runs over all pages: `leads.with_countries` on each page's sidebar, and the NER-only model
over all the headlines (`nlp.pipe`, the pipeline's batch size). Prints and writes to
bench/RESULTS.md the ms per article of each, with the headline counts; the bar is 5% of an
article's ~50 ms of CPU for all the analysis this issue adds.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from common import SHARED_DATA, read_jsonl, write_results  # also puts the repo on sys.path

from pipeline.models import SidebarEntry
from pipeline.nlp.entities import load_ner
from pipeline.nlp.leads import with_countries
from pipeline.nlp.split import split_page
from pipeline.output_size import bounded_sidebar
from pipeline.settings import Settings

DATA = SHARED_DATA / "extraction" / "dragnet.jsonl.gz"


def cpu_best(repeat: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    settings = Settings()
    sidebars: list[list[SidebarEntry]] = []
    for doc in read_jsonl(DATA, args.pages):
        page = split_page(doc["html"], "text/html")
        sidebars.append(bounded_sidebar(page.sidebar, settings))
    headlines = [entry.headline for sidebar in sidebars for entry in sidebar]
    n = len(sidebars)
    with_countries(sidebars[0] or [SidebarEntry(headline="Warm up in Paris")])
    nlp = load_ner()
    list(nlp.pipe(headlines[:32]))

    tagged: list[list[SidebarEntry]] = []
    leads = cpu_best(args.repeat, lambda: tagged.extend(with_countries(s) for s in sidebars))
    ner = cpu_best(args.repeat, lambda: list(nlp.pipe(headlines, batch_size=settings.batch_size)))
    named = sum(1 for sidebar in tagged[-n:] for entry in sidebar if entry.countries)
    most = max((len(s) for s in sidebars), default=0)
    body = "\n".join(
        [
            f"{n} Dragnet pages, {len(headlines)} sidebar headlines ({len(headlines) / n:.1f} per"
            f" page, at most {most}); CPU, fastest of {args.repeat}:",
            "",
            "| work on a page's sidebar | ms/article | µs/headline |",
            "|---|---|---|",
            f"| countries (`leads.with_countries`, the pipeline) | {leads * 1000 / n:.3f} |"
            f" {leads * 1e6 / max(len(headlines), 1):.1f} |",
            f"| spaCy NER over the headlines (not done) | {ner * 1000 / n:.3f} |"
            f" {ner * 1e6 / max(len(headlines), 1):.1f} |",
            "",
            f"{named} of {len(headlines)} headlines name a country.",
        ]
    )
    print(body)
    if not args.no_write:
        write_results("bench/leads.py", body)


if __name__ == "__main__":
    main()
