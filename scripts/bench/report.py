"""The report: docs/benchmarks.md from every measurement's results, and the summary printed at the end.

Numbers are never written by hand: each table row is computed here from the samples, and the method text names
the constants the run used.
"""

from __future__ import annotations

import os
import statistics
from dataclasses import dataclass, field
from importlib import metadata

from scripts.bench import coldstart
from scripts.bench.browser import CLICK_WAIT_MS, POOL_SIZE, SLIDE_TARGET_S, ClickSample, Tally
from scripts.bench.coldstart import COLD_TARGET, ColdRound
from scripts.bench.load import (
    CONCURRENCY_TARGET,
    CPU_MIN_SESSIONS,
    FLAT_MB,
    JUDGED_LEVELS,
    LEVELS,
    LoadLevel,
    LoadResults,
    level_p95,
)
from scripts.bench.protocol import MAP_MIN_BYTES, WS_TIMEOUT_S
from scripts.bench.specs import (
    CLICK,
    FLOOR_NODELAY,
    FLOOR_TWICE,
    MAP_COMPONENT,
    MAP_ONLY,
    MAP_PANEL_COMPONENT,
    NAIVE,
    PAGES,
    STATIC,
)
from scripts.bench.stats import fmt, median, percentile, verdict
from scripts.bench.trace import Trace
from tests.support.browser import MAP_BOX


@dataclass
class Results:
    started: str
    settings: dict
    machine: dict
    counts: dict[str, int]
    min_paths: int
    naive_paths: int
    times: dict[str, float]  # fetch, build, export: wall-clock seconds
    static_bytes: int
    loads: dict[str, list[float]]
    paired: dict[str, list[float]]
    clicks: list[ClickSample]
    slides: list[tuple[str, float | None]]
    traces: list[Trace]
    pool: dict[str, list[float | None]]
    load: LoadResults
    tally: Tally
    cold: list[ColdRound] = field(default_factory=list)


SIDE_BY_SIDE = (*PAGES, MAP_ONLY, NAIVE, STATIC, FLOOR_NODELAY)


LOAD_HEADER = ["page", "what", "median s", "× floor", "paired × floor", "target", "result", "loads"]


def load_rows(loads: dict[str, list[float]], paired: dict[str, list[float]], specs=SIDE_BY_SIDE) -> list[list[str]]:
    """Time to ready side by side: the floor, the app's pages, then the map-only, naive and exported pages."""
    floor = median(loads["floor"])
    rows = [["floor", "one-line app", fmt(floor), "1.00", "1.00", "—", "reference", str(len(loads["floor"]))]]
    for spec in specs:
        value = median(loads[spec.name])
        ratio = value / floor if value and floor else None
        ok = None if spec.target_ratio is None or ratio is None else ratio <= spec.target_ratio
        target = f"≤ {spec.target_ratio}× floor" if spec.target_ratio else "—"
        what = spec.what or f"`{spec.path}`"
        rows.append([spec.name, what, fmt(value), fmt(ratio), fmt(median(paired[spec.name])), target, verdict(ok)])
        rows[-1].append(str(len(loads[spec.name])))
    return rows


def nodelay_text(res: Results) -> str:
    """The app's pages against the floor served with the app's socket setting: the same yardstick without
    the delay app.py removes (socket_options), so the reader sees what the app's own work costs over Streamlit's."""
    floor, plain = median(res.loads.get(FLOOR_NODELAY.name, [])), median(res.loads.get("floor", []))
    if not floor or not plain:
        return f"The *{FLOOR_NODELAY.name}* reference did not load: no comparison against it."
    ratios = ", ".join(
        f"{spec.name} {fmt(median(res.loads[spec.name]) / floor)}×"
        for spec in PAGES
        if spec.target_ratio and median(res.loads[spec.name])
    )
    return (
        "Nagle's algorithm: app.py turns it off on the server's socket (`socket_options`), which Streamlit 1.67 leaves "
        "on, so a run's messages reach the browser together rather than some after the browser's delayed "
        "acknowledgement (up to 40 ms on Linux). The floor above is stock Streamlit, as the targets define it. "
        f"The *{FLOOR_NODELAY.name}* row serves the same one line with that setting ({fmt(floor)} s, against "
        f"{fmt(plain)} s): against it, the app's map pages take {ratios} its time."
    )


def click_summary(res: Results) -> tuple[float | None, bool | None]:
    value = median([c.seconds for c in res.clicks if c.seconds is not None])
    return value, None if value is None else value <= CLICK["target_s"]


def judged_levels(load: LoadResults) -> list[LoadLevel]:
    """The levels the concurrency target is judged at: those of JUDGED_LEVELS that ran, else the highest."""
    levels = load.levels
    judged = [level for level in levels if level.sessions in JUDGED_LEVELS]
    return judged or levels[-1:]


def round_ratios(level: LoadLevel, name: str) -> list[float]:
    """Each round's p95 of `name` over the p95 of its yardstick in the same round: how far one run's ratio
    moves from round to round (a single slow batch sets the level's p95)."""
    base = LOAD_FLOOR.get(name, "floor")
    pairs = zip(level.round_p95.get(name, []), level.round_p95.get(base, []), strict=False)
    return [app / floor for app, floor in pairs if app and floor]


