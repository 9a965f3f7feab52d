"""The briefing files a page offers (HTML, PDF), served at /download/: made on the first request for one,
never for a page that only names them.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

log = logging.getLogger("border_map")


BRIEFING_URL = "/download"


BRIEFING_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


class BriefingOffers:
    """The briefing files the pages offer, by file name: what makes each, made only when someone asks.

    A page names its files here on each run (one dict assignment) instead of mounting Streamlit download
    buttons, which were a widget with its menu on every run of every map page. Bounded far above what the
    pages can offer (about 300 names: views x languages x formats); the newest registration of a name wins,
    so after a rebuild a link gives the new build's file."""

    def __init__(self, max_entries: int = 1024):
        self.max_entries = max_entries
        self._items: OrderedDict[str, Callable[[], bytes | None]] = OrderedDict()
        self._lock = threading.Lock()

    def offer(self, name: str, make: Callable[[], bytes | None]) -> str:
        """`make` returns the file, or None when what it was made from is gone (a replaced build)."""
        with self._lock:
            self._items[name] = make
            self._items.move_to_end(name)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return BRIEFING_URL.lstrip("/") + "/" + name  # relative: right under any base URL path or proxy prefix

    def get(self, name: str) -> Callable[[], bytes | None] | None:
        with self._lock:
            return self._items.get(name)


OFFERS = BriefingOffers()


async def serve_briefing(request: Request) -> Response:
    name = request.path_params["file"]
    make = OFFERS.get(name)
    kind = BRIEFING_TYPES.get(name.rsplit(".", 1)[-1])
    if make is None or kind is None:
        # Offered by another process (a restarted or different replica): the page offers it again when it runs.
        log.info("briefing %s is not offered by this process", name)
        return PlainTextResponse("This briefing link is from an earlier page; reload the page.", status_code=404)
    try:
        content = await run_in_threadpool(make)  # a PDF takes a moment the first time: not on the event loop
    except Exception:
        log.exception("briefing %s could not be made", name)
        return PlainTextResponse("The briefing could not be made; the server's log says why.", status_code=500)
    if content is None:
        return PlainTextResponse("This briefing link is from an earlier build; reload the page.", status_code=404)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(content, media_type=kind, headers=headers)
