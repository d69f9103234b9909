"""What an idle worker costs: CPU per second of workers with nothing to do, dashboard on and off.

    .venv/bin/python bench/idle.py [--seconds 30] [--rounds 2]

Starts a private broker and two `pipeline worker` processes, each in a group of its own with
its own topics (one with the dashboard, one with PIPELINE_DASHBOARD_ENABLED=false), waits until
both answer /ready and a further 15 s, then prints for each round the CPU milliseconds per
second each worker used (all threads, and its main thread, the event loop) and the broker's.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from common import private_broker  # noqa: E402
from throughput import READY_TIMEOUT_S, _ready, cpu_seconds, phase_settings  # noqa: E402

from pipeline.broker.local import free_port  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.topics import create_topics  # noqa: E402
from pipeline.worker_process import worker_process  # noqa: E402

SETTLE_S = 15.0  # after /ready: start-up work (joining, first stats, JIT of nothing) is done
VARIANTS = {"dashboard on": True, "dashboard off": False}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each round")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    with private_broker() as (info, tmp), ExitStack() as stack:
        base = Settings(kafka_bootstrap_servers=info.bootstrap_servers, home=Path(tmp))
        log = stack.enter_context((Path(tmp) / "workers.log").open("ab"))
        workers = {}
        for index, (name, dashboard) in enumerate(VARIANTS.items()):
            settings = phase_settings(base, f"idle{index}").model_copy(
                update={"web_port": free_port(), "dashboard_enabled": dashboard}
            )
            asyncio.run(create_topics(settings))
            workers[name] = (stack.enter_context(worker_process(settings, log)), settings.web_port)
        print("waiting for the workers to be ready...", file=sys.stderr)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not all(_ready(port) for _, port in workers.values()):
            if time.monotonic() > deadline:
                raise SystemExit("the workers did not become ready")
            time.sleep(1)
        time.sleep(SETTLE_S)

        print(f"idle workers, CPU ms per second over {args.seconds:.0f} s rounds:")
        for round_ in range(args.rounds):
            pids = {name: proc.pid for name, (proc, _) in workers.items()}
            before = {
                name: (cpu_seconds(pid), cpu_seconds(pid, True)) for name, pid in pids.items()
            }
            broker_before = cpu_seconds(info.pid)
            time.sleep(args.seconds)
            figures = []
            for name, pid in pids.items():
                whole = (cpu_seconds(pid) - before[name][0]) * 1000 / args.seconds
                loop = (cpu_seconds(pid, True) - before[name][1]) * 1000 / args.seconds
                figures.append(f"{name} {whole:.1f} (event loop {loop:.1f})")
            used = (cpu_seconds(info.pid) - broker_before) * 1000 / args.seconds
            print(f"  round {round_ + 1}: {', '.join(figures)}; broker {used:.1f}")


if __name__ == "__main__":
    main()