def load_summary(level: LoadLevel, name: str) -> tuple[float | None, int, bool | None]:
    """p95 over the floor's p95 at this level, errors of this name and its floor there, and whether the
    target holds."""
    base = LOAD_FLOOR.get(name, "floor")
    floor, app = level_p95(level, base), level_p95(level, name)
    ratio = app / floor if app and floor else None
    errors = sum(len(level.errors.get(n, [])) for n in (base, name))
    return ratio, errors, None if ratio is None else (ratio <= CONCURRENCY_TARGET and errors == 0)


def memory_bound(res: Results) -> dict[str, dict]:
    """At the highest level, per kind: the highest RSS seen (the bound), the RSS before the batches, and
    per session (peak − idle) / N, the worst batch."""
    if not res.load.levels:
        return {}
    top = res.load.levels[-1]
    out = {}
    for kind, batches in top.memory.items():
        out[kind] = {
            "idle": min(b["idle"] for b in batches if b["idle"]),
            "peak": max(b["peak"] for b in batches),
            "per_session": max((b["peak"] - b["idle"]) / top.sessions for b in batches if b["idle"]),
            "batches": len(batches),
        }
    return out


def flatness(run: dict) -> tuple[float | None, float | None, float | None, bool | None]:
    """Mean RSS over the first quarter of the sessions and over the last, their difference, and whether it is
    within FLAT_MB."""
    samples = [(count, rss) for count, rss in run.get("rss", []) if rss is not None]
    total = run.get("sessions", 0)
    if not samples or not total:
        return None, None, None, None
    first = [rss for count, rss in samples if count <= total / 4]
    last = [rss for count, rss in samples if count >= total * 3 / 4]
    if not first or not last:
        return None, None, None, None
    head, tail = statistics.fmean(first), statistics.fmean(last)
    return head, tail, tail - head, abs(tail - head) <= FLAT_MB


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


LOAD_NAMES = ("floor", FLOOR_TWICE, "overview", "explore", "explore: open", "explore: change")
# Each kind's yardstick at a level: the one-line app's session doing what that kind's session does.
LOAD_FLOOR = {"explore": FLOOR_TWICE}


def concurrency_rows(load: LoadResults) -> list[list[str]]:
    rows = []
    for level in load.levels:
        floor_p95 = level_p95(level, "floor")
        for name in LOAD_NAMES:
            times = level.times.get(name, [])
            if not times and not level.errors.get(name):
                continue
            p95 = percentile(times, 95)
            ratio = fmt(p95 / floor_p95) if p95 and floor_p95 else "—"
            own_p95 = level_p95(level, LOAD_FLOOR.get(name, "floor"))
            own = fmt(p95 / own_p95) if p95 and own_p95 else "—"
            sizes = level.bytes.get(name, [])
            rows.append(
                [
                    str(level.sessions),
                    name,
                    str(len(times) + len(level.errors.get(name, []))),
                    fmt(median(times)),
                    fmt(p95),
                    fmt(max(times) if times else None),
                    "1.00" if name == "floor" else ratio,
                    own,
                    str(len(level.errors.get(name, []))),
                    fmt(median(sizes) / 1024 if sizes else None, 0),
                ]
            )
    return rows


def memory_rows(res: Results) -> list[list[str]]:
    """Per level and server: RSS before the batches, the highest seen during them, and per session."""
    rows = []
    for level in res.load.levels:
        for server, kinds in (("floor", ("floor",)), ("app", ("overview", "explore"))):
            batches = [b for kind in kinds for b in level.memory.get(kind, [])]
            idle = [b["idle"] for b in batches if b["idle"]]
            if not idle:
                continue
            per = max((b["peak"] - b["idle"]) / level.sessions for b in batches if b["idle"])
            rows.append(
                [
                    str(level.sessions),
                    server,
                    fmt(min(idle), 0),
                    fmt(max(b["peak"] for b in batches), 0),
                    fmt(per * 1024, 0),
                ]
            )
    return rows


def sequential_rows(res: Results) -> list[list[str]]:
    runs = res.load.sequential
    counts = sorted({count for run in runs.values() for count, _rss in run["rss"]})
    by = {name: dict(run["rss"]) for name, run in runs.items()}
    return [[str(count)] + [fmt(by[name].get(count), 1) for name in runs] for count in counts]


def timeline_section(trace: Trace) -> str:
    rows = [[f"{seconds * 1000:.0f}", label] for seconds, label in trace.timeline]
    return table(["ms after goto", "event"], rows)


def pool_rows(res: Results) -> list[list[str]]:
    floor = [t for t in res.pool.get("floor", []) if t is not None]
    rows = []
    for name, values in res.pool.items():
        done = [t for t in values if t is not None]
        p50, worst = median(done), (max(done) if done else None)
        ratio = fmt(p50 / median(floor)) if p50 and floor else "—"
        rows.append([name, str(len(values)), fmt(p50), fmt(worst), ratio, str(len(values) - len(done))])
    return rows


