"""border_map: Thailand's People-to-People border programme on a map. Entry point.

Run with `streamlit run app.py` (or `bash scripts/app.sh`). The pages live in pages/, the navigation and
shared sidebar in src/border_map/web, the data and maps in src/border_map.

`streamlit run` imports this file for its `st.App` once the server's socket is bound: that import turns
Nagle's algorithm off on the socket (socket_options.py), keeps Streamlit's theme between runs (theme_options.py)
and adds the app's own routes (Leaflet, the font, the map layers) and the middleware that announces the map's
code in the page's head (routes.py). Its lifespan warms the server (warm.py): the pages' imports and the
build's dataset before it answers, then the overview's base maps in a background thread while it serves, again
for each new build; `/warm` says where it stands. Each page view then runs this file as `__main__`.
"""

from pathlib import Path

import streamlit as st

if __name__ == "__main__":
    from border_map.web import entry

    entry.run_app()
else:
    from border_map.web import warm
    from border_map.web.server import routes, socket_options, theme_options

    socket_options.listen_without_delay()
    theme_options.cache_theme()

    app = st.App(
        "app.py",
        routes=[*routes.routes(), *warm.routes()],
        middleware=routes.middleware(),
        lifespan=warm.lifespan(Path(__file__).resolve().parent),
    )
