"""What the page's <head> announces before Streamlit's code runs: the app's layout CSS, Leaflet, the font,
the chunks of Streamlit's frontend a page will need, and the page's layer files, so the browser fetches
them while Streamlit starts.
"""

from __future__ import annotations

import functools
import html
import json
import logging
from pathlib import Path
from urllib.parse import parse_qs

from border_map.model import resolve
from border_map.render import maps
from border_map.render.offline import LEAFLET_URL
from border_map.web.server import component_files, streamlit_chunks
from border_map.web.server.security import page_policy

log = logging.getLogger("border_map")


# Streamlit's own files and ours: every path but the app's pages, which all answer with Streamlit's index.html.
_NOT_PAGES = (
    "/_stcore",
    "/static",
    "/vendor",
    "/layers",
    "/download",
    "/media",
    "/component",
    "/app/static",
    "/favicon",
)


PAGE_CSS = Path(__file__).resolve().parent.parent / "page.css"


@functools.cache
def _chunks(element: str) -> tuple[str, ...]:
    """The chunks of Streamlit's frontend the browser loads to show `element`, minus those its page preloads
    (streamlit_chunks, the one place that reads Streamlit's frontend files). When the installed Streamlit lays
    them out otherwise, the server says so in its log, once per element, and sends no hints for it."""
    try:
        return streamlit_chunks.element_chunks(element)
    except streamlit_chunks.ChunksChanged as exc:
        log.error("No page hints for Streamlit's %s code: %s (see web/server/streamlit_chunks.py)", element, exc)
        return ()


# A page's own first run tidies its link (`?province=nong%20khai` becomes `?province=Nong+Khai&lang=en`), and
# Streamlit's frontend adds a history entry for every new query it is sent: a link opened was two entries, and
# the first Back only went from the tidy address to the untidy one. Until the viewer has acted on the page
# (the browser's own sticky activation: a key, a click, a touch), no step of theirs can be under way, so a
# new entry replaces the current one. After that every push is a step, as Streamlit meant it. Browsers
# without `navigator.userActivation` keep Streamlit's behaviour. tests/browser/test_history.py checks both.
LANDING_HISTORY = (
    "<script>(function(){var h=history,a=navigator.userActivation,push=h.pushState;if(!a)return;"
    "h.pushState=function(){return(a.hasBeenActive?push:h.replaceState).apply(h,arguments);};})();</script>"
)


def page_hints(font_faces: list[dict] | None = None) -> str:
    """What the page needs before Streamlit's code runs, in its <head>: the app's layout CSS (page.css,
    applied from the first paint, with no element of its own), Leaflet (deferred: evaluated before
    Streamlit's own module runs, off the map's critical path), the chunks of Streamlit's component
    element, which it would otherwise fetch only once the map's element arrives, and the theme's font files
    (`font_faces`, from `theme.fontFaces`), which the browser would otherwise ask for only once the first
    messages are drawn, one weight after another, while the map's components waited (about 50 ms of a load,
    measured with paired loads). Measured with the benchmark's paired loads: see docs/benchmarks.md. First of
    all, `LANDING_HISTORY`: it must run before Streamlit's code."""
    hints = [
        LANDING_HISTORY,
        f"<style>{PAGE_CSS.read_text(encoding='utf-8')}</style>",
        f'<script defer src="{LEAFLET_URL}/leaflet.js"></script>',
        f'<script defer src="{maps.labels_js_url()}"></script>',
        f'<link rel="preload" href="{LEAFLET_URL}/leaflet.css" as="style">',
    ]
    hints += [f'<link rel="modulepreload" href="./static/js/{name}">' for name in _chunks("BidiComponent")]
    # After Streamlit's own code: fonts in the same CORS mode as the theme's @font-face, so the fetch is reused.
    hints += [
        f'<link rel="preload" href="{html.escape(face["url"])}" as="font" crossorigin>'
        for face in font_faces or []
        if isinstance(face, dict) and isinstance(face.get("url"), str)
    ]
    return "".join(hints)