def cold_rows(rounds: list[ColdRound]) -> list[list[str]]:
    """Each round: the floor's and the app's health and first view, their ratio, and where the app's warm-up
    stood when its visitor arrived."""
    rows = []
    for number, found in enumerate(rounds, start=1):
        warm = found.app.warm
        if found.app.warm_after_s is None:
            stood = warm.get("state", "no /warm answer") if warm else "no /warm answer"
        elif found.app.warm_after_s <= 0:
            stood = f"warm {-found.app.warm_after_s:.2f} s before"
        else:
            stood = f"warm {found.app.warm_after_s:.2f} s after"
        rows.append(
            [
                str(number),
                fmt(found.floor.health_s),
                fmt(found.floor.ready_s),
                fmt(found.app.health_s),
                fmt(found.app.ready_s),
                fmt(found.ratio),
                stood,
            ]
        )
    return rows


def cold_text(rounds: list[ColdRound]) -> str:
    """The section's sentence under its table: medians, and the warm-up's own steps as the app reported them."""
    if not rounds:
        return "No cold-start round completed."
    value, _ok = coldstart.summary(rounds)
    floor = median([r.floor.ready_s for r in rounds if r.floor.ready_s is not None])
    app = median([r.app.ready_s for r in rounds if r.app.ready_s is not None])
    steps: dict[str, list[float]] = {}
    for found in rounds:
        for step, seconds in (found.app.warm.get("seconds") or {}).items():
            steps.setdefault(step, []).append(seconds)
    warm = ", ".join(f"{step} {fmt(median(values))} s" for step, values in steps.items())

    def restart(which: str) -> float | None:
        return median(
            [
                getattr(r, which).health_s + getattr(r, which).ready_s
                for r in rounds
                if getattr(r, which).health_s is not None and getattr(r, which).ready_s is not None
            ]
        )

    floor_total, app_total = restart("floor"), restart("app")
    total_ratio = app_total / floor_total if app_total and floor_total else None
    return (
        f"Median of the rounds' ratios: {fmt(value)}× (target ≤ {COLD_TARGET}×); medians: the floor's first line "
        f"{fmt(floor)} s, the app's first map {fmt(app)} s. "
        f"From the process's start, health check and first view added (a visitor whose page waited through the "
        f"restart): the floor {fmt(floor_total)} s, the app {fmt(app_total)} s ({fmt(total_ratio)}×); the app "
        f"answers its health check once the pages' code and the build's dataset are loaded. "
        + (f"The app's warm-up (its /warm answer, medians): {warm}." if warm else "The app reported no warm-up.")
    )


