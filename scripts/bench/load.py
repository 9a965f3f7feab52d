"""Load: Locust users speaking Streamlit's websocket protocol against the running servers, at rising numbers of
sessions at once, then sessions one after another on fresh servers for the memory over time.

Locust patches the standard library for gevent when it is imported, so its users run in a process of their own
(`python -m scripts.load.driver`, from the project root), never inside the benchmark, whose Playwright must not
run on a patched loop. The driver writes every request event raw; this module reads them into levels.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bench.servers import Server
from scripts.bench.specs import ROOT
from scripts.bench.stats import percentile

LEVELS = (1, 5, 10, 20, 50, 200)
QUICK_LEVELS = (1, 5, 20)
JUDGED_LEVELS = (50, 200)  # the levels the target is judged at (the quick run judges its highest)
CONCURRENCY_TARGET = 2.0  # overview and explore p95 at a judged level, as a multiple of the floor's p95 there
SEQUENTIAL = (200, 20)  # sessions one after another, and the RSS sampling interval
QUICK_SEQUENTIAL = (40, 10)
FLAT_MB = 10.0  # "flat": the last quarter's RSS within this of the first quarter's
CPU_MIN_SESSIONS = 10  # the kernel counts CPU time in 10 ms ticks: under 10 sessions a batch is a tick or two


def run_driver(config: dict, work: Path, name: str) -> dict:
    """scripts/load/driver.py in its own process (Locust patches the standard library for gevent), run as a
    module from the project root so it imports this package by name."""
    cfg, out = work / f"{name}.json", work / f"{name}-result.json"
    cfg.write_text(json.dumps(config), encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own interpreter and module, no shell
        [sys.executable, "-m", "scripts.load.driver", str(cfg), str(out)],
        cwd=ROOT,
        stdout=sys.stderr,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        raise SystemExit(f"the Locust driver failed ({name}, exit status {result.returncode})")
    return json.loads(out.read_text(encoding="utf-8"))


def endpoint(server: Server) -> dict:
    return {"url": server.url, "pid": server.proc.pid}


@dataclass
class LoadLevel:
    """Every batch of one concurrency level, by request name (floor, overview, explore, explore: ...)."""

    sessions: int
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    memory: dict[str, list[dict]] = field(default_factory=dict)  # kind -> per batch: idle, peak, open (MB)
    walls: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)  # kind -> per batch: server CPU s per session
    round_p95: dict[str, list[float | None]] = field(default_factory=dict)  # name -> p95 of each round's batch


@dataclass
class LoadResults:
    levels: list[LoadLevel]
    locust_counts: dict[str, list[int]]  # name -> [requests, failures] as Locust's own statistics count them
    generator_cpu_peak: float
    generator_cpu_warning: bool
    sequential: dict[str, dict]


def load_levels(raw: dict) -> tuple[list[LoadLevel], dict[str, list[int]], float, bool]:
    levels: dict[int, LoadLevel] = {}
    counts: dict[str, list[int]] = {}
    cpu, warned = 0.0, False
    for batch in raw["batches"]:
        level = levels.setdefault(batch["sessions"], LoadLevel(batch["sessions"]))
        mine: dict[str, list[float]] = {}
        for record in batch["records"]:
            name = record["name"]
            if record["error"]:
                level.errors.setdefault(name, []).append(record["error"])
            elif record["ms"] is not None:
                level.times.setdefault(name, []).append(record["ms"] / 1000)
                level.bytes.setdefault(name, []).append(record["bytes"])
                mine.setdefault(name, []).append(record["ms"] / 1000)
        for name, values in mine.items():  # one batch of each kind per round, in round order
            level.round_p95.setdefault(name, []).append(percentile(values, 95))
        level.memory.setdefault(batch["kind"], []).append(
            {"idle": batch["rss_idle"], "peak": batch["rss_peak"], "open": batch["rss_open"]}
        )
        level.walls.setdefault(batch["kind"], []).append(batch["wall_s"])
        if batch.get("server_cpu_s") is not None:
            level.cpu.setdefault(batch["kind"], []).append(batch["server_cpu_s"] / batch["sessions"])
        for name, stats in batch["locust"].items():
            total = counts.setdefault(name, [0, 0])
            total[0] += stats["requests"]
            total[1] += stats["failures"]
        cpu = max(cpu, batch["generator_cpu_peak"])
        warned = warned or batch["generator_cpu_warning"]
    return [levels[n] for n in sorted(levels)], counts, cpu, warned


def measure_load(app: Server, floor: Server, provinces: list[str], args, work: Path) -> LoadResults:
    """Concurrency levels against the running app and floor servers, then sequential sessions on fresh ones."""
    config = {
        "mode": "levels",
        "servers": {
            "floor": endpoint(floor),
            "floor2": endpoint(floor),
            "overview": endpoint(app),
            "explore": endpoint(app),
        },
        "levels": list(args.levels),
        "rounds": args.rounds,
        "provinces": provinces,
    }
    levels, counts, cpu, warned = load_levels(run_driver(config, work, "levels"))
    return LoadResults(levels, counts, cpu, warned, {})


def wait_until_warm(server: Server, timeout_s: float = 120) -> None:
    """Until the app's warm-up has finished (its /warm says "warm": every language's base maps made). Its later
    steps run a few seconds after the start, in a thread: 200 sessions take about 4 s, so without this the
    sequential memory measured that one-time step (about 10 MB, Thai base maps included) as sessions' growth."""
    deadline, found = time.monotonic() + timeout_s, None
    while time.monotonic() < deadline:
        found = server.status("/warm")
        if found and found.get("state") in ("warm", "off", "failed"):
            return
        time.sleep(0.2)
    raise RuntimeError(f"the app's warm-up did not finish within {timeout_s:.0f} s: {found}")


def measure_sequential(build: Path, provinces: list[str], args, work: Path, extra: tuple[str, ...]) -> dict:
    """Sessions one after another on freshly started servers (the app's warm-up finished, then each warmed by
    one session of each kind)."""
    sessions, every = args.sequential
    app = Server(ROOT / "app.py", {"BORDER_MAP_DATA": str(build)}, work / "logs" / "app-sequential.log", extra)
    try:
        wait_until_warm(app)
        floor = Server(work / "floor" / "floor.py", {}, work / "logs" / "floor-sequential.log", extra)
        try:
            servers = {
                "app": {**endpoint(app), "kinds": ["overview", "explore"]},
                "floor": {**endpoint(floor), "kinds": ["floor"]},
            }
            config = {"mode": "sequence", "servers": servers, "sessions": sessions, "every": every}
            config["provinces"] = provinces
            return run_driver(config, work, "sequence")
        finally:
            floor.stop()
    finally:
        app.stop()


def level_p95(level: LoadLevel, name: str) -> float | None:
    return percentile(level.times.get(name, []), 95)