# (page's URL name, language, border, online basemap) -> the layer files that view's map fetched last: the
# files depend on the view, and a page announced another view's files to every later viewer (7 files, about
# 90 KB, after one visit in the other language or border; the browser warned of each unused preload).
_PAGE_LAYERS: dict[tuple[str, str, str, bool], tuple[str, ...]] = {}


def remember_page_layers(page: str, view: maps.MapView, urls: tuple[str, ...]) -> None:
    """Called by the map widget with the files it is about to make the browser fetch for `page` and `view`."""
    key = (page, view.lang, view.border, view.basemap)
    if _PAGE_LAYERS.get(key) != urls:
        _PAGE_LAYERS[key] = urls  # one assignment: safe to read from the server's thread meanwhile


def view_asked(query: str, accept_language: str = "") -> tuple[str, str, bool]:
    """The language, border and basemap a page's address asks for, read as its first run reads them
    (resolve.settings_asked). The browser's language, which Streamlit reports from `navigator.language`, is
    the first preference of its Accept-Language here."""
    values = {name: found[-1] for name, found in parse_qs(query, keep_blank_values=True).items()}
    asked = resolve.settings_asked(values, accept_language.split(",", 1)[0].split(";", 1)[0])
    return asked.lang, asked.border, asked.basemap


# Streamlit element types a page shows on its first screen whose code Streamlit's page does not preload. The
# sidebar has none: its controls are the app's own component (controls), whose code is the map's.
# Explore has none: its province box is the app's own component (province_box).
_PAGE_ELEMENTS = {"stories": ("Button", "PageLink"), "present": ("Button",)}


# The app's own components each page mounts on its first screen (component_files.COMPONENTS); the sidebar's
# controls are on every page.
_PAGE_COMPONENTS = {
    "overview": ("map", "figures"),
    "explore": ("map_panel",),  # its province box too (map_panel.js imports province_box.js)
    "stories": ("map",),
    "present": ("map",),
}


def component_hints(page: str) -> str:
    """The code of the components `page` mounts first, announced in its <head>: Streamlit asks for a
    component's module only when its element arrives, and the module for what it imports only once it has
    run; announced, they are in the browser's module map by then. After Streamlit's own code: they are small
    and needed later."""
    name = page.strip("/") or "overview"
    return _component_links(name if name in _PAGE_COMPONENTS else None)  # any other path: the controls only


@functools.cache
def _component_links(name: str | None) -> str:
    urls = [
        f"./_stcore/bidi-components/border_map.{component}/{module}"
        for component in ("controls", *_PAGE_COMPONENTS.get(name, ()))
        for module in component_files.modules(component)
    ]
    return "".join(f'<link rel="modulepreload" href="{url}">' for url in urls)


def late_hints(page: str, query: str = "", accept_language: str = "") -> str:
    """What the page will need once Streamlit's first messages arrive, asked for when the page has loaded:
    the code of its first screen's elements, and the layer files its map fetched last time for the view the
    address asks for (`view_asked`: the next viewer of a page, a room opening one link in one language, gets
    them before the map is mounted).

    Not from the head: a browser opens six connections to a host, and these would queue Streamlit's own
    files behind them. After the load event the connections are idle until the websocket's first messages,
    which is when React starts asking for element code. A guess, never a requirement: a viewer whose page
    needs other files fetches those as before."""
    name = page.strip("/") or "overview"
    chunks: list[str] = []
    for element in _PAGE_ELEMENTS.get(name, ()):
        chunks += [chunk for chunk in _chunks(element) if chunk not in chunks]
    layers = _PAGE_LAYERS.get((name, *view_asked(query, accept_language)), ())
    if not chunks and not layers:
        return ""
    return (
        "<script>addEventListener('load',function(){function add(h,r,a,c){var l=document.createElement('link');"
        "l.rel=r;l.href=h;if(a){l.as=a;}if(c){l.crossOrigin='anonymous';}document.head.appendChild(l);}"
        + _js_string_list(f"./static/js/{chunk}" for chunk in chunks)
        + ".forEach(function(h){add(h,'modulepreload');});"
        + _js_string_list(layers)
        # A layer is fetched (CORS mode, as the map's fetch() asks); the map's scripts are <script> elements.
        + ".forEach(function(h){if(/\\.js$/.test(h)){add(h,'preload','script');}else{add(h,'preload','fetch',1);}});"
        + "});</script>"
    )


