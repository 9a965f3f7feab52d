"""The one-file Streamlit apps the benchmark serves beside the app: the floor and its references.

Each is written into a directory of its own under the run's temporary directory (Streamlit watches a script's
directory per session) and served from the project root, like the app, so every server reads the project's
`.streamlit/config.toml`.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.bench.specs import FLOOR_TEXT

# The floor: what any Streamlit page costs on this machine.
FLOOR_APP = f'import streamlit as st\n\nst.write("{FLOOR_TEXT}")\n'
# Each reference below declares an st.App with the app's own routes (as app.py does) when Streamlit imports it,
# so Leaflet is served where `use_local_leaflet` points; each page view runs it as __main__. The map-only
# page also gets the app's middleware (routes.PageHints: Leaflet and Streamlit's component code announced
# in the page's head), as app.py declares it: it is the app's map widget as the app serves it.
SCRIPT_ROUTES = """else:
    from border_map.web.server import routes  # the app's routes (app.py): Leaflet, the font, the map layers

    app = st.App(__file__, routes=routes.routes())
"""
SCRIPT_ROUTES_AND_HINTS = """else:
    # The app's routes and middleware (app.py): Leaflet, the font, the map layers, page hints.
    from border_map.web.server import routes, socket_options

    socket_options.listen_without_delay()  # as app.py does
    app = st.App(__file__, routes=routes.routes(), middleware=routes.middleware())
"""
MAP_ONLY_APP = (
    '''"""Map only (written by scripts/bench): the overview's map widget and nothing else."""

import streamlit as st

if __name__ == "__main__":
    from border_map.web import data_cache
    from border_map.web.components import map_widget
    from border_map.render import maps

    st.set_page_config(layout="wide")
    map_widget.show(data_cache.dataset(), maps.MapView(border="both", story_markers=True, lang="en"), page="overview")
'''
    + SCRIPT_ROUTES_AND_HINTS
)
FLOOR_NODELAY_APP = f'''"""The floor with app.py's socket setting (written by scripts/bench)."""

import streamlit as st

if __name__ == "__main__":
    st.write("{FLOOR_TEXT}")
else:
    from border_map.web.server import socket_options

    socket_options.listen_without_delay()
    app = st.App(__file__)
'''
NAIVE_APP = (
    '''"""The naive page (written by scripts/bench): the three national district layers drawn by folium and
shown with st_folium, read and rendered on every run, as a first-time user would write it. No tiles, and
Leaflet made local: the benchmark blocks every other host."""

import streamlit as st

LAYERS = %s

if __name__ == "__main__":  # imported inside: a component declared while Streamlit looks for st.App is lost
    import json

    import folium
    from streamlit_folium import st_folium

    from border_map.render.offline import use_local_leaflet

    st.set_page_config(layout="wide")
    m = use_local_leaflet(folium.Map(location=[15.5, 103.0], zoom_start=6, tiles=None))
    for path in LAYERS:
        with open(path, encoding="utf-8") as file:
            folium.GeoJson(json.load(file)).add_to(m)
    st_folium(m, height=700, use_container_width=True)
'''
    + SCRIPT_ROUTES
)


def write_app(work: Path, name: str, text: str) -> Path:
    """One script alone in its directory under `work`; returns its path."""
    folder = work / name
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / f"{name}.py"
    script.write_text(text, encoding="utf-8")
    return script


def time_to_map_apps() -> dict[str, str]:
    """The scripts the map pages are measured against, by server name: the floor, the floor with Nagle off and
    the map-only page."""
    return {"floor": FLOOR_APP, "floor_nodelay": FLOOR_NODELAY_APP, "map_only": MAP_ONLY_APP}


def write_apps(work: Path, naive_files: list[Path]) -> dict[str, Path]:
    """The floor and the references, by server name: the floor, the floor with Nagle off, the map-only page and
    the naive page (which reads `naive_files` on every run)."""
    scripts = {
        **time_to_map_apps(),
        "naive": NAIVE_APP % json.dumps([str(f) for f in naive_files], indent=4),
    }
    return {name: write_app(work, name, text) for name, text in scripts.items()}
