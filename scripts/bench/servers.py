"""The benchmark's servers and commands: `streamlit run` as the tests start it, `python -m border_map` as the
README gives it, and progress lines on stderr."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from scripts.bench.machine import rss_mb
from scripts.bench.specs import ROOT
from tests.support import browser as browser_support

STARTED = time.perf_counter()


def say(message: str) -> None:
    """Progress on stderr, with the minutes since the benchmark started."""
    minutes, seconds = divmod(round(time.perf_counter() - STARTED), 60)  # whole seconds: never "02:60"
    print(f"[{minutes:02d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)


class Server(browser_support.Server):
    """The tests' server (`streamlit run` on a free loopback port, run from the project root, as a user would
    start it), plus what the benchmark reads of it: its memory."""

    def __init__(self, script: Path, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()):
        super().__init__(ROOT, script, env, log, extra, wait_s=90)

    def rss_mb(self) -> float | None:
        return rss_mb(self.proc.pid)


def run_cli(*args: str, env: dict[str, str] | None = None) -> float:
    """`python -m border_map ...` exactly as the README says, timed (wall clock, interpreter start included);
    a failure stops the benchmark with its message."""
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments, no shell
        [sys.executable, "-m", "border_map", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"python -m border_map {args[0]} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started
