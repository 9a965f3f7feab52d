"""`python -m scripts.bench` from the project root (scripts/bench.sh runs it): every measurement, then the report.

The order keeps the machine as quiet as each measurement needs: the cold starts first, with no other server
running; then the servers that stay up (the app, the floor and the references) for the browser loads, the
clicks, the slides, the traces and the pool of browsers; then the references stop and Locust loads the app and
the floor; the sequential sessions run last on fresh servers.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts import bench
from scripts.bench import apps, coldstart, data, plots, report
from scripts.bench.browser import (
    POOL_SIZE,
    Tally,
    browser_pool,
    launch,
    measure_clicks,
    measure_loads,
    measure_slides,
)
from scripts.bench.load import LEVELS, QUICK_LEVELS, QUICK_SEQUENTIAL, SEQUENTIAL, measure_load, measure_sequential
from scripts.bench.machine import load_average, machine
from scripts.bench.servers import Server, run_cli, say
from scripts.bench.specs import FLOOR, FLOOR_NODELAY, MAP_ONLY, NAIVE, PAGES, ROOT, STATIC, Target
from scripts.bench.trace import traced_load
from tests.support.browser import CHROMIUM_FULL

# Sections that can run alone (`--only`): they print their tables and write no report.
ONLY = ("cold-start", "load", "time-to-map")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=bench.__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and levels (a smoke run; noisier)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to write")
    parser.add_argument("--data", type=Path, help="use this built layer directory instead of building one")
    parser.add_argument("--loads", type=int, help="measured loads per page (default 11, quick 3)")
    parser.add_argument(
        "--min-paths", type=int, help="paths that make a map 'drawn' (default: districts + links of the build)"
    )
    parser.add_argument(
        "--file-watcher",
        choices=["auto", "watchdog", "poll", "none"],
        help="pass --server.fileWatcherType to every server (default: what .streamlit/config.toml says)",
    )
    parser.add_argument(
        "--cold-starts",
        type=int,
        help=f"rounds of a fresh floor and a fresh app (default {coldstart.ROUNDS}, quick {coldstart.QUICK_ROUNDS})",
    )
    parser.add_argument(
        "--only", choices=ONLY, help="run this section alone and print its table (docs/benchmarks.md is not written)"
    )
    parser.add_argument("--levels", help=f"concurrency levels, comma-separated (default {','.join(map(str, LEVELS))})")
    args = parser.parse_args(argv)
    args.loads = args.loads or (3 if args.quick else 11)
    args.clicks = 3 if args.quick else 7
    args.rounds = 1 if args.quick else 5  # load batches per level and kind
    args.pool_rounds = 1 if args.quick else 3
    if args.levels:
        args.levels = tuple(int(n) for n in args.levels.split(","))
    else:
        args.levels = QUICK_LEVELS if args.quick else LEVELS
    args.sequential = QUICK_SEQUENTIAL if args.quick else SEQUENTIAL
    args.cold_starts = args.cold_starts or (coldstart.QUICK_ROUNDS if args.quick else coldstart.ROUNDS)
    return args


def browser_part(
    args, app: Server, floor: Target, targets: list[Target], build: Path, res_kwargs: dict, tally: Tally
) -> str:
    """Everything measured in Chromium one page at a time; returns the browser version for the report."""
    counts = res_kwargs["counts"]
    min_paths = res_kwargs["min_paths"]
    with sync_playwright() as p:
        browser = launch(p)
        say("==> time to ready")
        res_kwargs["loads"], res_kwargs["paired"] = measure_loads(browser, tally, floor, targets, args.loads)
        say("==> click to details")
        res_kwargs["clicks"] = measure_clicks(browser, tally, app, data.click_target(build), min_paths, args.clicks)
        say("==> next slide")
        res_kwargs["slides"] = measure_slides(browser, tally, app, build, min_paths)
        say("==> payload and timeline")
        res_kwargs["traces"] = [
            traced_load(
                browser, tally, target, sum(counts.values()) if target.min_paths == min_paths else target.min_paths
            )
            for target in [floor, *targets]
            if not target.url.startswith("file:")  # the static HTML has no server: its size is the file's
        ]
        version = browser.version
        browser.close()
    return version


def cold_starts(args, work: Path, build: Path, min_paths: int, tally: Tally) -> list[coldstart.ColdRound]:
    """The cold-start rounds, on a floor script of their own (no other server of the benchmark is running)."""
    say(f"==> cold start: {args.cold_starts} rounds of a fresh floor and a fresh app")
    floor = apps.write_app(work / "cold", "floor", apps.FLOOR_APP)
    extra = server_flags(args)
    return coldstart.measure_cold_starts(floor, build, work, args.cold_starts, min_paths, tally, extra)


def only_cold_start(args, work: Path) -> int:
    """`--only cold-start`: the rounds and their table on stdout, for checking a change to the app's start."""
    tally = Tally()
    build = args.data.resolve() if args.data else data.build_layers(work, {})
    counts = data.path_counts(build)
    rounds = cold_starts(args, work, build, args.min_paths or counts["districts"] + counts["links"], tally)
    header = ["round", "floor: health s", "floor: first line s", "app: health s", "app: first map s", "app × floor"]
    print(report.table([*header, "app's warm-up at the visit"], report.cold_rows(rounds)))
    print("\n" + report.cold_text(rounds))
    problems = tally.failures + tally.blocked + tally.page_errors
    print(f"\nSanity: {len(problems)} problems" + "".join(f"\n- {line}" for line in problems[:20]))
    return 0


