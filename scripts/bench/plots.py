"""The report's plots, drawn as plain SVG (no plotting library to install): p95 against sessions at once, and
server memory over sequential sessions."""

from __future__ import annotations

import math

from scripts.bench.load import CONCURRENCY_TARGET, LoadLevel, level_p95


def line_chart(title: str, x_label: str, ticks: list[tuple[float, str]], series: dict, xmax: float) -> str:
    """A small line chart, plain SVG, no plotting library. series: name -> (colour, dash, [(x, y or None)])."""
    width, height, left, right, top, bottom = 600, 320, 56, 170, 30, 42
    values = [v for _c, _d, points in series.values() for _x, v in points if v is not None]
    ymax = max([*values, 0.1]) * 1.1

    def x(n: float) -> float:
        return left + n / xmax * (width - left - right)

    def y(v: float) -> float:
        return height - bottom - v / ymax * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        'font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="18" font-size="13">{title}</text>',
    ]
    step = nice_step(ymax)
    tick = 0.0
    while tick <= ymax:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick = round(tick + step, 6)
    for position, label in ticks:
        parts.append(f'<text x="{x(position):.1f}" y="{height - bottom + 16}" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 8}" text-anchor="middle">{x_label}</text>')
    for index, (name, (colour, dash, points)) in enumerate(series.items()):
        drawn = [(x(n), y(p)) for n, p in points if p is not None]
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in drawn)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        if not dash:
            parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in drawn]
        ly = top + 14 + index * 18
        parts.append(
            f'<line x1="{width - right + 14}" x2="{width - right + 38}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        parts.append(f'<text x="{width - right + 44}" y="{ly + 4}">{name}</text>')
    return "\n".join([*parts, "</svg>"]) + "\n"


def load_plot(levels: list[LoadLevel]) -> str:
    """p95 against N for the floor, the overview and explore, N evenly spaced, with the 2× floor line."""
    at = {level.sessions: index + 1 for index, level in enumerate(levels)}
    floor = [(at[lv.sessions], level_p95(lv, "floor")) for lv in levels]
    series = {
        "floor": ("#0072B2", "", floor),
        "overview": ("#D55E00", "", [(at[lv.sessions], level_p95(lv, "overview")) for lv in levels]),
        "explore (session)": ("#009E73", "", [(at[lv.sessions], level_p95(lv, "explore")) for lv in levels]),
        f"{CONCURRENCY_TARGET:g}× floor": ("#777", "5 4", [(n, p * CONCURRENCY_TARGET) for n, p in floor if p]),
    }
    ticks = [(index, str(n)) for n, index in at.items()]
    return line_chart(
        "p95 time to script_finished (s) vs concurrent sessions (Locust)",
        "sessions at once (N)",
        ticks,
        series,
        len(levels) + 1,
    )


def memory_plot(sequential: dict[str, dict]) -> str:
    colours = {"app": "#D55E00", "floor": "#0072B2"}
    series = {
        f"{name} RSS MB": (colours.get(name, "#777"), "", [(count, rss) for count, rss in run["rss"]])
        for name, run in sequential.items()
    }
    counts = sorted({count for run in sequential.values() for count, _rss in run["rss"]}) or [0, 1]
    total = max(counts) or 1
    ticks = [(n, str(n)) for n in counts[:: max(1, len(counts) // 6)]]
    return line_chart("server VmRSS (MB) over sequential sessions", "sessions", ticks, series, total * 1.05)


def nice_step(span: float) -> float:
    """A round tick step giving about five gridlines."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