def markdown(res: Results, plots: dict[str, str]) -> str:
    counts = res.counts
    seq = res.load.sequential
    bound = memory_bound(res)
    top = res.load.levels[-1].sessions if res.load.levels else 0
    out = [
        "# Benchmarks",
        "",
        f"Generated by `scripts/bench.sh{' --quick' if res.settings['quick'] else ''}` on {res.started}. "
        "A report, not a test: rerun it after a change and compare with the same machine's numbers. "
        "Do not edit it by hand.",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in res.machine.items()]),
        "",
        "## Summary",
        "",
        table(["target", "measured", "result"], summary_rows(res)),
        "",
        f"Sanity: {len(res.tally.blocked)} requests to other hosts were attempted and blocked (must be 0); "
        f"{len(res.tally.page_errors)} uncaught page errors; {len(res.tally.failures)} browser loads timed out "
        "or failed.",
        "",
        "## Method",
        "",
        method_text(res),
        "",
        "## Build and export",
        "",
        table(
            ["step", "wall-clock s"],
            [
                [f"`python -m border_map fetch` ({res.times.get('how', '')})", fmt(res.times.get("fetch"))],
                ["`python -m border_map build`", fmt(res.times.get("build"))],
                ["`python -m border_map export html --view overview`", fmt(res.times.get("export"))],
            ],
        ),
        "",
        "## Time to ready, side by side",
        "",
        table(LOAD_HEADER, load_rows(res.loads, res.paired)),
        "",
        f"Ready: the app's map pages and the map-only page when the app's map widget, drawn in the page itself, "
        f"has its Leaflet map (`window.bmMap`) loaded and in the page, its box (`{MAP_BOX}`) taller than 100 px, "
        f"and that box's overlay pane holds at least {res.min_paths} SVG paths (districts {counts['districts']} + "
        f"links {counts['links']}; with the provinces' outline, {counts['provinces']} path, the overview draws "
        f"{sum(counts.values())}); "
        f"the naive page when st_folium's iframe is taller than 100 px and holds {res.naive_paths} paths (one per "
        f"district of the three countries); the static HTML when its map, in the page itself, holds "
        f"{res.min_paths} paths; the floor and the data page when their text is visible.",
        "",
        nodelay_text(res),
        "",
        "## Cold start: the first visitor of a fresh server",
        "",
        table(
            [
                "round",
                "floor: health s",
                "floor: first line s",
                "app: health s",
                "app: first map s",
                "app × floor",
                "app's warm-up at the visit",
            ],
            cold_rows(res.cold),
        ),
        "",
        cold_text(res.cold),
        "",
        f"## A small pool of real browsers ({POOL_SIZE} at once)",
        "",
        table(["page", "loads", "median s", "max s", "median × floor median", "failed"], pool_rows(res)),
        "",
        "## Load: concurrent sessions (Locust, Streamlit's websocket protocol)",
        "",
        table(
            [
                "N",
                "request",
                "sessions",
                "p50 s",
                "p95 s",
                "max s",
                "p95 × floor p95",
                "p95 × same-interaction floor p95",
                "errors",
                "KB/session",
            ],
            concurrency_rows(res.load),
        ),
        "",
        f"![p95 time to script_finished against concurrent sessions]({plots['load']})",
        "",
        locust_text(res),
        "",
        "Server CPU per session: the server process's CPU time (user + system, every thread, from "
        "/proc through psutil) from a batch's start to its last run's end, divided by its sessions; the median "
        "over the level's batches, for levels of 10 sessions or more (the kernel counts CPU time in 10 ms ticks). "
        "Steadier than the latencies above, which wait on the whole batch's work and on the machine: read them "
        "together.",
        "",
        table(["N", "kind", "server CPU ms per session", "× floor", "× same-interaction floor"], cpu_rows(res)),
        "",
        "## Memory",
        "",
        "Server VmRSS (MB) while the load levels ran: before the level's batches, the highest seen during them "
        "(sampled every 0.2 s), and per session = (peak − before) / N for the worst batch (KB).",
        "",
        table(["N", "server", "before MB", "peak MB", "KB per session"], memory_rows(res)),
        "",
        memory_text(bound, top),
        "",
    ]
    if seq:
        out += [
            f"Sessions one after another on freshly started servers (open, run to `script_finished`, close), "
            f"RSS in MB after every {res.settings['sequential'][1]}th; the app's alternate overview and explore "
            "(with a province change):",
            "",
            table(["sessions", *[f"{name} RSS MB" for name in seq]], sequential_rows(res)),
            "",
            sequential_text(res),
            "",
            f"![server RSS over sequential sessions]({plots['memory']})",
            "",
        ]
    out += [
        "## Present: next slide",
        "",
        "The whole deck at 1280×720, one Right key at a time; the clock stops when the counter shows the new "
        "slide and the live map's centre is inside that slide's view (text and map both moved).",
        "",
        table(["slide kind", "slides", "median s", "max s"], slide_rows(res)),
        "",
        "## Click to details",
        "",
        table(["measure", "value"], click_rows(res)),
        "",
        "## Payload per page (one load, cold browser cache)",
        "",
        table(
            ["page", "HTTP KB", "requests", "websocket KB", "frames", "largest frame KB", "largest frame", "runs"],
            [
                [
                    t.page,
                    f"{t.http_bytes / 1024:.0f}",
                    str(t.http_requests),
                    f"{t.ws_bytes / 1024:.1f}",
                    str(t.ws_frames),
                    f"{t.ws_largest / 1024:.1f}",
                    t.ws_largest_kind,
                    str(t.script_runs),
                ]
                for t in res.traces
            ]
            + [["static HTML (the file)", f"{res.static_bytes / 1024:.0f}", "1", "—", "—", "—", "—", "—"]],
        ),
        "",
        "“runs” counts `new_session` messages: how many times the script ran for one page load. The static HTML "
        "is one self-contained file (Leaflet and the layers inlined), opened from disk.",
        "",
        "## Where the time goes: one traced load",
        "",
    ]
    for trace in res.traces:
        if trace.page in ("floor", "overview", NAIVE.name):
            out += [f"### {trace.page}", "", timeline_section(trace), ""]
    out += ["## Raw samples (s)", ""]
    out += [f"- {name}: {', '.join(fmt(v) for v in values)}" for name, values in res.loads.items()]
    out += [f"- pool {name}: {', '.join(fmt(v) for v in values)}" for name, values in res.pool.items()]
    errors = [
        f"N={level.sessions} {name}: {error}"
        for level in res.load.levels
        for name, found in level.errors.items()
        for error in found
    ]
    errors += [f"sequential {label}: {r['error']}" for label, run in seq.items() for r in run["records"] if r["error"]]
    problems = res.tally.failures + res.tally.blocked + res.tally.page_errors + errors
    if problems:
        out += ["", "## Problems seen", ""]
        out += [f"- {line}" for line in problems[:40]]
        if len(problems) > 40:
            out.append(f"- … and {len(problems) - 40} more")
    return "\n".join(out) + "\n"


def click_rows(res: Results) -> list[list[str]]:
    click_med, click_ok = click_summary(res)
    return [
        ["median s, click → “" + CLICK["text"] + "” visible", fmt(click_med)],
        ["target", f"≤ {CLICK['target_s']} s: {verdict(click_ok)}"],
        ["samples (s)", ", ".join(fmt(c.seconds) for c in res.clicks)],
        [
            "websocket KB received per click (median)",
            fmt(median([c.ws_bytes / 1024 for c in res.clicks if c.seconds is not None]), 0),
        ],
        ["URL carries the pair after the click", f"{sum(c.url_has_pair for c in res.clicks)}/{len(res.clicks)}"],
        [
            "zoom levels added before the district could be hit (-1: no clickable point)",
            ", ".join(str(c.zoomed_in) for c in res.clicks),
        ],
    ]


