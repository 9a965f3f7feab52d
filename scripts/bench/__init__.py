"""Benchmarks for border_map: time to map, cold start, click to details, next slide, payload, load and memory.

Run by scripts/bench.sh, which calls `python -m scripts.bench` from the project root (options: --quick, --out,
--data, --loads, --min-paths, --file-watcher, --cold-starts, --only cold-start). It builds the boundary layers
into a temporary directory (from the local mirror), measures the first visitor of freshly started servers (cold
start), then starts its own Streamlit servers on free loopback ports (the app; a one-line "floor" app that shows
what Streamlit itself costs; a "map-only" page that calls only the app's map widget; a "naive" page that draws
the three national district layers with folium and st_folium) and exports the overview as static HTML. It drives
Debian Chromium through Playwright with every non-local request blocked (one page at a time, then a small pool
of browsers at once), and loads the servers with Locust users that speak Streamlit's websocket protocol
(scripts/load/). It writes docs/benchmarks.md and SVG plots beside it.

The modules, by concern: specs (what is measured), apps (the one-file reference apps), servers and data (the
servers, the build, what its maps draw), protocol (Streamlit's websocket client), browser (Chromium
measurements), trace (payload and timeline), coldstart (fresh servers), load (Locust levels and memory), stats,
machine, report and plots (docs/benchmarks.md and its SVGs); __main__ wires them. replicas measures one against
two app replicas behind nginx (`python -m scripts.bench.replicas`).

It is a report, not a test: the exit status is 0 whether or not the targets are met.
"""
