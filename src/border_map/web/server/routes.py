"""What the app adds to Streamlit's server through `st.App`: its routes (Leaflet and Sarabun straight from
their wheels, the layers from memory, the briefing downloads, the /overview alias) and the middleware: the
security headers (security.py) and the page hints. Nothing is written at run time, so the app runs from a
read-only folder.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

import fontpkg_sarabun
import xstatic.pkg.leaflet as xstatic_leaflet
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from border_map.render import maps
from border_map.render.offline import FONT_URL, LEAFLET_URL
from border_map.web.server.hints import PageHints, page_hints
from border_map.web.server.layers import IMMUTABLE, LAYER_URL, serve_layer
from border_map.web.server.offers import BRIEFING_URL, serve_briefing
from border_map.web.server.security import SecurityHeaders

OVERVIEW_ALIAS = "/overview"


async def overview_alias(request: Request) -> Response:
    """The overview is the app's root page; its name in the navigation is what people type after the host
    (`/overview`), and Streamlit answers that with "Page not found". Sent to the root, query kept, by a
    relative URL so it stays right under a base URL path or a proxy prefix."""
    query = request.url.query
    return RedirectResponse("./" + (f"?{query}" if query else ""), status_code=307)


@functools.cache
def _labels_script() -> tuple[bytes, bytes]:
    raw = maps.labels_js().encode()
    return raw, gzip.compress(raw, compresslevel=9, mtime=0)


async def labels_script(request: Request) -> Response:
    """map_labels.js (the map's names and locator inset), under its content's name: kept by browsers for good."""
    raw, packed = _labels_script()
    headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding", "X-Content-Type-Options": "nosniff"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type="text/javascript", headers={**headers, "Content-Encoding": "gzip"})
    return Response(raw, media_type="text/javascript", headers=headers)


def routes() -> list[BaseRoute]:
    """Leaflet and the fonts from the installed wheels (read-only), the layers from memory."""
    return [
        Route(OVERVIEW_ALIAS, overview_alias),
        Route(maps.labels_js_url(), labels_script),
        Route(LAYER_URL + "/{file}", serve_layer),
        Route(BRIEFING_URL + "/{file}", serve_briefing),
        Mount(LEAFLET_URL, app=StaticFiles(directory=Path(xstatic_leaflet.BASE_DIR)), name="leaflet"),
        Mount(FONT_URL.rstrip("/"), app=StaticFiles(directory=fontpkg_sarabun.ROOT / "files"), name="fonts"),
    ]


def middleware() -> list[Middleware]:
    from streamlit import config  # noqa: PLC0415

    # The first is the outermost: the security headers go on every response, the page's own policy (its inline
    # scripts' hashes, set by PageHints) included.
    return [
        Middleware(SecurityHeaders),
        Middleware(
            PageHints,
            hints=page_hints(config.get_option("theme.fontFaces")),
            base_url_path=config.get_option("server.baseUrlPath") or "",
        ),
    ]
