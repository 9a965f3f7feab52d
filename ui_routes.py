"""What the app serves beside Streamlit's own files: Leaflet and Sarabun straight from their wheels, and the
map layers from memory.

Nothing is written at run time, so the app runs from a read-only folder (a container image, a shared
install). The layers are named by their content: a URL changes exactly when the shapes do, so browsers
keep them for a year, and a page rendered before a rebuild never meets a newer file under an old name.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import threading
from collections import OrderedDict
from pathlib import Path

import fontpkg_sarabun
import streamlit
import xstatic.pkg.leaflet as xstatic_leaflet
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from border_map.offline import FONT_URL, LEAFLET_URL

log = logging.getLogger("border_map")
LAYER_URL = "/layers"
IMMUTABLE = "public, max-age=31536000, immutable"


class LayerStore:
    """Layers by content-hashed file name, newest kept. The bound is far above what one build's views
    produce (about 20 layers per language), so a page that is open never loses its layers."""

    def __init__(self, max_entries: int = 256):
        self.max_entries = max_entries
        self._items: OrderedDict[str, tuple[bytes, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, name: str, collection: dict) -> str:
        raw = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
        file = f"{name}.{hashlib.sha256(raw).hexdigest()[:16]}.json"
        with self._lock:
            if file in self._items:
                self._items.move_to_end(file)
            else:
                # Compressed once here, not per request: a room of viewers fetches the same bytes.
                self._items[file] = (raw, gzip.compress(raw, compresslevel=6, mtime=0))
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
        return f"{LAYER_URL}/{file}"

    def get(self, file: str) -> tuple[bytes, bytes] | None:
        with self._lock:
            return self._items.get(file)

    def __len__(self) -> int:
        return len(self._items)


STORE = LayerStore()


def store_layer(name: str, collection: dict) -> str:
    """`maps.base_map`'s store: the layer stays in this process, the map gets its URL."""
    return STORE.put(name, collection)


async def serve_layer(request: Request) -> Response:
    file = request.path_params["file"]
    found = STORE.get(file)
    if found is None:
        # Another process's layer (a restarted or different replica): the page that asked re-renders on
        # its next run and gets layers this process holds.
        log.info("layer %s is not held by this process", file)
        return PlainTextResponse("This map layer is not held by this server; reload the page.", status_code=404)
    raw, packed = found
    headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding", "X-Content-Type-Options": "nosniff"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type="application/json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(raw, media_type="application/json", headers=headers)


def routes() -> list[BaseRoute]:
    """Leaflet and the fonts from the installed wheels (read-only), the layers from memory."""
    return [
        Route(LAYER_URL + "/{file}", serve_layer),
        Mount(LEAFLET_URL, app=StaticFiles(directory=Path(xstatic_leaflet.BASE_DIR)), name="leaflet"),
        Mount(FONT_URL.rstrip("/"), app=StaticFiles(directory=fontpkg_sarabun.ROOT / "files"), name="fonts"),
    ]


# Streamlit's own files and ours: every path but the app's pages, which all answer with Streamlit's index.html.
_NOT_PAGES = ("/_stcore", "/static", "/vendor", "/layers", "/media", "/component", "/app/static", "/favicon")
_STREAMLIT_JS = Path(streamlit.__file__).parent / "static" / "static" / "js"


def _chunk_closure(entry: str) -> list[str]:
    """The chunk files Streamlit's frontend loads, one after another, when it first shows an element type
    (`BidiComponent.<hash>.js` and what it imports), minus those its page already preloads. Empty when the
    installed Streamlit names its chunks otherwise: the hints are a speed-up, never a requirement."""
    index = (_STREAMLIT_JS.parent.parent / "index.html").read_text(encoding="utf-8")
    preloaded = set(re.findall(r"static/js/([^\"]+\.js)", index))
    found: list[str] = []

    def visit(name: str) -> None:
        if name in found or not (_STREAMLIT_JS / name).is_file():
            return
        found.append(name)
        for imported in re.findall(r'(?:from|import)\s*"\./([^"]+\.js)"', (_STREAMLIT_JS / name).read_text("utf-8")):
            visit(imported)

    for file in sorted(_STREAMLIT_JS.glob(f"{entry}.*.js")):
        visit(file.name)
    return [name for name in found if name not in preloaded]


def page_hints() -> str:
    """What the map needs, announced in the page's <head> so the browser gets it while Streamlit starts:
    Leaflet itself (deferred: evaluated before Streamlit's own module runs, off the map's critical path)
    and the chunks of Streamlit's component element, which it would otherwise fetch only once the map's
    element arrives. Measured with the benchmark's paired loads: see docs/benchmarks.md."""
    hints = [
        f'<script defer src="{LEAFLET_URL}/leaflet.js"></script>',
        f'<link rel="preload" href="{LEAFLET_URL}/leaflet.css" as="style">',
    ]
    hints += [f'<link rel="modulepreload" href="./static/js/{name}">' for name in _chunk_closure("BidiComponent")]
    return "".join(hints)


class PageHints:
    """ASGI middleware: inserts `page_hints()` after `<head>` in the app's HTML page; nothing else changes.

    The page is Streamlit's index.html (about 5 KB), asked for uncompressed so the bytes can be edited;
    every other response passes through untouched, compressed as usual.
    """

    def __init__(self, app, hints: str):
        self.app = app
        self.hints = hints.encode()

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
            page = page.replace(b"<head>", b"<head>" + self.hints, 1)
            # Streamlit's validators describe its file, not this page: without them the browser asks for the
            # (5 KB) page again rather than keep an edited copy across a change of hints.
            dropped = {b"content-length", b"etag", b"last-modified"}
            headers = [(k, v) for k, v in start["headers"] if k.lower() not in dropped]
            await send({**start, "headers": [*headers, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, edit)


def middleware() -> list[Middleware]:
    return [Middleware(PageHints, hints=page_hints())]