def slide_worst(res: Results) -> float | None:
    times = [t for _kind, t in res.slides]
    return None if not times or None in times else max(times)


def slide_rows(res: Results) -> list[list[str]]:
    kinds: dict[str, list[float]] = {}
    for kind, seconds in res.slides:
        if seconds is not None:
            kinds.setdefault(kind, []).append(seconds)
    return [[kind, str(len(v)), fmt(median(v)), fmt(max(v))] for kind, v in kinds.items()]


def load_target_rows(load: LoadResults) -> list[list[str]]:
    """The concurrency target's summary rows, per judged level and map page."""
    rows = []
    for level in judged_levels(load):
        for name in ("overview", "explore"):
            ratio, errors, ok = load_summary(level, name)
            yardstick = "the floor's p95" if name not in LOAD_FLOOR else f"the p95 of the floor's “{LOAD_FLOOR[name]}”"
            rounds = round_ratios(level, name)
            spread = f" (round by round: {', '.join(f'{r:.2f}' for r in rounds)})" if len(rounds) > 1 else ""
            n = level.sessions
            rows.append(
                [
                    f"{n} {name} sessions at once: p95 ≤ {CONCURRENCY_TARGET:g}× {yardstick} at {n}, 0 errors",
                    f"{fmt(ratio)}×, {errors} errors{spread}",
                    verdict(ok),
                ]
            )
    return rows


def summary_rows(res: Results) -> list[list[str]]:
    floor_med = median(res.loads["floor"])
    rows = []
    for spec in PAGES:
        if spec.target_ratio is None:
            continue
        value = median(res.loads[spec.name])
        ratio = value / floor_med if value and floor_med else None
        ok = None if ratio is None else ratio <= spec.target_ratio
        rows.append(
            [f"{spec.name} time to map ≤ {spec.target_ratio}× floor", f"{fmt(ratio)}× ({fmt(value)} s)", verdict(ok)]
        )
    cold, cold_ok = coldstart.summary(res.cold)
    app = median([r.app.ready_s for r in res.cold if r.app.ready_s is not None])
    rows.append(
        [
            f"overview's first map on a fresh server ≤ {COLD_TARGET}× a fresh floor's first line "
            f"(median of {len(res.cold)} paired rounds)",
            f"{fmt(cold)}× ({fmt(app)} s)",
            verdict(cold_ok),
        ]
    )
    click_med, click_ok = click_summary(res)
    rows.append([f"click to details ≤ {CLICK['target_s']} s", f"{fmt(click_med)} s", verdict(click_ok)])
    worst = slide_worst(res)
    rows.append(
        [
            f"next slide redrawn ≤ {SLIDE_TARGET_S} s (slowest of the deck)",
            f"{fmt(worst)} s (median {fmt(median([t for _k, t in res.slides if t is not None]))} s)",
            verdict(None if worst is None else worst <= SLIDE_TARGET_S),
        ]
    )
    rows += load_target_rows(res.load)
    app = res.load.sequential.get("app")
    if app:
        head, tail, delta, flat = flatness(app)
        rows.append(
            [
                f"server memory flat over {app['sessions']} sequential sessions (last quarter − first quarter "
                f"≤ {FLAT_MB:g} MB)",
                f"{fmt(head, 0)} → {fmt(tail, 0)} MB ({'+' if (delta or 0) >= 0 else ''}{fmt(delta, 1)} MB)",
                verdict(flat),
            ]
        )
    bound = memory_bound(res)
    top = res.load.levels[-1].sessions if res.load.levels else max(LEVELS)
    peaks = [bound[k]["peak"] for k in ("overview", "explore") if k in bound]
    if peaks:
        idle = min(bound[k]["idle"] for k in ("overview", "explore") if k in bound)
        per = max(bound[k]["per_session"] for k in ("overview", "explore") if k in bound)
        rows.append(
            [
                f"server memory bounded under {top} concurrent sessions (bound stated)",
                f"{max(peaks):.0f} MB at most ({idle:.0f} MB before; {per * 1024:.0f} KB per session)",
                "stated",
            ]
        )
    return rows