def only_load(args, work: Path) -> int:
    """`--only load`: the concurrency levels against a fresh app and floor, their table on stdout."""
    build = args.data.resolve() if args.data else data.build_layers(work, {})
    floor_script = apps.write_app(work, "floor", apps.FLOOR_APP)
    (work / "logs").mkdir(exist_ok=True)
    extra = server_flags(args)
    app = Server(ROOT / "app.py", {"BORDER_MAP_DATA": str(build)}, work / "logs" / "app.log", extra)
    try:
        floor = Server(floor_script, {}, work / "logs" / "floor.log", extra)
        try:
            say(f"==> load: concurrent sessions (Locust), levels {', '.join(map(str, args.levels))}")
            load = measure_load(app, floor, data.province_names(build), args, work)
        finally:
            floor.stop()
    finally:
        app.stop()
    header = ["N", "request", "sessions", "p50 s", "p95 s", "max s", "p95 × floor", "p95 × its floor", "errors"]
    print(report.table([*header, "KB/session"], report.concurrency_rows(load)))
    print()
    for target, measured, result in report.load_target_rows(load):
        print(f"  {result.replace('*', ''):<6} {target}: {measured}")
    return 0


def server_flags(args) -> tuple[str, ...]:
    """What every server of the run is started with beyond the tests' command: the file watcher, if asked."""
    return ("--server.fileWatcherType", args.file_watcher) if args.file_watcher else ()


def start_servers(args, work: Path, build: Path, scripts: dict[str, Path], servers: dict[str, Server]) -> None:
    """The app on `build`, then each of `scripts`, into `servers` by name (the caller stops them, however far
    this got); logs in work/logs."""
    (work / "logs").mkdir(exist_ok=True)
    extra = server_flags(args)
    env = {"BORDER_MAP_DATA": str(build)}
    servers["app"] = Server(ROOT / "app.py", env, work / "logs" / "app.log", extra)
    for name, script in scripts.items():
        servers[name] = Server(script, env, work / "logs" / f"{name}.log", extra)


