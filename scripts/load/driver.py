"""Runs the Locust users of locustfile.py for the benchmark (scripts/bench) and writes what happened as JSON.

    python -m scripts.load.driver CONFIG.json OUT.json    (from the project root)

CONFIG["mode"] is "levels" or "sequence".

- levels: for each N in CONFIG["levels"] and each of CONFIG["rounds"] rounds, one batch per kind (floor,
  overview, explore; the order rotates per round): N users started at once (Locust spawn rate N), each opening
  one session and holding it until all N have finished, then all close. The server's VmRSS is read before
  the batch (idle), every 0.2 s during it (peak) and when all N have finished (open).
- sequence: for each server, one user opening CONFIG["sessions"] sessions one after another (open, finish,
  close), cycling through its kinds; VmRSS is read before the first and after every CONFIG["every"]th.

Every run is a Locust request event; the events are recorded raw (name, ms, bytes, error) so the benchmark can
compute exact percentiles, and Locust's own statistics per name are written beside them.

Locust patches the standard library for gevent when imported, which is why this runs in its own process and
not inside the benchmark (whose Playwright must not run on a patched loop).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import gevent
import psutil
from locust.env import Environment

from scripts.bench.machine import rss_mb
from scripts.bench.protocol import WS_TIMEOUT_S
from scripts.load import locustfile as lf  # imports locust, which patches the standard library for gevent

BATCH_GRACE_S = 30.0
KINDS = {"floor": lf.FloorUser, "floor2": lf.FloorTwiceUser, "overview": lf.OverviewUser, "explore": lf.ExploreUser}


def environment(user_class: type[lf.StreamlitUser], host: str, records: list[dict]) -> Environment:
    env = Environment(user_classes=[user_class], host=host)

    def record(name, response_time, response_length, exception=None, **_kw) -> None:
        records.append(
            {
                "name": name,
                "ms": response_time,
                "bytes": response_length,
                "error": str(exception) if exception else None,
            }
        )

    env.events.request.add_listener(record)
    return env


def locust_stats(env: Environment) -> dict[str, dict]:
    """Locust's own view of the batch (its percentiles are rounded to its buckets)."""
    return {
        entry.name: {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p95_ms": entry.get_response_time_percentile(0.95),
            "max_ms": entry.max_response_time,
        }
        for entry in env.stats.entries.values()
    }


def server_cpu_s(pid: int) -> float | None:
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return None
    return times.user + times.system


def batch(kind: str, server: dict, sessions: int) -> dict:
    """`sessions` users of one kind started at once, each holding its session until all have finished."""
    records: list[dict] = []
    plan = lf.Batch(sessions)
    user_class = type(f"{KINDS[kind].__name__}InBatch", (KINDS[kind],), {"plan": plan})
    env = environment(user_class, server["url"], records)
    runner = env.create_local_runner()
    idle = rss_mb(server["pid"])
    memory = {"peak": idle or 0.0, "cpu": 0.0}
    me = psutil.Process()
    me.cpu_percent()  # the first call starts the window

    def sample() -> None:
        while True:
            gevent.sleep(0.2)
            memory["peak"] = max(memory["peak"], rss_mb(server["pid"]) or 0.0)
            memory["cpu"] = max(memory["cpu"], me.cpu_percent())

    sampler = gevent.spawn(sample)
    cpu_before = server_cpu_s(server["pid"])
    started = time.perf_counter()
    runner.start(sessions, spawn_rate=sessions)
    finished = plan.all_finished.wait(timeout=WS_TIMEOUT_S + BATCH_GRACE_S)
    cpu_after = server_cpu_s(server["pid"])
    open_rss = rss_mb(server["pid"])
    plan.release.set()
    plan.all_closed.wait(timeout=BATCH_GRACE_S)
    wall = time.perf_counter() - started
    runner.quit()
    sampler.kill()
    missing = sessions - plan.finished
    if not finished and missing:
        records += [{"name": kind, "ms": None, "bytes": 0, "error": "session never finished"}] * missing
    return {
        "kind": kind,
        "sessions": sessions,
        "records": records,
        "locust": locust_stats(env),
        "rss_idle": idle,
        "rss_peak": max(memory["peak"], open_rss or 0.0),
        "rss_open": open_rss,
        "wall_s": wall,
        # The server's CPU time (user + system, all threads) from the batch's start to its last run's end.
        "server_cpu_s": None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
        "generator_cpu_peak": memory["cpu"],
        "generator_cpu_warning": runner.cpu_warning_emitted,
    }


def levels(config: dict) -> dict:
    servers = config["servers"]
    kinds = [kind for kind in KINDS if kind in servers]
    for kind in kinds:  # one unmeasured session each: imports and caches are warm
        batch(kind, servers[kind], 1)
    batches = []
    for sessions in config["levels"]:
        for round_no in range(config["rounds"]):
            shift = round_no % len(kinds)
            for kind in kinds[shift:] + kinds[:shift]:
                result = batch(kind, servers[kind], sessions)
                result["round"] = round_no
                batches.append(result)
                gevent.sleep(0.5)
        print(f"    {sessions} concurrent sessions done", file=sys.stderr, flush=True)
    return {"batches": batches}


def sequence(config: dict) -> dict:
    """Per server: sessions one after another, RSS read every `every` sessions, after one unmeasured session
    of each kind (imports and caches warm, as on a server that has served before)."""
    out = {}
    for label, server in config["servers"].items():
        for kind in server["kinds"]:
            batch(kind, server, 1)
        records: list[dict] = []
        samples = [(0, rss_mb(server["pid"]))]

        def after(count: int, pid: int = server["pid"], samples: list = samples) -> None:
            if count % config["every"] == 0:
                samples.append((count, rss_mb(pid)))

        plan = lf.Sequence(config["sessions"], server["kinds"], after)
        user_class = type("SequentialUser", (lf.StreamlitUser,), {"plan": plan})
        env = environment(user_class, server["url"], records)
        runner = env.create_local_runner()
        started = time.perf_counter()
        runner.start(1, spawn_rate=1)
        plan.done.wait(timeout=config["sessions"] * WS_TIMEOUT_S)
        wall = time.perf_counter() - started
        runner.quit()
        out[label] = {
            "kinds": server["kinds"],
            "sessions": plan.count,
            "rss": samples,
            "records": records,
            "locust": locust_stats(env),
            "wall_s": wall,
        }
        print(f"    {plan.count} sequential sessions on {label} done", file=sys.stderr, flush=True)
    return out


def main(argv: list[str]) -> int:
    config = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    lf.PROVINCES[:] = config.get("provinces") or lf.PROVINCES
    result = levels(config) if config["mode"] == "levels" else sequence(config)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
