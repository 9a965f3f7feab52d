"""The app's security headers, sent by the app itself (run with or without nginx): on every response
`X-Content-Type-Options: nosniff`, `Referrer-Policy: same-origin` and a Content-Security-Policy.

The policy is as tight as Streamlit 1.67 and the map allow (checked page by page in Chromium:
tests/browser/test_security.py):

- `script-src 'self'` plus the SHA-256 of each inline script of the page (Streamlit's index.html has one; the
  page hints add the server base and the late hints, routes.PageHints, which sends each page's own list), and
  `'wasm-unsafe-eval'`, which allows WebAssembly and nothing else: Streamlit's message decoder (its protobuf
  chunk) compiles a WebAssembly module, and is refused without it. No `'unsafe-eval'`: the map widget
  (map_widget.js) loads folium's rendering of the base map and of each selection's overlay as script files
  from the layer store, never from a string. No `'unsafe-inline'`: an injected <script> or event attribute
  does not run. Streamlit needs neither: its code and our components' are modules from this server (no blob:
  URLs for components served as files).
- `style-src 'self' 'unsafe-inline'`: Streamlit's styling (emotion) writes <style> elements at run time, and
  folium's markup and Leaflet carry style attributes.
- `img-src 'self' data: blob:` and the OSM tile host (render.maps.OSM_HOST), for the online base map when a
  viewer switches it on; `font-src 'self' data:`; `connect-src 'self'` (the websocket too: 'self' covers ws: and
  wss: to this host in CSP Level 3); `frame-src`, `object-src`: none; `frame-ancestors 'self'` (the issue: any
  site could frame the app), with `X-Frame-Options: SAMEORIGIN` for browsers that predate frame-ancestors.

Referrer-Policy `same-origin` rather than `no-referrer`: for what leaves the app they are the same (no Referer
to any other host: a page's address names the province and pair a viewer looks at), and within the app a
Referer costs nothing. The one exception is chosen per element: the OSM tile layer sends the app's origin, not
its path (render.maps: OSM's tile usage policy asks browsers' tile requests for a Referer).
"""

from __future__ import annotations

import functools
from pathlib import Path

from border_map.render import csp, maps

STATIC_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "SAMEORIGIN",
}


@functools.cache
def _streamlit_index_hashes() -> tuple[str, ...]:
    """The hashes of the inline scripts in Streamlit's own index.html (`window.prerenderReady = false`)."""
    import streamlit  # noqa: PLC0415 - only its file's location

    index = Path(streamlit.__file__).resolve().parent / "static" / "index.html"
    try:
        return tuple(csp.inline_script_hashes(index.read_text(encoding="utf-8")))
    except OSError:
        return ()


def app_policy(script_hashes: tuple[str, ...] | list[str] = ()) -> str:
    """The app's Content-Security-Policy; `script_hashes`: the inline scripts of the page it is sent with (a page
    without its list gets Streamlit's own)."""
    hashes = " ".join(dict.fromkeys([*_streamlit_index_hashes(), *script_hashes]))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'wasm-unsafe-eval' {hashes}".rstrip(),
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {maps.OSM_HOST}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'self'",
        ]
    )


def page_policy(page: bytes) -> str:
    """The policy for one HTML page as sent: its own inline scripts allowed by hash."""
    return app_policy(csp.inline_script_hashes(page.decode("utf-8", errors="replace")))


class SecurityHeaders:
    """ASGI middleware: adds the headers above to every HTTP response that does not set them itself (a page
    edited by routes.PageHints brings its own Content-Security-Policy, with its scripts' hashes)."""

    def __init__(self, app):
        self.app = app
        self.headers = [(k.encode(), v.encode()) for k, v in STATIC_HEADERS.items()]
        self.policy = (b"content-security-policy", app_policy().encode())

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add(message):
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in (*self.headers, self.policy) if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, add)