def only_time_to_map(args, work: Path) -> int:
    """`--only time-to-map`: the map pages, the map-only page and the floor with Nagle off against the floor, then
    one traced load of the overview and of the map-only page, for checking a change to what a page draws."""
    tally = Tally()
    build = args.data.resolve() if args.data else data.build_layers(work, {})
    counts = data.path_counts(build)
    min_paths = args.min_paths or counts["districts"] + counts["links"]
    scripts = {name: apps.write_app(work, name, text) for name, text in apps.time_to_map_apps().items()}
    servers: dict[str, Server] = {}
    try:
        start_servers(args, work, build, scripts, servers)
        floor = Target(FLOOR, servers["floor"].url + FLOOR.path, 0)
        targets = [Target(spec, servers["app"].url + spec.path, min_paths) for spec in PAGES if not spec.text]
        targets += [
            Target(MAP_ONLY, servers["map_only"].url + "/", min_paths),
            Target(FLOOR_NODELAY, servers["floor_nodelay"].url + FLOOR_NODELAY.path, 0),
        ]
        with sync_playwright() as p:
            browser = launch(p)
            say(f"==> time to ready: {args.loads} rounds")
            loads, paired = measure_loads(browser, tally, floor, targets, args.loads)
            say("==> one traced load each of the overview and the map-only page")
            traces = [traced_load(browser, tally, t, sum(counts.values())) for t in (targets[0], targets[-2])]
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    print(report.table(report.LOAD_HEADER, report.load_rows(loads, paired, [t.spec for t in targets])))
    for trace in traces:
        print(f"\n{trace.page}\n" + report.timeline_section(trace))
    problems = tally.failures + tally.blocked + tally.page_errors
    print(f"\nSanity: {len(problems)} problems" + "".join(f"\n- {line}" for line in problems[:20]))
    return 0


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not Path(CHROMIUM_FULL).exists():
        raise SystemExit(f"{CHROMIUM_FULL} is missing: scripts/bench.sh installs Debian chromium")
    if args.only:
        only = {"cold-start": only_cold_start, "load": only_load, "time-to-map": only_time_to_map}[args.only]
        with tempfile.TemporaryDirectory(prefix="border-map-bench-") as tmp:
            return only(args, Path(tmp))
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tally = Tally()
    load_at_start = load_average()
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="border-map-bench-") as tmp:
        work = Path(tmp)
        say("==> fetching and building the boundary layers")
        if args.data:
            build = args.data.resolve()
            mirror = data.mirror()
            fetch = ["fetch", "--dest", str(work / "sources")] + (["--mirror", str(mirror)] if mirror else [])
            times["fetch"] = run_cli(*fetch)
            times["how"] = "for the naive page; the build was given"
        else:
            build = data.build_layers(work, times)
        counts = data.path_counts(build)
        min_paths = args.min_paths or counts["districts"] + counts["links"]
        naive_files = data.national_district_files(work / "sources")
        naive_paths = data.drawn_features(naive_files)
        provinces = data.province_names(build)
        static = work / "export" / "overview.html"
        static.parent.mkdir()
        times["export"] = run_cli(
            "export", "html", "--view", "overview", "--out", str(static), env={"BORDER_MAP_DATA": str(build)}
        )
        cold = cold_starts(args, work, build, min_paths, tally)
        scripts = apps.write_apps(work, naive_files)
        say("==> starting the servers")
        servers: dict[str, Server] = {}
        try:
            start_servers(args, work, build, scripts, servers)
            app, floor = servers["app"], servers["floor"]
            floor_target = Target(FLOOR, floor.url + FLOOR.path, 0)
            targets = [Target(spec, app.url + spec.path, min_paths) for spec in PAGES]
            targets += [
                Target(MAP_ONLY, servers["map_only"].url + "/", min_paths),
                Target(NAIVE, servers["naive"].url + "/", naive_paths),
                Target(STATIC, static.as_uri(), min_paths),
                Target(FLOOR_NODELAY, servers["floor_nodelay"].url + FLOOR_NODELAY.path, 0),
            ]
            kwargs = {"counts": counts, "min_paths": min_paths}
            version = browser_part(args, app, floor_target, targets, build, kwargs, tally)
            say(f"==> {POOL_SIZE} browsers at once")
            pool = asyncio.run(browser_pool(tally, floor_target, targets[0], args.pool_rounds))
            for name in ("map_only", "naive", "floor_nodelay"):  # not loaded any more: give their CPU and memory back
                servers.pop(name).stop()
            say("==> load: concurrent sessions (Locust)")
            load = measure_load(app, floor, provinces, args, work)
        finally:
            for server in servers.values():
                server.stop()
        say("==> memory: sequential sessions (Locust)")
        load.sequential = measure_sequential(build, provinces, args, work, server_flags(args))
        static_bytes = static.stat().st_size
    settings = {
        "quick": args.quick,
        "loads": args.loads,
        "clicks": args.clicks,
        "rounds": args.rounds,
        "pool_rounds": args.pool_rounds,
        "levels": args.levels,
        "sequential": args.sequential,
        "file_watcher": args.file_watcher,
        "cold_rounds": args.cold_starts,
    }
    load_text = f"{load_at_start} at the start, {load_average()} at the end (on {os.cpu_count()} CPUs)"
    res = report.Results(
        started,
        settings,
        {**machine(version), "Load average (1 min)": load_text},
        naive_paths=naive_paths,
        times=times,
        static_bytes=static_bytes,
        pool=pool,
        load=load,
        tally=tally,
        cold=cold,
        **kwargs,
    )
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    svg = {"load": out.with_suffix(".svg"), "memory": out.with_name(out.stem + "-memory.svg")}
    svg["load"].write_text(plots.load_plot(load.levels), encoding="utf-8")
    svg["memory"].write_text(plots.memory_plot(load.sequential), encoding="utf-8")
    out.write_text(report.markdown(res, {k: v.name for k, v in svg.items()}), encoding="utf-8")
    report.print_summary(res)
    print(f"\nwrote {out.name}, {svg['load'].name} and {svg['memory'].name} in {out.parent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
