"""Keep maps off the internet: Leaflet (xstatic-leaflet) and the Thai font Sarabun (fontpkg-sarabun) come
from wheels and are served by the app itself, straight from the installed packages (web/server/routes.py).

Folium's defaults pull Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. Our maps use only
Leaflet (GeoJSON layers, tooltips bound in JS, a static legend), so the others are dropped and
Leaflet is pointed at the app's copy. `external_urls` walks a map the way folium collects its script
links, so a test can prove nothing external remains.
"""

from __future__ import annotations

import folium

from border_map.render.folium_internals import walk

# Absolute: pages live at /, /explore, ... and the exports' HTML names its own copy.
LEAFLET_URL = "/vendor/leaflet"
# Sarabun: the Thai government's standard typeface in its OFL release (Cadson Demak), Thai and Latin.
FONT_URL = "/vendor/fonts/"


def use_local_leaflet(fmap: folium.Map, base_url: str = LEAFLET_URL) -> folium.Map:
    """Instance attributes shadow folium.Map.default_js/css, which folium reads when it renders the page head."""
    fmap.default_js = [("leaflet", f"{base_url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{base_url}/leaflet.css")]
    return fmap


def external_urls(fmap: folium.Map) -> list[str]:
    urls = []
    for element in walk(fmap):
        for _name, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if "://" in url or url.startswith("//"):
                urls.append(url)
    return urls
