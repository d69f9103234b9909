"""`pipeline worker`: set the process up, build the app, run it until SIGTERM or Ctrl-C."""

from __future__ import annotations

import asyncio
import logging

import faust

from pipeline.app import create_app
from pipeline.clients import bootstrap_servers
from pipeline.core import warm_up
from pipeline.nlp import COMPILED_MODULES, compiled_modules
from pipeline.nlp.entities import blas_description
from pipeline.settings import Settings
from pipeline.topics import create_topics
from pipeline.tuning import pin_to_cpu, tune_malloc

log = logging.getLogger(__name__)


def analysis_modules(compiled: list[str]) -> str:
    """The start-up line that says which of COMPILED_MODULES run compiled and which as plain
    Python: a module left plain costs each article its stage's time several times over."""
    plain = [name for name in COMPILED_MODULES if name not in compiled]
    hint = " (`make compile` builds them)" if plain else ""
    return (
        f"text analysis compiled with mypyc: {', '.join(compiled) or 'none'}; "
        f"plain Python: {', '.join(plain) or 'none'}{hint}"
    )


def run_worker(settings: Settings) -> None:
    """Create missing topics, load the models, and run the agents and the web server. A
    graceful stop finishes the batch in flight and commits its offsets."""
    # before any other thread starts (asyncio's resolver starts one), or it keeps its own arena
    if settings.malloc_tuning and tune_malloc():
        log.info("malloc: one arena for all threads, large blocks kept (PIPELINE_MALLOC_TUNING)")
    asyncio.run(create_topics(settings))
    app = create_app(settings)
    log.info("spaCy model, gazetteer and language model loaded in %.1f s", warm_up())
    log.info("NER multiplies matrices with %s", blas_description())
    log.info(analysis_modules(compiled_modules()))
    if settings.worker_cpu is not None:
        pin_to_cpu(settings.worker_cpu)
    log.info(
        "worker for group %s on %s, web on http://%s:%d/",
        settings.app_id,
        bootstrap_servers(settings),
        settings.web_host,
        settings.web_port,
    )
    faust.Worker(
        app, loglevel=settings.log_level.upper(), redirect_stdouts=False
    ).execute_from_commandline()