def method_text(res: Results) -> str:
    loads, settings = len(res.loads["floor"]), res.settings
    levels = ", ".join(map(str, settings["levels"]))
    sessions, every = settings["sequential"]
    return "\n\n".join(
        [
            "**Setup.** The script fetches the boundary layers (from the local mirror when there is one), builds "
            "them into a temporary directory, exports the overview as static HTML from that build, and starts "
            "five servers with `streamlit run` on free loopback ports, all from the project root so all read its "
            "`.streamlit/config.toml` (file watcher: "
            f"{settings['file_watcher'] or 'as configured'}): the app (with `BORDER_MAP_DATA` set to the build); "
            'the *floor*, a one-line app, `st.write("hello border")`: what any Streamlit page costs on this machine; '
            f"the *{FLOOR_NODELAY.name}* floor, the same line with app.py's socket setting (`socket_options`), a "
            "reference; "
            "the *map-only* page, a one-file script that calls only the app's `map_widget.show` for the overview's "
            "view "
            "(the least any page with the app's map pays: the app's map widget, a Streamlit v2 component "
            f"`{MAP_COMPONENT}` that draws folium's map in the page itself, no iframe); and the *naive* page, a "
            "one-file script that does what a first-time user would: read the three national district layers named "
            "by the boundary catalogue (Thailand, Laos and Cambodia; every district, not only the border ones) on "
            "every run, add each to a `folium.Map` as a `folium.GeoJson`, and show it with `st_folium` (in "
            "streamlit-folium's iframe). The naive page has no basemap tiles (neither has the app by default) and its "
            "Leaflet is made local with "
            "`border_map.render.offline.use_local_leaflet`, since the benchmark blocks every request to another "
            "host: a "
            "first-time user's page would also fetch Leaflet, jQuery, Bootstrap and tiles from CDNs, so it is "
            "slower in real life than here. The map-only and naive scripts declare the app's routes (`st.App` with "
            "`routes.routes()`, as app.py does) so Leaflet is served where the app serves it; the map-only script "
            "also declares the app's middleware (`routes.middleware()`: Leaflet and Streamlit's component code "
            "announced in the page's head) and turns Nagle's algorithm off on its socket, as app.py does. "
            "Headless Debian Chromium is driven through Playwright. Every request to a host other than this "
            "machine fails and is counted: the browser is launched with a proxy that does not exist, which "
            "loopback addresses bypass, and the pages' own network events are read as they pass. Nothing is "
            "intercepted: Playwright's request routing holds each request of the page for a round trip to its "
            "driver, a cost no viewer pays and one that grew with a page's requests (the overview makes 90, the "
            "floor 67).",
            "**Build and export.** Wall-clock time of each `python -m border_map` command, interpreter start "
            "included, run once.",
            f"**Time to ready.** Each load uses a new browser context (empty cache, new Streamlit session). The clock "
            f'starts before `page.goto(url, wait_until="commit")` and stops when a check, polled on every animation '
            f"frame, first holds (see below the table). The static HTML is opened from a file:// URL, so it has no "
            f"server and no websocket: its time is the browser parsing the file and Leaflet drawing it. Every load "
            f"is paired with a floor load (order alternating per round), {settings['loads']} rounds after one "
            f"unkept warm-up round, so the floor has {loads} samples and each page {settings['loads']}; the table "
            "gives medians, the ratio to the floor's median of the same run (judged against the target), and the "
            "median of each load's ratio to its own floor load (“paired”): when the machine's load drifts during "
            "the run, the paired figure is the steadier one, and the two differing much is a sign the run was "
            "disturbed.",
            "**Cold start.** Every other figure is measured on servers that have served before (the loads above "
            "throw their first round away). Here each round starts a fresh floor and a fresh app server (order "
            "alternating per round, one server at a time, before any other server of the benchmark is started), "
            "polls its `/_stcore/health` every 10 ms from the moment the process starts, and as soon as it answers "
            "opens the page once in a new browser context, timed as above: the floor until its line is visible, the "
            "overview until its map is drawn; then the server is stopped. A first round is not kept (Chromium's "
            f"own first pages). Rounds kept: {settings['cold_rounds']}; the figure is the median of each round's app "
            "time over its floor time. After the app's visit the benchmark reads the app's `/warm` (its warm-up at "
            "start, `border_map.web.warm`): when its overview map was ready in the default language, against the "
            "navigation's start, and how long its steps took.",
            f"**A small pool of real browsers.** One Chromium, {POOL_SIZE} new contexts made first, then all "
            f"{POOL_SIZE} navigations started together (asyncio Playwright), each timed from its own goto to the "
            f"same ready check as above; {POOL_SIZE} floor loads at once and {POOL_SIZE} overview loads at once, "
            f"order alternating; rounds: {settings['pool_rounds']}. Browsers and servers share the machine's "
            f"{os.cpu_count()} CPUs, so this measures a crowded machine more than a crowded server.",
            f"**Load.** [Locust](https://locust.io) {metadata.version('locust')} (scripts/load/locustfile.py, "
            "driven by `python -m scripts.load.driver` in its own process) with users whose client speaks Streamlit's "
            "websocket protocol: connect to `/_stcore/stream`, send the `rerun_script` BackMsg the frontend sends on "
            "load "
            "(page name and query string of the URL), read ForwardMsgs until the run's `script_finished` "
            "(FINISHED_SUCCESSFULLY, or for a fragment's run FINISHED_FRAGMENT_RUN_SUCCESSFULLY; a rerun the script "
            "asks for is waited through). Each run is a Locust request "
            "event; it fails on a connection failure, a timeout "
            f"({WS_TIMEOUT_S:.0f} s), an exception element in the run, or, on a map page, a run without the "
            f"app's map widget (a `bidi_component` element named `{MAP_COMPONENT}`, or `{MAP_PANEL_COMPONENT}` "
            "with Explore's panel beside the map) or under "
            f"{MAP_MIN_BYTES // 1000} KB (an empty page cannot pass as fast). "
            "*overview* users open `/`; *explore* users open `/explore?province=X`, X taken in turn from the "
            "build's provinces (Thai and neighbouring), then choose another in the page's province box on the same "
            "session (a second `rerun_script` as the frontend sends it for that choice: the event of the map panel "
            "that draws the box, with the chosen province's key, the id "
            "of the fragment the box is in, so only that fragment reruns, and the URL's query as the first run "
            "left it): "
            "“explore” is the whole session, connect to the second run's end, “explore: open” and “explore: "
            "change” its two runs; *floor* users open the one-line app, and *floor: open + change* users open it "
            "and run it again with a new query string (a full rerun of its one line), the explorers' interaction "
            "on the one-line app: an "
            "explorer's session is judged against that, since it asks the server for two runs where a floor "
            "session asks for one (the single-run ratio is in the table too). For each N "
            f"({levels}), {settings['rounds']} batch(es) per kind (floor, floor: open + change, overview, explore; "
            "order rotating per "
            "round): N users spawned at once (Locust spawn rate N, one dispatch), each opening one session and "
            "holding it open, like an open tab, until all N have finished; then all close. p50, p95 (nearest "
            "rank) and max are over every session of the level, from the request events as fired (Locust's own "
            "statistics round to its buckets; its counts are given as a check). A level's p95 is set by its "
            "slowest batches, so the summary's load rows also give each round's ratio (that round's batch p95 "
            "over the yardstick's batch p95 in the same round): how far one run's figure can move. This measures "
            "the server (script runs, serialisation, sending) and not the browser's rendering; the load generator "
            "shares the machine's CPUs with the servers. Every server reads the project's "
            "`.streamlit/config.toml`, so the floor runs with the app's settings: `runner.postScriptGC` off among "
            "them (Streamlit's full garbage collection after every run, whose cost grows with the number of open "
            "sessions). One setting of the app's server is not in that file, and the floor runs without it: "
            "app.py keeps Streamlit's theme options between runs (`theme_options`), which Streamlit 1.67 reads "
            "anew for every run's first message, six walks of its 367 options (0.20 ms a run on this machine, "
            "timed alone: about 0.4 ms of an explorer's two runs).",
            "**Memory.** The server process's VmRSS from /proc/<pid>/status, the number an operator would watch. "
            "During the load levels: read before each batch, every 0.2 s during it and when all its sessions have "
            f"finished; the bound stated is the highest value seen at the highest level. Sequentially: {sessions} "
            "sessions one after another by one Locust user (open, run to the end, close, next), on freshly started "
            "servers, the app's own warm-up finished (its `/warm` says so: its later steps, the other language's "
            "base maps, would otherwise land among the sessions as a one-time step), then warmed by one session of "
            "each kind; RSS is read before the first and after every "
            f"{every}th, and the memory is called flat when the mean of the last quarter's readings is within "
            f"{FLAT_MB:g} MB of the first quarter's. Streamlit keeps a closed session's state for "
            "`server.disconnectedSessionTTL` (120 s by default), so all the sessions of this run are still held at "
            "its end: growth here is what one closed session costs for two minutes, plus any leak.",
            f"**Click to details.** After the overview map is drawn and Leaflet's fit-bounds animation has stopped, "
            f"the real mouse clicks a point well inside {CLICK['district']} and away from link lines (shapely: the "
            "district shrunk by 0.01°, minus the links buffered by 0.02°, its representative point; then grid points "
            "of that area and of the whole district), converted to screen coordinates with Leaflet's "
            "`latLngToContainerPoint` plus the map container's place in the page (the widget draws the map in the "
            "page itself), and hit-tested with `document.elementFromPoint`: the first candidate whose topmost "
            "element in the page is the district's own SVG path is clicked. If something covers the whole district "
            "at the page's zoom, the map is zoomed in on it one level at a time (no animation; the map sends nothing "
            "to the server for a zoom) "
            f"and the table says so. The clock runs from the click to “{CLICK['text']}” being visible (at most "
            f"{CLICK_WAIT_MS // 1000} s); one warm-up click, then up to {settings['clicks']} samples, each in a new "
            "context.",
            "**Payload.** One more load per page with the DevTools protocol on (kept out of the timings): HTTP bytes "
            "are the sum of `Network.loadingFinished.encodedDataLength` (bytes on the wire, headers included, "
            "compressed where the server compresses); websocket bytes are the sizes of the frames received "
            "(`Network.webSocketFrameReceived`), each decoded as a Streamlit `ForwardMsg` to name it. The load counts "
            "until ready plus 1.5 s. The same load gives the timelines below, with marks recorded by a script polling "
            "from the top frame on every animation frame: on the app's pages, when the map widget's element "
            f'(`[data-testid^="stBidiComponent"]`) appears, its box (`{MAP_BOX}`) is sized, Leaflet is evaluated '
            "(`window.L`), the map is created (`window.bmMap`) and paths are drawn; on the naive page, the same "
            "for st_folium's iframe. It is one load, slowed a little by the tracing: read it "
            "for the order and the gaps, and the medians above for the totals.",
        ]
    )


