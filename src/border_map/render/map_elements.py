"""Leaflet elements for folium maps that folium does not have: written by us, no data strings unescaped.

`Layer` draws one-style GeoJSON inline or from a URL; `FitView` fits a view and keeps it fitted while
the frame is being sized; `Legend`, `Scale` and `SelectionPane` place the rest; `TileErrors` says on the map
when an online basemap's tiles fail; `TooltipsInside` keeps tooltips inside the map's box, `FocusTooltipsFromKeys`
keeps a tooltip the focus opened for the keyboard only, `WheelAfterChoice` the wheel for the page until the map
is chosen, `LegendEntry` a legend entry shown while a selection is drawn.
Pure: nothing here knows the programme's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from branca.element import MacroElement, Template

MAX_FIT_ZOOM = 10


SELECTION_PANE = "bm-selection"  # above the base shapes whenever they arrive, below markers and tooltips


@dataclass(frozen=True)
class Preloaded:
    """Layer data a page's own <script src> put in `window.bmLayers[key]`: a static site opened from file://
    cannot fetch() its files, but it can load scripts, which all its pages then share from the cache."""

    key: str


def preload_script(key: str, collection: dict) -> str:
    """The JavaScript file that defines one preloaded layer."""
    import json  # noqa: PLC0415 - only exports write these files

    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"(window.bmLayers = window.bmLayers || {{}})[{json.dumps(key)}] = {safe};\n"


class Layer(MacroElement):
    """A GeoJSON layer with one style for all its features, its data inline or fetched from a URL.

    folium.GeoJson styles feature by feature and always embeds its data; these layers need neither, and
    fetched data keeps the map's message small: the browser loads the shapes itself, in parallel and
    cached, instead of through Streamlit's websocket. Tooltips are our own escaped HTML (`tip`).
    """

    _template = Template(
        """
        {#- The feature's element `el` answers Enter and Space as a click: the story markers and, where the map
            takes clicks, every shape (a keyboard reaches both). -#}
        {% macro keys_click() -%}
        if (!el._bmKeys) {
          el._bmKeys = true;
          el.addEventListener('keydown', function (event) {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              event.stopPropagation();
              layer.fire('click');
            }
          });
        }
        {%- endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
          pane: {{ this.pane|tojson }},
          interactive: {{ this.interactive|tojson }},
          style: function () { return {{ this.style|tojson }}; },
          {%- if this.points == "circle" %}
          pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, {radius: {{ this.radius }}}); },
          {%- elif this.points == "story" %}
          pointToLayer: function (feature, latlng) {
            return L.marker(latlng, {icon: L.divIcon({className: 'bm-story', iconSize: [24, 24], html: ''})});
          },
          {%- endif %}
          onEachFeature: function (feature, layer) {
            var props = feature.properties || {};
            {%- if this.points == "story" %}
            layer.on('add', function () {
              var el = layer.getElement();
              if (el) {
                el.textContent = props.icon;
                el.style.marginLeft = (props.dx - 12) + 'px';
                el.style.marginTop = (props.dy - 12) + 'px';
                // Leaflet makes the marker a focusable button; Enter or Space opens it as a click does.
                {{ keys_click() }}
              }
            });
            {%- endif %}
            {%- if this.tooltips %}
            if (props.tip) {
              layer.bindTooltip(props.tip, {sticky: {{ (this.points != "story")|tojson }}, className: 'bm-tooltip'});
            }
            {%- endif %}
            {%- if this.interactive %}
            // A click goes to whoever shows the map (the app's map widget sets _bmClick; an export has none).
            layer.on('click', function () { var map = layer._map; if (map && map._bmClick) { map._bmClick(props); } });
            {%- if this.points != "story" %}
            // The browser lets a keyboard reach a clickable shape; Enter or Space chooses it as a click does.
            layer.on('add', function () {
              var el = layer.getElement && layer.getElement();
              if (el) {
                {{ keys_click() }}
              }
            });
            {%- endif %}
            {%- endif %}
            {%- if this.highlight %}
            layer.on('mouseover', function () { if (layer.setStyle) { layer.setStyle({{ this.highlight|tojson }}); } });
            layer.on('mouseout', function () { if (layer.setStyle) { {{ this.get_name() }}.resetStyle(layer); } });
            {%- endif %}
          }
        }).addTo({{ this._parent.get_name() }});
        (function () {
          var host = {{ this._parent.get_name() }}, layer = {{ this.get_name() }};
          host._bmStack = (host._bmStack || []).concat([[{{ this.order }}, layer]]);
          function fill(data) {
            layer.addData(data);
            // Layers share one SVG and stack in the order their shapes arrive, so the new shapes are on top:
            // the layers meant to be above them come forward again, in their order (none when the files arrive
            // in order). Moving every layer for each file was 5 ms of the overview's drawing.
            host._bmStack.filter(function (entry) { return entry[0] > {{ this.order }}; })
              .sort(function (a, b) { return a[0] - b[0]; })
              .forEach(function (entry) { entry[1].bringToFront(); });
          }
          {%- if this.points == "story" %}
          // Two stories in neighbouring districts share a spot at the overview's zoom (Chiang Khan and Pak Chom
          // in Loei): their numbers would hide each other and one could not be clicked. Each marker keeps its
          // place on screen unless an earlier one is within SPREAD_PX; then it moves just clear of it, away from
          // it, and goes back as the map zooms in far enough to part them.
          var SPREAD_PX = 26;
          function spread() {
            var map = layer._map, placed = [];
            if (!map) return;
            layer.eachLayer(function (marker) {
              var el = marker.getElement(), props = marker.feature.properties || {};
              if (!el) return;
              var base = map.latLngToLayerPoint(marker.getLatLng()).add([props.dx || 0, props.dy || 0]);
              var at = base;
              for (var tries = 0; tries < placed.length + 1; tries++) {
                var near = placed.filter(function (other) { return other.distanceTo(at) < SPREAD_PX - 0.5; })[0];
                if (!near) break;
                var away = at.subtract(near), length = Math.sqrt(away.x * away.x + away.y * away.y);
                if (length < 1) { away = L.point(1, 0); length = 1; }
                at = near.add(away.multiplyBy(SPREAD_PX / length));
              }
              placed.push(at);
              el.style.marginLeft = (at.x - base.x + (props.dx || 0) - 12) + 'px';
              el.style.marginTop = (at.y - base.y + (props.dy || 0) - 12) + 'px';
            });
          }
          host.on('zoomend viewreset', spread);
          var filled = fill;
          fill = function (data) { filled(data); spread(); };
          {%- endif %}
          {%- if this.url %}
          fetch({{ this.url|tojson }}).then(function (response) { return response.json(); }).then(fill);
          {%- elif this.preloaded %}
          fill((window.bmLayers || {})[{{ this.preloaded|tojson }}] || {type: 'FeatureCollection', features: []});
          {%- else %}
          fill({{ this.data|tojson }});
          {%- endif %}
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: dict | str | Preloaded,
        style: dict,
        *,
        highlight: dict | None = None,
        tooltips: bool = True,
        interactive: bool = True,
        points: str | None = None,
        radius: int = 7,
        pane: str = "overlayPane",
        order: int = 0,
    ):
        super().__init__()
        self._name = "Layer"
        self.preloaded = data.key if isinstance(data, Preloaded) else None
        self.url = data if isinstance(data, str) else None
        self.data = data if isinstance(data, dict) else None
        self.style, self.highlight, self.tooltips = style, highlight, tooltips
        self.interactive, self.points, self.radius, self.pane = interactive, points, radius, pane
        self.order = order  # stacking among the map's layers, bottom first, whatever order their data arrives in


class SelectionPane(MacroElement):
    """The pane the overlay draws in: above districts that arrive after it, below markers."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.createPane({{ this.pane|tojson }}).style.zIndex = 450;
        {{ this._parent.get_name() }}.getPane({{ this.pane|tojson }}).style.pointerEvents = 'none';
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "SelectionPane"
        self.pane = SELECTION_PANE


class Legend(MacroElement):
    """Legend and source attribution, written by us: a <details> box that folds to one line.

    It sits bottom-left, where the overview has no border district, and FitView keeps the fitted area
    clear of it. It starts folded on maps under 560 px wide or high (phones, side columns) and on screens
    760 px high or less (a projector's 1280x720, where Present's map is taller than that but the legend
    still covered its south-west).
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <details class="bm-legend" open>
          <summary>{{ this.title|e }}</summary>
          <div class="bm-legend-body">{{ this.body }}</div>
        </details>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
          var box = {{ this._parent.get_name() }}.getContainer().parentNode.querySelector('.bm-legend');
          var size = {{ this._parent.get_name() }}.getSize();
          if (box && (size.x < 560 || size.y < 560 || window.innerHeight <= 760)) { box.open = false; }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, body: str, title: str = "Legend"):
        super().__init__()
        self._name = "Legend"
        self.body = body
        self.title = title


