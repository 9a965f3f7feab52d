"""The map widget: a folium map mounted in the page by a Streamlit component of our own, no iframe.

folium builds every map (render.maps). streamlit-folium's way of showing one, an iframe that loads its
own document, a 54 KB bundle and then Leaflet, one after the other, cost a third of a page's load on its
own (docs/benchmarks.md: a page with nothing but that map took 1.33x a one-line app). Here the map is
rendered to its Leaflet script once per view and server process, shared by every session, and a
`st.components.v2` component (map_widget.js) runs that script in the page itself: Leaflet and the shape files
load in parallel, straight from this server. A selection swaps only a small overlay, so the mounted map
stays, with its view, across clicks.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import folium

from border_map import i18n
from border_map.model import resolve
from border_map.model.briefing import MapSpec
from border_map.model.dataset import Dataset
from border_map.model.labels import border_labels
from border_map.model.memo import memo
from border_map.render import folium_internals, maps
from border_map.render.offline import LEAFLET_URL
from border_map.web.components.base import component, mount_with_event, packed
from border_map.web.server.hints import remember_page_layers
from border_map.web.server.layers import Script, store_layer, store_script

SIDE_TABLE_ID = "bm-pairs-table"  # the side panel's table of pairs (draw_side.js): the map's text equivalent
COMPONENT = "border_map.map"
PANEL_COMPONENT = "border_map.map_panel"  # the same map with a panel beside it (Explore): its own module
_map_component = component("map")
_panel_component = component("map_panel")
_STYLE = re.compile(r"<style>.*?</style>", re.S)
_LAYER_URL = re.compile(r'fetch\("(/layers/[^"]+)"\)')


@dataclass(frozen=True)
class Rendered:
    """One base map as the component receives it: folium's Leaflet script, its markup and its styles."""

    map_id: str  # the Leaflet variable and div id folium gave the map
    script: str
    html: str  # the map's div and the legend, after the map's own <style> blocks
    prefetch: tuple[str, ...]  # the layer files the script fetches
    stored: Script | None = None  # the script and markup as the page loads them (`stored`)

    @property
    def files(self) -> tuple[str, ...]:
        """What the page loads for this map from the layer store: the stored script, then the shapes."""
        return (self.stored.url, *self.prefetch)


def render(fmap: folium.Map) -> Rendered:
    """folium's rendering, cut in the parts a page needs: no <script src> (Leaflet is loaded by map_widget.js)
    and no CDN links (folium's defaults); only the map's own styles, its markup and its script."""
    figure = fmap.get_root()
    figure.render()
    styles = "".join(_STYLE.findall(figure.header.render()))
    script = figure.script.render()
    return Rendered(fmap.get_name(), script, styles + figure.html.render(), tuple(_LAYER_URL.findall(script)))


def overlay_script(group: folium.FeatureGroup) -> str:
    """The overlay as the body of a JavaScript function of `map_div` (the live map, map_widget.js) returning
    the group."""
    return folium_internals.function_body(group)


def base(data: Dataset, view: maps.MapView) -> Rendered:
    """One rendering per (build, view), shared by all sessions; ~20 KB each, a few dozen views a build. The
    base map and its shapes are held by the layer store and fetched by the page, so the map's websocket
    message stays small.

    Kept on the dataset (model.memo), so it lives exactly as long as its build. Not `st.cache_resource`:
    that inspects the function's signature and hashes its arguments on every call, which under 50 sessions
    at once was a tenth of each page's script time (py-spy, docs/benchmarks.md)."""
    return memo(data, ("map_widget.base", view), lambda: stored(render(maps.base_map(data, view, store=store_layer))))


# Where the page finds a script file's function once it has run: the registry map_widget.js reads, by the
# script's own URL, so nothing in the page is run from a string (the app's CSP has no 'unsafe-eval').
_REGISTER = "(window.__bmScripts = window.__bmScripts || {})[document.currentScript.src] = "


def stored(rendered: Rendered) -> Rendered:
    """`rendered` with its script and markup held by the layer store as a script file the page loads: ~20 KB
    that went in the map's websocket message to every session on every page load, serialised and compressed
    for each. A file is sent compressed once per browser (its name changes with its content, so it is kept
    for a year), and a room of viewers fetches the same bytes. Run, it registers the markup and a function
    that draws the map and returns it."""
    text = (
        f"{_REGISTER}{{html: {json.dumps(rendered.html)},\n"
        f"draw: function () {{\n{rendered.script}\nreturn {rendered.map_id};\n}}}};\n"
    )
    return dataclasses.replace(rendered, stored=store_script("basemap", text))


def _province(data: Dataset, key: str | None):
    """The province a selection names by its key (maps.features' index), or None."""
    return next((p for p in maps.features(data).province_index if p.key == key), None)


def overlay(data: Dataset, pairs: tuple[str, ...], province_key: str | None, fit: tuple | None) -> Script | None:
    """The selection overlay, rendered once per selection and shared: a script file that registers a function
    of the live map (`map_div`) drawing the overlay on it and returning its group."""
    if not pairs and province_key is None and fit is None:
        return None

    def make() -> Script:
        province = _province(data, province_key)
        corners = [list(corner) for corner in fit] if fit else None
        body = overlay_script(maps.overlay(data, pairs=pairs, province=province, fit=corners))
        return store_script("overlay", f"{_REGISTER}function (map_div) {{\n{body}\n}};\n")

    return memo(data, ("map_widget.overlay", pairs, province_key, fit), make)


