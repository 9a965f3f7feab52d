"""Content Security Policies: the exported HTML's own, written into the file, and the hashes both it and the
app's pages use to allow exactly the inline scripts they carry.

An exported briefing is opened from an e-mail or a USB stick, by anyone, offline: it must not be able to call
anywhere, by construction and not because today's code makes no request. Its policy refuses every request
(`default-src 'none'`, so `fetch`, XHR, websockets, images from a host, frames, forms, ...), allows the scripts
it carries by their SHA-256 (an injected `<script>` has no listed hash), images only as `data:` URLs, and, for
a page of the static site, the site's shared files (Leaflet, the fonts, the layers) from its own origin.

Styles: the `<style>` elements are allowed by hash (`style-src-elem`); `style` attributes (folium's markup,
Leaflet's and our scripts' elements) cannot be hashed, so `style-src-attr 'unsafe-inline'` (and the same as
`style-src`, the fallback of a browser without the -elem/-attr forms). A style cannot call anywhere by itself:
every URL in CSS is an image or a font, refused by `img-src`/`font-src`.
"""

from __future__ import annotations

import base64
import hashlib
import re

# An inline element's text, as the browser hashes it: everything between the tags (src= scripts carry none).
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)(?:\s[^>]*)?>(.*?)</script>", re.S | re.I)
_INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(.*?)</style>", re.S | re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element's text ('sha256-...')."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hash sources of every inline <script> in `html`, in order, without repeats."""
    return list(dict.fromkeys(sha256_source(text) for text in _INLINE_SCRIPT.findall(html)))


def inline_style_hashes(html: str) -> list[str]:
    return list(dict.fromkeys(sha256_source(text) for text in _INLINE_STYLE.findall(html)))


def export_policy(html: str, *, own_files: bool = False) -> str:
    """The policy of one exported page: nothing from the network, its own inline scripts and styles by hash;
    `own_files` for a site page, which loads the site's shared scripts, stylesheet and fonts from its folder
    ('self': the page's own origin; a file:// page's own files in Chromium, and the host serving the site)."""
    own = " 'self'" if own_files else ""
    scripts = " ".join(inline_script_hashes(html))
    styles = " ".join(inline_style_hashes(html))
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src{own} {scripts}".rstrip(),
            f"style-src{own} 'unsafe-inline'",
            f"style-src-elem{own} {styles}".rstrip(),
            "style-src-attr 'unsafe-inline'",
            "img-src data:",
            f"font-src{own} data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def with_export_policy(html: str, *, own_files: bool = False) -> str:
    """`html` with its policy as the first element of its <head>: a <meta> policy governs only what follows it.
    (frame-ancestors, report-uri and sandbox are ignored in a <meta>, so they are not written.)"""
    found = _HEAD.search(html)
    if found is None:
        raise ValueError("an exported page without <head>: its policy would have nowhere to go")
    policy = export_policy(html, own_files=own_files)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[: found.end()] + meta + html[found.end() :]
