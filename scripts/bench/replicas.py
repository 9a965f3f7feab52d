"""Renders per second through nginx with one app replica, then two: does a second replica add capacity?

Standalone: `python -m scripts.bench.replicas` from the project root (with the project's virtualenv active;
Debian nginx installed).
It builds the boundary layers into a temporary directory (from the local mirror when there is one).
Then, for 1 and 2 replicas (rounds alternate the order), it starts them with `streamlit run` on free loopback
ports (the tests' Server), puts nginx in front of them with the shipped template
(deploy/nginx/border_map.conf.template, rendered by deploy/nginx_local.py exactly as for
tests/deploy/test_deploy.py), warms every replica with overview sessions of its own, and keeps `--clients`
browser-less viewers busy for `--seconds`: each opens a new websocket session through nginx (no cookie, so
nginx routes it as a new viewer), runs the overview once (scripts/bench/protocol.py's functions:
`rerun_message`, `read_run`, via `ws_session`), closes and starts again. Renders per second = overview runs
finished inside the window / window length.

It also reads each replica's resident memory (VmRSS in /proc/<pid>/status): idle after start, with one
overview session open, with twenty open, and after the load; and the CPU time the replicas, nginx and this
load generator used in the window (they share the machine's cores). It writes docs/benchmarks-replicas.md.
It is a report, not a test: the exit status is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from deploy.nginx_local import Nginx, nginx_binary
from scripts.bench.data import build_layers
from scripts.bench.machine import load_average, machine
from scripts.bench.protocol import ws_session  # the benchmark's websocket client: one implementation of the protocol
from scripts.bench.servers import Server
from scripts.bench.specs import PAGES, ROOT
from scripts.bench.stats import fmt, median, percentile
from tests.support.browser import free_port

OVERVIEW = PAGES[0]
REPLICA_COUNTS = (1, 2)
OPEN_SESSIONS = 20  # open at once on each replica, for its memory with a room of viewers


@dataclass
class Level:
    """One run: a replica count, measured in one round."""

    replicas: int
    round_no: int
    window_s: float = 0.0
    finished: list[float] = field(default_factory=list)  # seconds per overview run finished inside the window
    errors: list[str] = field(default_factory=list)
    per_replica: dict[str, int] = field(default_factory=dict)  # sessions nginx sent to each replica
    rss_idle: list[float | None] = field(default_factory=list)
    rss_one: list[float | None] = field(default_factory=list)  # with one overview session open
    rss_many: list[float | None] = field(default_factory=list)  # with OPEN_SESSIONS open at once
    rss_after: list[float | None] = field(default_factory=list)
    load_after: str = "?"
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used in the window, by role

    @property
    def renders_per_s(self) -> float:
        return len(self.finished) / self.window_s if self.window_s else 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat, fields 14 and 15, in clock ticks)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid: int) -> list[int]:
    """nginx's worker processes (the master only accepts and hands over)."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def machine_busy_seconds() -> float:
    """CPU time the whole machine spent busy so far, all processes (/proc/stat: every field but idle, iowait)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def cpu_by_role(servers: list[Server], nginx: Nginx) -> dict[str, float]:
    return {
        "replicas": sum(cpu_seconds(s.proc.pid) for s in servers),
        "nginx": sum(cpu_seconds(p) for p in [nginx.proc.pid, *children(nginx.proc.pid)]),
        "load generator": sum(os.times()[:2]),
        "machine": machine_busy_seconds(),
    }


async def open_sessions(server: Server, count: int) -> float | None:
    """RSS of `server` while `count` overview sessions, each run to its end, are all still open (straight to
    the replica, as open tabs would hold them)."""
    done: asyncio.Queue = asyncio.Queue()
    release = asyncio.Event()
    sessions = [asyncio.create_task(ws_session(server.port, OVERVIEW, done, release)) for _ in range(count)]
    results = [await done.get() for _ in range(count)]
    rss = server.rss_mb()
    release.set()
    await asyncio.gather(*sessions)
    failed = [r.error for r in results if r.error]
    if failed:
        raise SystemExit(f"overview sessions on {server.url} failed: {failed[:3]}")
    return rss


async def closed_loop(port: int, clients: int, seconds: float, level: Level) -> None:
    """`clients` viewers, each opening a new session as soon as its last one finished, for `seconds`."""
    released = asyncio.Event()
    released.set()  # ws_session closes its session as soon as the run has finished
    started = time.perf_counter()
    deadline = started + seconds

    async def client() -> None:
        while time.perf_counter() < deadline:
            done: asyncio.Queue = asyncio.Queue()
            await ws_session(port, OVERVIEW, done, released)
            result = await done.get()
            if result.error:
                level.errors.append(result.error)
            elif time.perf_counter() <= deadline:
                level.finished.append(result.seconds)

    await asyncio.gather(*(client() for _ in range(clients)))
    level.window_s = seconds


def measure(replicas: int, round_no: int, build: Path, work: Path, clients: int, seconds: float) -> Level:
    """One run: fresh replicas and nginx, warmed, then the closed loop through nginx."""
    level = Level(replicas, round_no)
    work = work / f"round-{round_no}-{replicas}"
    work.mkdir()
    env = {"BORDER_MAP_DATA": str(build)}
    servers: list[Server] = []
    nginx = None
    try:
        for number in range(replicas):
            servers.append(Server(ROOT / "app.py", env, work / f"replica-{number}.log"))
        level.rss_idle = [s.rss_mb() for s in servers]
        site = work / "no-site"
        site.mkdir(exist_ok=True)
        addresses = [f"127.0.0.1:{s.port}" for s in servers]
        nginx = Nginx(work / "nginx", free_port(), addresses, site)
        # Warm every replica (imports, the dataset, the base map) outside the window, straight to it.
        level.rss_one = [asyncio.run(open_sessions(s, 1)) for s in servers]
        level.rss_many = [asyncio.run(open_sessions(s, OPEN_SESSIONS)) for s in servers]
        time.sleep(1)
        print(
            f"==> round {round_no}, {replicas} replica(s): {clients} clients for {seconds:.0f} s through nginx",
            file=sys.stderr,
        )
        before = cpu_by_role(servers, nginx)
        asyncio.run(closed_loop(nginx.port, clients, seconds, level))
        after = cpu_by_role(servers, nginx)
        level.cpu = {role: after[role] - before[role] for role in after}
        time.sleep(1)
        level.rss_after = [s.rss_mb() for s in servers]
        level.load_after = load_average()
        streams = [e for e in nginx.requests() if e["request"].split(" ")[1] == "/_stcore/stream"]
        counted = Counter(e["upstream"].split(",")[-1].strip() for e in streams)
        level.per_replica = {a: counted.get(a, 0) for a in addresses}
    finally:
        if nginx is not None:
            nginx.stop()
        for server in servers:
            server.stop()
    return level


def overall(levels: list[Level], replicas: int) -> float:
    """Renders per second over every run with this many replicas (runs finished / time measured)."""
    runs = [lv for lv in levels if lv.replicas == replicas]
    window = sum(lv.window_s for lv in runs)
    return sum(len(lv.finished) for lv in runs) / window if window else 0.0


def disturbed(elsewhere: list[float], cpus: int) -> str:
    """What the reader must know before comparing the rows: did other work take the core the second replica
    needed? Judged from the machine's busy time minus this benchmark's, over the runs with two replicas."""
    if not elsewhere:
        return ""
    low, high = min(elsewhere), max(elsewhere)
    if high < 0.25:
        return (
            f"Other work on the machine used at most {high:.2f} of its {cpus} cores while two replicas ran: "
            "they had the cores to themselves, beside this script and nginx."
        )
    return (
        f"**Other work on the machine used {low:.2f}–{high:.2f} of its {cpus} cores while two replicas ran**, "
        "so the second replica could not have a core of its own: the comparison is limited by the machine, "
        "not by the app. Rerun on a quiet machine for the scaling figure."
    )


def nginx_version() -> str:
    binary = nginx_binary() or "nginx"
    found = subprocess.run([binary, "-v"], capture_output=True, text=True, check=False)  # noqa: S603 - nginx itself
    return found.stderr.strip().removeprefix("nginx version: ")


def mb(values: list[float | None]) -> str:
    return " / ".join(fmt(v, 0) for v in values) or "—"


def report(levels: list[Level], args, started: str, load_start: str) -> str:
    facts = machine("not used")
    facts.pop("Chromium", None)
    facts.pop("Playwright", None)
    facts["nginx"] = nginx_version()
    loads = ", ".join(f"{lv.load_after} after round {lv.round_no} with {lv.replicas}" for lv in levels)
    facts["Load average (1 min)"] = f"{load_start} at the start; {loads}"
    rate = {n: overall(levels, n) for n in REPLICA_COUNTS}
    summary = []
    for n in REPLICA_COUNTS:
        runs = [lv for lv in levels if lv.replicas == n]
        times = [t for lv in runs for t in lv.finished]
        ratio = f"{rate[n] / rate[1]:.2f}×" if rate[1] else "—"
        summary.append(
            f"| {n} | **{rate[n]:.1f}** | {ratio} | {fmt(median(times))} | {fmt(percentile(times, 95))} "
            f"| {sum(len(lv.errors) for lv in runs)} |"
        )
    rows = []
    for lv in levels:
        share = " / ".join(str(n) for n in lv.per_replica.values())
        rows.append(
            f"| {lv.round_no} | {lv.replicas} | {len(lv.finished)} | {lv.renders_per_s:.1f} "
            f"| {fmt(median(lv.finished))} | {fmt(percentile(lv.finished, 95))} | {share} | {len(lv.errors)} |"
        )
    cpu, elsewhere = [], []
    for lv in levels:
        busy = {role: used / lv.window_s for role, used in lv.cpu.items()} if lv.window_s else {}
        per_render = lv.cpu.get("replicas", 0) / len(lv.finished) * 1000 if lv.finished else None
        ours = sum(v for role, v in busy.items() if role != "machine") if busy else None
        # Clamped: the two readings are clock ticks taken a moment apart, so an idle rest can read as -0.02.
        others = max(0.0, busy["machine"] - ours) if busy else None
        if others is not None and lv.replicas > 1:
            elsewhere.append(others)
        cpu.append(
            f"| {lv.round_no} | {lv.replicas} | {fmt(busy.get('replicas'))} | {fmt(busy.get('load generator'))} "
            f"| {fmt(busy.get('nginx'))} | {fmt(others)} | {fmt(busy.get('machine'))} | {fmt(per_render, 1)} |"
        )
    memory = [
        f"| {lv.round_no} | {lv.replicas} | {mb(lv.rss_idle)} | {mb(lv.rss_one)} | {mb(lv.rss_many)} "
        f"| {mb(lv.rss_after)} |"
        for lv in levels
    ]
    errors = sorted({e for lv in levels for e in lv.errors})[:5]
    lines = [
        "# Benchmark: app replicas behind nginx",
        "",
        f"Generated by `python -m scripts.bench.replicas` on {started}. A report, not a test; "
        "docs/deploy.md explains the deployment it measures.",
        "",
        "## Machine",
        "",
        "|  |  |",
        "| --- | --- |",
        *[f"| {k} | {v} |" for k, v in facts.items()],
        "",
        f"**The machine has {facts['CPUs']} CPU cores, and the load generator (this script: {args.clients} "
        "websocket clients in one Python process, parsing every message) and nginx run on the same cores as "
        "the replicas, beside whatever else the machine runs (the load average above).** One replica is one "
        "Python process and uses about one core; two replicas could use both cores only if nothing else "
        "needed them, so the gain measured here is a lower bound of what two replicas on machines or cores "
        "of their own give. The CPU table below shows where the time went.",
        "",
        f"## Renders per second ({args.clients} clients, {args.rounds} rounds of {args.seconds:.0f} s each)",
        "",
        "| replicas | renders/s | vs 1 replica | median s | p95 s | errors |",
        "| --- | --- | --- | --- | --- | --- |",
        *summary,
        "",
        disturbed(elsewhere, int(facts["CPUs"])),
        "",
        "Each run:",
        "",
        "| round | replicas | overview runs in the window | renders/s | median s | p95 s | sessions per replica "
        "| errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        "",
        "## Where the CPU went (cores busy during the window)",
        "",
        "| round | replicas | the replicas | load generator | nginx | everything else on the machine "
        "| machine total | replica CPU ms per render |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *cpu,
        "",
        "## Memory per replica (VmRSS, MB)",
        "",
        f"| round | replicas | idle after start | one overview session open | {OPEN_SESSIONS} sessions open "
        "| after the load |",
        "| --- | --- | --- | --- | --- | --- |",
        *memory,
        "",
        "## Method",
        "",
        "The script fetches the boundary layers from the local mirror and builds them into a temporary "
        "directory. For each replica count it starts the replicas with `streamlit run app.py` on free loopback "
        "ports (the tests' `Server`, from the project root, `BORDER_MAP_DATA` set to the build) and Debian's "
        "nginx in front of them with the shipped template, `deploy/nginx/border_map.conf.template`, rendered "
        "by `deploy/nginx_local.py` as for `tests/deploy/test_deploy.py` (cookie-hashed affinity, one worker process). "
        "Each replica first gets one overview session of its own, straight to its port, outside the "
        "measurement: imports, the dataset and the base map are then warm, as on a replica that has served "
        "anyone. Its RSS is read while that session is still open (“one overview session open”), and again "
        f"with {OPEN_SESSIONS} overview sessions open on it at once.",
        "",
        f"Then {args.clients} clients run for {args.seconds:.0f} s. Rounds alternate the order (1 then 2 "
        "replicas, then 2 then 1), with fresh replicas and nginx for every run. Each opens a new websocket to nginx "
        "(`/_stcore/stream`, no cookie: nginx routes it as a new viewer, by its request id), sends the "
        "frontend's first message (run the overview page; `scripts/bench/protocol.py`'s `rerun_message`), reads "
        "until the run's `script_finished` (`read_run`), closes, and starts again at once. A run counts when "
        "it finished inside the window; renders/s is that count over the window. “median s” and “p95 s” are "
        "the time from connecting to the run's end. “sessions per replica” counts nginx's access log "
        "entries for the websocket by the replica that answered: nginx spreads new viewers by hashing, so the "
        "split is near, not exactly, even.",
        "",
        "Resident memory is `VmRSS` from `/proc/<pid>/status` of each `streamlit run` process. CPU is user + "
        "system time from `/proc/<pid>/stat` of the replicas, nginx's master and workers, and this process, "
        "read before and after the window, and the whole machine's busy time from `/proc/stat`; “cores busy” "
        "is that time over the window. “everything else” is the machine's minus this benchmark's: other "
        "people's work on a shared machine shows there.",
    ]
    if errors:
        lines += ["", "Errors seen (first five kinds): " + "; ".join(errors)]
    return "\n".join(lines) + "\n"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=12, help="concurrent viewers (default 12)")
    parser.add_argument("--seconds", type=float, default=20, help="measurement window per run (default 20)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of 1 and 2 replicas, order alternating")
    parser.add_argument("--data", type=Path, help="an existing build directory (default: fetch and build)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks-replicas.md")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if nginx_binary() is None:
        raise SystemExit("nginx is missing: apt-get install nginx (scripts/test.sh installs it)")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load_start = load_average()
    with tempfile.TemporaryDirectory(prefix="border-map-replicas-") as tmp:
        work = Path(tmp)
        print("==> building the boundary layers", file=sys.stderr)
        build = args.data.resolve() if args.data else build_layers(work, {})
        levels = []
        for round_no in range(1, args.rounds + 1):
            # 1, 2, then 2, 1: a machine whose background load drifts favours neither count.
            order = REPLICA_COUNTS if round_no % 2 else tuple(reversed(REPLICA_COUNTS))
            levels += [measure(n, round_no, build, work, args.clients, args.seconds) for n in order]
    args.out.write_text(report(levels, args, started, load_start), encoding="utf-8")
    for n in REPLICA_COUNTS:
        print(f"{n} replica(s): {overall(levels, n):.1f} renders/s", file=sys.stderr)
    print(f"==> wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