def labels(
    data: Dataset, view: maps.MapView, pairs: tuple[str, ...], province_key: str | None, fit, *, slide: bool
) -> dict:
    """The names of the view (model.labels, made once per view and language) as map_labels.js takes them. A slide
    (Present) names at every scale, in 16 px, with the locator inset; the other pages from province zoom inwards,
    with the border's districts at a URL for a reader who zooms in away from the view (fetched only then: the
    overview sends no names of its own, since at its scale the live map shows none)."""
    province = _province(data, province_key)
    spec = MapSpec(
        border=view.border,
        story_markers=view.story_markers,
        pairs=tuple(pairs),
        province=province,
        fit=[list(corner) for corner in fit] if fit else None,
    )
    if slide:
        return maps.label_options(data, spec, view.lang, always=True, size=maps.SLIDE_LABEL_PX, with_locator=True)
    key = ("map_widget.border_labels", view.border, view.story_markers, view.lang)
    url = memo(
        data,
        key,
        lambda: store_layer(
            f"labels-{view.border}-{view.lang}",
            {"labels": maps.browser_labels(border_labels(data, view.border, view.story_markers, view.lang))},
        ),
    )
    return maps.label_options(data, spec, view.lang, always=False, url=url)


def story_link(view: maps.MapView) -> str:
    """The Stories page's address for a story clicked on this view's map or its side panel (STORY_ID stands for
    its id), with the view's language and filters as every link the app writes; the browser opens it itself
    (map_widget.js, component.js's follow)."""
    params = {"story": "STORY_ID", "lang": view.lang, "border": resolve.border_for_url(view.border)}
    params["basemap"] = "1" if view.basemap else None
    return "./stories?" + urlencode({name: value for name, value in params.items() if value is not None})


def show(
    data: Dataset,
    view: maps.MapView,
    *,
    page: str,  # the page's URL name (overview, explore, ...): routes preloads its layers for the next viewer
    pairs: tuple[str, ...] = (),
    province_key: str | None = None,
    fit: list[list[float]] | None = None,
    on_click: Callable[[dict], None] | None = None,
    side: Callable[[], dict] | None = None,
    box: Callable[[], dict] | None = None,
    chip: Callable[[], dict] | None = None,
    heading: str | None = None,
) -> None:
    """Draw the view's base map with its overlay; `on_click` gets the properties of a clicked feature.

    `side` makes the panel drawn beside the map (map_widget.js's drawSide), once per view and selection like the
    rest of the payload: what it returns must follow from those alone. So must `box`, the province box drawn
    above them (province_box.content). A choice in the panel or the box arrives through `on_click` too, as
    `{"kind": "row", "pair_id": ...}`, `{"kind": "story", "story_id": ...}` or `{"kind": "box", "value": ...}`.
    `chip` names the selection on the map itself, at its top (`text`, with `details` and `clear` as its buttons'
    words), so nothing above the map moves it when a pair is chosen or cleared; its buttons arrive as
    `{"kind": "details"}` and `{"kind": "clear"}`. It too must follow from the view and selection alone.
    `heading`, with a side panel: the page's heading (an h1), drawn above the box by the same element, when
    nothing comes before it on the page (Explore): one element fewer in every run, and no Markdown renderer to
    load before the map.

    Clicks arrive as events (a trigger value, seen by one run only), never as state read on a later run,
    so a click seen once cannot come back and undo a choice made since in the table or a link.
    """
    rendered = base(data, view)
    selection = (tuple(pairs), province_key, tuple(map(tuple, fit)) if fit else None)
    # Both held by the store now (stored again should it have let them go since): the payload names them.
    base_file = rendered.stored.held()
    drawn = overlay(data, *selection)
    overlay_file = drawn.held() if drawn is not None else None
    remember_page_layers(page, view, rendered.files)
    slide = page == "present"  # a projected map: named at every scale, larger, with its locator

    def payload() -> bytes:
        tr = i18n.translator(view.lang)
        return packed(
            {
                "id": rendered.map_id,
                # For screen readers: the map's name, and (with a side panel) its table of pairs as its text.
                "name": tr("Map of the border districts and their pairs"),
                "describedBy": SIDE_TABLE_ID if side is not None else None,
                "skip": tr("Skip the map"),  # a link past its shapes, for the keyboard
                "base": base_file,  # the script and markup (stored)
                "prefetch": list(rendered.prefetch),
                "leafletJs": f"{LEAFLET_URL}/leaflet.js",
                "leafletCss": f"{LEAFLET_URL}/leaflet.css",
                "labelsJs": maps.labels_js_url(),
                "overlay": overlay_file,  # a script (`overlay`), or None
                "overlayKey": repr(selection),
                "side": side() if side is not None else None,
                "box": box() if box is not None and side is not None else None,
                "heading": heading if side is not None else None,
                "chip": chip() if chip is not None else None,
                "labels": labels(data, view, *selection, slide=slide),
                "storyLink": story_link(view),
            }
        )

    key = f"bm_map_{page}"
    # Packed once per view and selection, and kept with the build: no run of any session encodes it again.
    mount_with_event(
        _map_component if side is None else _panel_component,
        key=key,
        data=memo(
            data, ("map_widget.payload", view, selection, side is not None, chip is not None, slide, heading), payload
        ),
        event="clicked",
        kind=dict,
        handle=on_click,
    )