class TileErrors(MacroElement):
    """A note on the map when the online basemap's tiles do not load (no network, or the tile server out of
    reach): Leaflet only logs a failed tile in the console and leaves the map as it was, and a viewer who
    turned the basemap on would see nothing happen. Shown while the tiles on screen fail, gone once a load of
    them has no error (the network is back). The text is ours, in the map's language, set as text."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }}, tiles = {{ this.tiles.get_name() }}, note = null, failed = 0;
          tiles.on('loading', function () { failed = 0; });
          tiles.on('tileerror', function () {
            failed += 1;
            if (note) return;
            note = L.DomUtil.create('div', 'bm-tile-error', map.getContainer());
            note.setAttribute('role', 'status');
            note.textContent = {{ this.message|tojson }};
          });
          tiles.on('load', function () {
            if (!failed && note) { note.remove(); note = null; }
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, tiles, message: str):
        super().__init__()
        self._name = "TileErrors"
        self.tiles = tiles  # the folium tile layer, rendered before this
        self.message = message


class Labels(MacroElement):
    """The map's names and locator inset, placed in the browser (map_labels.js, whose `code` is inlined here once
    when given; a site's pages load it as a file instead). `options` are maps.label_options'."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {%- if this.code %}
        {{ this.code }}
        {%- endif %}
        bmLabels({{ this._parent.get_name() }}, {{ this.options|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, options: dict, code: str | None = None):
        super().__init__()
        self._name = "Labels"
        self.options = options
        self.code = code


class Scale(MacroElement):
    """Leaflet's scale bar, bottom right: the legend has the bottom left. Metric only: the programme's figures
    and the PDF's scale bar are in kilometres, and miles mean nothing to the officials reading it.

    Leaflet writes its own "m" and "km"; `units` are the map's language's ({"m": "{n} ม.", "km": "{n} กม."}),
    `{n}` standing for the number Leaflet chose (its own rounding, as its metric bar does)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var units = {{ this.units|tojson }};
          var Scale = L.Control.Scale.extend({
            _updateMetric: function (maxMeters) {
              var meters = this._getRoundNum(maxMeters);
              var label = meters < 1000 ? units.m.replace('{n}', meters) : units.km.replace('{n}', meters / 1000);
              this._updateScale(this._mScale, label, meters / maxMeters);
            }
          });
          new Scale({position: 'bottomright', imperial: false}).addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, units: dict[str, str] | None = None):
        super().__init__()
        self._name = "Scale"
        self.units = units or {"m": "{n} m", "km": "{n} km"}


class TooltipsInside(MacroElement):
    """Every tooltip kept inside its map's box. Leaflet puts a tooltip to the right of the pointer on the map's
    left half and to its left on the right half; on a narrow map (a phone, Explore's map beside its panel) a
    tooltip wider than half the map then ran past the box's edge, which cuts it. Here a tooltip is at most the
    map's width (its text wraps: MAP_CSS) and, once Leaflet has placed it, moved back inside the box where it
    overflows, on every placement (a sticky tooltip is placed again as the pointer moves). Patched once a page,
    on Leaflet's own placement of a tooltip (Leaflet 1.9, pinned by xstatic-leaflet; tests/browser check it)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var proto = L.Tooltip.prototype;
          if (proto._bmInside) { return; }
          proto._bmInside = true;
          var place = proto._setPosition, MARGIN = 4;
          proto._setPosition = function (pos) {
            var map = this._map, el = this._container;
            var size = map.getSize();
            el.style.maxWidth = Math.max(size.x - 2 * MARGIN, 40) + 'px';
            place.call(this, pos);
            var at = L.DomUtil.getPosition(el), corner = map.layerPointToContainerPoint(at);
            var dx = 0, dy = 0, w = el.offsetWidth, h = el.offsetHeight;
            if (corner.x + w > size.x - MARGIN) { dx = size.x - MARGIN - w - corner.x; }
            if (corner.x + dx < MARGIN) { dx = MARGIN - corner.x; }
            if (corner.y + h > size.y - MARGIN) { dy = size.y - MARGIN - h - corner.y; }
            if (corner.y + dy < MARGIN) { dy = MARGIN - corner.y; }
            // Moved off its point, its arrow would point elsewhere: hidden then.
            L.DomUtil[dx || dy ? 'addClass' : 'removeClass'](el, 'bm-moved');
            if (dx || dy) { L.DomUtil.setPosition(el, at.add([dx, dy])); }
          };
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "TooltipsInside"


class FocusTooltipsFromKeys(MacroElement):
    """A tooltip the focus opened stays only when the keyboard moved the focus there (the browser's
    `:focus-visible`) or the pointer is over the shape. Leaflet opens a shape's tooltip when the shape takes the
    focus, which is right for the keyboard; but a dialog hands the focus back to the district that was clicked
    when it closes (the overview's pair details), and its tooltip then opened over the selection with no pointer
    on it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }};
          map.getContainer().addEventListener('focusin', function (event) {
            var el = event.target;
            if (!el.matches || el.matches(':focus-visible') || el.matches(':hover')) { return; }
            map.eachLayer(function (layer) {
              var tip = layer.getTooltip && layer.getTooltip();
              if (tip && tip.isOpen() && layer.getElement && layer.getElement() === el) { layer.closeTooltip(); }
            });
          });
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "FocusTooltipsFromKeys"


class WheelAfterChoice(MacroElement):
    """The mouse wheel scrolls the page until the viewer chooses the map: a press on it, or the keyboard's focus
    in it; then it zooms, until the viewer presses or moves the focus elsewhere. Scrolling down a page (an
    exported briefing on a phone, the app's Explore) with the pointer over the map zoomed it instead of reaching
    what is below. (A deck's map takes no keyboard focus: a press chooses it.)"""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }}, box = map.getContainer();
          map.scrollWheelZoom.disable();
          function choose() { map.scrollWheelZoom.enable(); }
          function elsewhere(event) {
            if (!box.contains(event.relatedTarget || event.target)) { map.scrollWheelZoom.disable(); }
          }
          box.addEventListener('mousedown', choose, true);
          box.addEventListener('focusin', choose);
          box.addEventListener('focusout', function (event) {
            if (!box.contains(event.relatedTarget)) { map.scrollWheelZoom.disable(); }
          });
          document.addEventListener('mousedown', elsewhere, true);
          map.on('unload', function () { document.removeEventListener('mousedown', elsewhere, true); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self):
        super().__init__()
        self._name = "WheelAfterChoice"


class LegendEntry(MacroElement):
    """Shows the legend's entry `entry` (a class of `legend_html`) while the group it is added to is on the map:
    the app's base map, shared by every selection, carries the entry hidden and the selection's overlay shows it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var group = {{ this._parent.get_name() }};
          function shown(on) {
            var map = group._map || shown.map;
            var entry = map && map.getContainer().parentNode.querySelector('.' + {{ this.entry|tojson }});
            if (entry) { entry.hidden = !on; }
          }
          group.on('add', function () { shown.map = group._map; shown(true); });
          group.on('remove', function () { shown(false); });
          if (group._map) { shown.map = group._map; shown(true); }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, entry: str):
        super().__init__()
        self._name = "LegendEntry"
        self.entry = entry


class FitView(MacroElement):
    """Fit the map to bounds, clear of the legend, without animation so the view is final at once.

    The map's frame is sized by the page after the map is created (and again when the window changes),
    so the fit is repeated on every resize until the user first touches the map.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this.map_name }};
          map._bmFit = function () {
            var legend = map.getContainer().parentNode.querySelector('.bm-legend');
            var below = legend ? legend.offsetHeight + 20 : 24;
            map.fitBounds({{ this.bounds|tojson }}, {
              paddingTopLeft: [24, 24], paddingBottomRight: [24, below], maxZoom: {{ this.max_zoom }}, animate: false
            });
          };
          map._bmFit();
          if (!map._bmRefit) {
            map._bmRefit = true;
            var touched = false;
            ['mousedown', 'touchstart', 'wheel', 'keydown'].forEach(function (name) {
              map.getContainer().addEventListener(name, function () { touched = true; }, {passive: true});
            });
            map.on('resize', function () { if (!touched) { map._bmFit(); } });
          }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, bounds: list[list[float]], map_name: str, max_zoom: int = MAX_FIT_ZOOM):
        super().__init__()
        self._name = "FitView"
        self.bounds = bounds
        self.map_name = map_name
        self.max_zoom = max_zoom
