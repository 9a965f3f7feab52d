"""Cold start: the first visitor of a freshly started app server against the first visitor of a freshly started
one-line app, the floor.

Every other measurement runs on servers that have served before (the time-to-ready loads throw their first
round away), which hides what a process does once: imports, the dataset, the first base maps. A restart, a
deploy or a new replica puts a visitor there. Each round starts a fresh floor and a fresh app (order
alternating), one at a time and alone on the machine's servers, waits until the health check answers (polled
every 10 ms, so the visitor arrives when a load balancer would send one), and opens the page once in a new
browser context: the floor until its line shows, the overview until its map is drawn (the time-to-ready
checks). The figure is each round's app time over its floor time; the report gives their median.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from scripts.bench.browser import Tally, Visit, launch
from scripts.bench.servers import say
from scripts.bench.specs import FLOOR, PAGES, ROOT, Target
from scripts.bench.stats import median
from tests.support.browser import Server, free_port

COLD_TARGET = 1.3  # the overview's first map on a fresh server, as a multiple of a fresh floor's first line
ROUNDS, QUICK_ROUNDS = 5, 3
HEALTH_POLL_S = 0.01
START_WAIT_S = 90.0
WARM_URL = "/warm"  # border_map.web.warm: where the app's warm-up stands


class FreshServer(Server):
    """`streamlit run` started as the tests' Server starts it (same command, from the project root), noting when
    its health check first answers. The tests' Server polls every 0.2 s, which is plenty for a test; here the
    visitor must arrive as soon as a load balancer would let one through."""

    def __init__(self, script: Path, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        command += extra
        started = time.perf_counter()
        with log.open("wb") as out:
            self.proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=out)  # noqa: S603
        while time.perf_counter() - started < START_WAIT_S and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=10) as response:
                    if response.status == 200:
                        self.health_s = time.perf_counter() - started
                        return
            except OSError:
                time.sleep(HEALTH_POLL_S)  # no browser yet: a plain sleep between two connection attempts
        self.stop()
        raise RuntimeError(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")


@dataclass
class ColdLoad:
    """One fresh server and its first visitor."""

    health_s: float | None = None  # from starting the process to the first answer of its health check
    ready_s: float | None = None  # from navigation to ready (line shown, map drawn)
    warm_after_s: float | None = None  # the app's warm-up: overview ready this long after navigation (< 0: before)
    warm: dict = field(default_factory=dict)  # the app's /warm answer after the visit


@dataclass
class ColdRound:
    floor: ColdLoad
    app: ColdLoad

    @property
    def ratio(self) -> float | None:
        if self.app.ready_s is None or not self.floor.ready_s:
            return None
        return self.app.ready_s / self.floor.ready_s


def first_visit(browser: Browser, tally: Tally, script: Path, env: dict, log: Path, target: Target, extra) -> ColdLoad:
    """Start a server, wait for its health check, open the page once, stop the server."""
    server = FreshServer(script, env, log, extra)
    load = ColdLoad(health_s=server.health_s)
    try:
        visit = Visit(browser, tally)
        try:
            navigated = time.time()
            load.ready_s, _seen = visit.open(Target(target.spec, server.url + target.spec.path, target.min_paths))
        except PlaywrightError as error:
            tally.failures.append(f"cold start {target.spec.name}: {str(error).splitlines()[0]}")
        finally:
            visit.close()
        if target.spec is not FLOOR:
            load.warm = server.status(WARM_URL) or {}
            ready = load.warm.get("overview_ready") or load.warm.get("finished")  # its first visitor's map
            if ready:
                load.warm_after_s = ready - navigated
    finally:
        server.stop()
    return load


def measure_cold_starts(
    floor_script: Path, build: Path, work: Path, rounds: int, min_paths: int, tally: Tally, extra: tuple = ()
) -> list[ColdRound]:
    """`rounds` rounds of a fresh floor and a fresh app, after one round that is not kept (Chromium's own first
    pages, and the files of Python and Streamlit read from disk once)."""
    app, floor = Target(PAGES[0], "", min_paths), Target(FLOOR, "", 0)
    env = {"BORDER_MAP_DATA": str(build)}
    logs = work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    kept: list[ColdRound] = []
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for round_no in range(rounds + 1):
                loads = {}
                for which in ("floor", "app") if round_no % 2 else ("app", "floor"):
                    script, target = (floor_script, floor) if which == "floor" else (ROOT / "app.py", app)
                    log = logs / f"cold-{which}-{round_no}.log"
                    loads[which] = first_visit(browser, tally, script, env, log, target, extra)
                if round_no:
                    kept.append(ColdRound(loads["floor"], loads["app"]))
                said = kept[-1].ratio if round_no and kept[-1].ratio else None
                ratio = f": {said:.2f}x" if said else ""
                say(f"    round {round_no}/{rounds}" + (" (warm-up)" if round_no == 0 else ratio))
        finally:
            browser.close()
    return kept


def summary(rounds: list[ColdRound]) -> tuple[float | None, bool | None]:
    """The median of the rounds' ratios, and whether it meets the target."""
    value = median([r.ratio for r in rounds if r.ratio is not None])
    return value, None if value is None else value <= COLD_TARGET