def _js_string_list(values) -> str:
    """JSON for a script element: nothing in it can close the script or open markup."""
    return json.dumps(list(values)).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_part(path: str, base_url_path: str = "") -> str:
    """What of a page's path names the page ("/explore"), without the server's base URL path; "" for the root."""
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    page = path[len(base) :] if base and (path == base or path.startswith(base + "/")) else path
    return page.rstrip("/")


def server_base_hint(page_path: str, base_url_path: str = "") -> str:
    """A script telling Streamlit's frontend where its server is, for a page asked for at `page_path`.

    Opened at /explore, the frontend first looks for its server at /explore/_stcore/health, gets a 404, waits
    100 ms and tries /: every deep link paid that before its first message. Its runtime settings
    (`window.__streamlit`, the hook Streamlit's own hosting uses) can name the base instead. It is worked
    out in the browser, as the page's path minus the part this server saw after its base URL path, so it
    stays right behind a proxy that adds a prefix of its own. Nothing for the root page (no second guess)."""
    page = page_part(page_path, base_url_path)
    if not page:
        return ""
    suffix = _js_string_list([page])[1:-1]  # the path comes from the URL: it cannot end the script
    return (
        "<script>(function(){var p=location.pathname.replace(/\\/+$/,''),s=" + suffix + ";"
        "if(p.slice(-s.length)===s){window.__streamlit=Object.assign({},window.__streamlit,"
        "{BACKEND_BASE_URL:location.origin+p.slice(0,p.length-s.length)+'/'});}})();</script>"
    )


class PageHints:
    """ASGI middleware: inserts `page_hints()` after `<head>` in the app's HTML page, with the page's own
    `server_base_hint` and `late_hints`, and sends the page's Content-Security-Policy with the hashes of its
    inline scripts (security.page_policy); nothing else changes.

    The page is Streamlit's index.html (about 5 KB), asked for uncompressed so the bytes can be edited;
    every other response passes through untouched, compressed as usual.
    """

    def __init__(self, app, hints: str, base_url_path: str = ""):
        self.app = app
        self.hints = hints.encode()
        self.base_url_path = base_url_path

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(_NOT_PAGES):
            await self.app(scope, receive, send)
            return
        scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
        start: dict = {}
        body = bytearray()

        async def edit(message):
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            page = bytes(body)
            kind = {k.lower(): v for k, v in start["headers"]}.get(b"content-type", b"")
            if start.get("status") != 200 or not kind.startswith(b"text/html") or b"<head>" not in page:
                await send(start)  # a 304, an error, anything else: as Streamlit sent it
                await send({"type": "http.response.body", "body": page})
                return
            raw = scope.get("raw_path")  # as the browser sent it (percent-encoded), which location.pathname is
            path = raw.decode("latin-1") if raw else scope["path"]
            page_name = page_part(path, self.base_url_path)
            asked = {k.lower(): v for k, v in scope["headers"]}
            query = scope.get("query_string", b"").decode("latin-1")
            languages = asked.get(b"accept-language", b"").decode("latin-1")
            extra = server_base_hint(path, self.base_url_path) + late_hints(page_name, query, languages)
            hints = extra.encode() + self.hints + component_hints(page_name).encode()
            page = page.replace(b"<head>", b"<head>" + hints, 1)
            # Streamlit's validators describe its file, not this page: without them the browser asks for the
            # (5 KB) page again rather than keep an edited copy across a change of hints.
            dropped = {b"content-length", b"etag", b"last-modified", b"content-security-policy"}
            headers = [(k, v) for k, v in start["headers"] if k.lower() not in dropped]
            # The page's policy allows exactly its inline scripts, these hints' included (security.py).
            headers += [
                (b"content-length", str(len(page)).encode()),
                (b"content-security-policy", page_policy(page).encode()),
            ]
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, edit)