def locust_text(res: Results) -> str:
    counts = "; ".join(f"{name} {n} requests, {f} failures" for name, (n, f) in res.load.locust_counts.items())
    warned = "; Locust warned that its CPU use passed 90 %" if res.load.generator_cpu_warning else ""
    return (
        f"Locust's own statistics counted: {counts}. Load generator's CPU use peaked at "
        f"{res.load.generator_cpu_peak:.0f} % of one core (0.2 s windows){warned}."
    )


def memory_text(bound: dict[str, dict], top: int) -> str:
    if not bound:
        return ""
    parts = [
        f"{kind}: {b['peak']:.0f} MB at most over {b['batches']} batch(es) ({b['idle']:.0f} MB before; "
        f"{b['per_session'] * 1024:.0f} KB per session)"
        for kind, b in bound.items()
    ]
    return f"At {top} concurrent sessions — " + "; ".join(parts) + "."


def sequential_text(res: Results) -> str:
    parts = []
    for label, run in res.load.sequential.items():
        head, tail, delta, flat = flatness(run)
        errors = sum(1 for r in run["records"] if r["error"])
        word = "flat" if flat else ("not flat" if flat is not None else "not measured")
        growth = f"{(delta or 0) * 1024 / max(1, run['sessions'] * 3 / 4):.0f} KB per session" if delta else "—"
        parts.append(
            f"{label}: {run['sessions']} sessions in {run['wall_s']:.0f} s, {errors} errors; first quarter "
            f"{fmt(head, 1)} MB, last quarter {fmt(tail, 1)} MB: {word} ({growth})"
        )
    return "; ".join(parts) + "."


