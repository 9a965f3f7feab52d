"""Keep maps off the internet: Leaflet (xstatic-leaflet) and the Thai font Sarabun (fontpkg-sarabun) come
from wheels and are served by the app itself.

Folium's defaults pull Leaflet, jQuery, Bootstrap and Font Awesome from CDNs. Our maps use only
Leaflet (GeoJSON layers, tooltips bound in JS, a static legend), so the others are dropped and
Leaflet is pointed at a local copy. `external_urls` walks a map the way streamlit-folium collects
its script links, so a test can prove nothing external remains.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import folium
import fontpkg_sarabun
import xstatic.pkg.leaflet as xstatic_leaflet

LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)
STATIC_SUBDIR = "vendor/leaflet"
# Absolute: the st_folium iframe is served from /component/..., where a relative URL would 404.
APP_STATIC_URL = "/app/static/" + STATIC_SUBDIR


# Sarabun: the Thai government's standard typeface in its OFL release (Cadson Demak), Thai and Latin.
# The weights the app uses: body, Streamlit's semibold labels, headings. The OFL travels with the files.
FONT_FILES = ("files/Sarabun-Regular.ttf", "files/Sarabun-SemiBold.ttf", "files/Sarabun-Bold.ttf", "LICENSE")
FONT_SUBDIR = "vendor/fonts"


def _copy(source: Path, names, target: Path) -> Path:
    """Only what is missing or changed: cheap to repeat on every start."""
    for name in names:
        src, dst = source / name, target / (Path(name).name if name.startswith("files/") else name)
        if not dst.exists() or not filecmp.cmp(src, dst, shallow=False):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
    return target


def install_leaflet(static_dir: Path) -> Path:
    """Copy Leaflet into <static_dir>/vendor/leaflet."""
    return _copy(Path(xstatic_leaflet.BASE_DIR), LEAFLET_FILES, Path(static_dir) / STATIC_SUBDIR)


def install_fonts(static_dir: Path) -> Path:
    """Copy Sarabun into <static_dir>/vendor/fonts, where the theme and the map frames find it."""
    return _copy(fontpkg_sarabun.ROOT, FONT_FILES, Path(static_dir) / FONT_SUBDIR)


def install_assets(static_dir: Path) -> list[Path]:
    return [install_leaflet(static_dir), install_fonts(static_dir)]


def use_local_leaflet(fmap: folium.Map, base_url: str = APP_STATIC_URL) -> folium.Map:
    """Instance attributes shadow folium.Map.default_js/css, which both folium and st_folium read."""
    fmap.default_js = [("leaflet", f"{base_url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{base_url}/leaflet.css")]
    return fmap


def walk(element):
    """Every element of a folium tree, parents first: the order st_folium collects script links in."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def external_urls(fmap: folium.Map) -> list[str]:
    urls = []
    for element in walk(fmap):
        for _name, url in [*getattr(element, "default_js", []), *getattr(element, "default_css", [])]:
            if "://" in url or url.startswith("//"):
                urls.append(url)
    return urls
