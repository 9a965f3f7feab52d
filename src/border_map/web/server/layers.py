"""The map layers, and the live map's scripts (map_widget), held in memory under names made from their content
and served at /layers/: a URL changes exactly when its content does, so browsers keep them for a year, and a
page rendered before a rebuild never meets a newer file under an old name. Nothing is written to disk.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

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
        return self.put_bytes(name, raw, "json")

    def put_bytes(self, name: str, raw: bytes, suffix: str) -> str:
        """`raw` under a name made from its content (`name`.hash.`suffix`: json or js), newest kept."""
        file = f"{name}.{hashlib.sha256(raw).hexdigest()[:16]}.{suffix}"
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


@dataclass(frozen=True)
class Script:
    """A script the page loads from the store (map_widget.js): kept with its text, so a view whose file the
    store has let go since (it keeps the newest `max_entries`) is stored again when it is next shown."""

    url: str
    text: str

    def held(self) -> str:
        """The script's URL, the file stored again if the store no longer has it."""
        if STORE.get(self.url.removeprefix(LAYER_URL + "/")) is None:
            STORE.put_bytes(self.url.rsplit("/", 1)[1].split(".", 1)[0], self.text.encode(), "js")
        return self.url


def store_script(name: str, text: str) -> Script:
    """A script (map_widget: a base map, an overlay), served at /layers/ under its content's name."""
    return Script(STORE.put_bytes(name, text.encode(), "js"), text)


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
    kind = "text/javascript" if file.endswith(".js") else "application/json"
    headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding", "X-Content-Type-Options": "nosniff"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type=kind, headers={**headers, "Content-Encoding": "gzip"})
    return Response(raw, media_type=kind, headers=headers)
