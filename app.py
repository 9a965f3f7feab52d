"""border_map: Thailand's People-to-People border programme on a map. Entry point.

Run with `streamlit run app.py` (or `bash scripts/app.sh`). The pages live in pages/, the navigation and
shared sidebar in ui_common, the data and maps in src/border_map.

`streamlit run` imports this file for its `st.App` once the server's socket is bound: that import turns
Nagle's algorithm off on the socket (ui_socket.py) and adds the app's own routes (Leaflet, the font, the map
layers) and the middleware that announces the map's code in the page's head (ui_routes.py). Each page view
then runs it as `__main__`.
"""

import streamlit as st

if __name__ == "__main__":
    import ui_common

    ui_common.run_app()
else:
    import ui_routes
    import ui_socket

    ui_socket.listen_without_delay()

    app = st.App("app.py", routes=ui_routes.routes(), middleware=ui_routes.middleware())