def cpu_rows(res) -> list[list[str]]:
    """Median server CPU per session of each kind at each level, against the floor's of the same level."""
    rows = []
    same = {"explore": "floor2", "overview": "floor", "floor2": "floor2", "floor": "floor"}
    names = {"floor2": FLOOR_TWICE}
    for level in res.load.levels:
        if level.sessions < CPU_MIN_SESSIONS:
            continue
        medians = {kind: statistics.median(values) for kind, values in level.cpu.items() if values}
        for kind, value in medians.items():
            floor, alike = medians.get("floor"), medians.get(same.get(kind, "floor"))
            rows.append(
                [
                    str(level.sessions),
                    names.get(kind, kind),
                    f"{value * 1000:.1f}",
                    f"{value / floor:.2f}" if floor else "—",
                    f"{value / alike:.2f}" if alike else "—",
                ]
            )
    return rows


def print_summary(res: Results) -> None:
    print()
    print(f"{'page':<14}{'median s':>9}{'x floor':>9}{'paired':>9}  target")
    for row in load_rows(res.loads, res.paired):
        print(f"{row[0]:<14}{row[2]:>9}{row[3]:>9}{row[4]:>9}  {row[5]} {row[6].replace('*', '')}")
    print(f"\n{'cold start':<11}{'floor s':>8}{'app s':>8}{'x floor':>9}  app's warm-up at the visit")
    for row in cold_rows(res.cold):
        print(f"{'round ' + row[0]:<11}{row[2]:>8}{row[4]:>8}{row[5]:>9}  {row[6]}")
    print(f"\n{'pool':<10}{'loads':>6}{'median':>8}{'max':>8}{'x floor':>9}")
    for row in pool_rows(res):
        print(f"{row[0]:<10}{row[1]:>6}{row[2]:>8}{row[3]:>8}{row[4]:>9}")
    print(f"\n{'payload':<12}{'HTTP KB':>9}{'ws KB':>9}{'largest ws KB':>15}")
    for t in res.traces:
        print(f"{t.page:<12}{t.http_bytes / 1024:>9.0f}{t.ws_bytes / 1024:>9.1f}{t.ws_largest / 1024:>15.1f}")
    print(f"\n{'N':>3} {'request':<16}{'p50':>8}{'p95':>8}{'max':>8}{'x floor':>9}{'errors':>8}")
    for row in concurrency_rows(res.load):
        print(f"{row[0]:>3} {row[1]:<16}{row[3]:>8}{row[4]:>8}{row[5]:>8}{row[6]:>9}{row[8]:>8}")  # row[8]: errors
    print(f"\n{'N':>3} {'server':<7}{'before MB':>10}{'peak MB':>9}{'KB/session':>11}")
    for row in memory_rows(res):
        print(f"{row[0]:>3} {row[1]:<7}{row[2]:>10}{row[3]:>9}{row[4]:>11}")
    if res.load.sequential:
        print("\n" + sequential_text(res))
    print(
        f"\nbuild: fetch {fmt(res.times.get('fetch'))} s, build {fmt(res.times.get('build'))} s, export html "
        f"{fmt(res.times.get('export'))} s"
    )
    print("\nTargets:")
    for target, measured, result in summary_rows(res):
        print(f"  {result.replace('*', ''):<6} {target}: {measured}")
    print(
        f"Sanity: {len(res.tally.blocked)} blocked non-local requests, {len(res.tally.page_errors)} page errors, "
        f"{len(res.tally.failures)} failed browser loads."
    )
