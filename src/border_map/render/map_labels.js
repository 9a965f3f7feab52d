// A map's names in the browser, and its locator inset: one file for the live map (map_widget.js) and the exports
// (the one-file HTML, the site, the deck), which inline it. Plain ES5 functions: a <script> and a module alike.
//
// The candidates are the view model's (model/labels.py: text, lon/lat, kind, priority, ref), made once per view
// and language on the server; here they are only placed. The placement is render/labels.py's, ported: greedy by
// priority over nine positions around the anchor (on it, the four sides, the corners), a box kept only if it stays
// inside the map's frame, clear of the obstacles (legend, scale, zoom buttons, locator, story markers: measured
// from the page) and of every name already placed; what finds no room is dropped (the table names everything).
// The boxes are the real text's, measured in the page once the served font (Sarabun) is loaded. Deterministic:
// the same view and size give the same names in the same places. Run again after every move, zoom and resize.
//
// Every text is set with textContent: nothing here is markup.

var BM_POSITIONS = [[0, 0], [0, -1], [0, 1], [0.5, 0], [-0.5, 0], [0.5, -1], [-0.5, -1], [0.5, 1], [-0.5, 1]];
var BM_LABEL_GAP = 2; // px kept free around each name (its halo), between names and from the frame
var BM_LABEL_CSS =
  '.bm-label { position: absolute; left: 0; top: 0; white-space: nowrap; pointer-events: none; color: #222;' +
  ' font-family: Sarabun, system-ui, sans-serif; font-weight: 400; line-height: 1.3; margin: 0; padding: 0;' +
  ' text-shadow: -1px -1px 0 #fff, 1px -1px 0 #fff, -1px 1px 0 #fff, 1px 1px 0 #fff, 0 0 3px #fff, 0 0 3px #fff; }' +
  ' .bm-label.bm-selected { font-weight: 700; }' +
  ' .bm-label.bm-province { font-weight: 700; color: #464646; }' +
  ' .bm-locator { background: #fff; border: 1px solid #a0a0a0; box-shadow: 0 1px 3px rgba(0,0,0,.25);' +
  ' line-height: 0; pointer-events: none; }' +
  ' .leaflet-control.bm-locator { margin: 8px 8px 0 0; }';

// Boxes are [left, top, right, bottom] in the map container's pixels.
function bmOverlaps(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

// items: [{ax, ay, w, h, priority}] in the view model's order. Returns each item's box, or null where dropped.
function bmPlace(items, frame, obstacles, gap) {
  var room = [frame[0] + gap, frame[1] + gap, frame[2] - gap, frame[3] - gap];
  var order = items.map(function (item, i) { return i; });
  order.sort(function (a, b) { return items[a].priority - items[b].priority || a - b; });
  var taken = [], boxes = items.map(function () { return null; });
  order.forEach(function (i) {
    var it = items[i];
    for (var p = 0; p < BM_POSITIONS.length; p++) {
      var cx = it.ax + BM_POSITIONS[p][0] * (it.w + 2 * gap), cy = it.ay + BM_POSITIONS[p][1] * (it.h + 2 * gap);
      var box = [cx - it.w / 2, cy - it.h / 2, cx + it.w / 2, cy + it.h / 2];
      var grown = [box[0] - gap, box[1] - gap, box[2] + gap, box[3] + gap];
      if (box[0] < room[0] || box[1] < room[1] || box[2] > room[2] || box[3] > room[3]) continue;
      if (obstacles.some(function (o) { return bmOverlaps(grown, o); })) continue;
      if (taken.some(function (o) { return bmOverlaps(grown, o); })) continue;
      boxes[i] = box;
      taken.push(grown);
      break;
    }
  });
  return boxes;
}

// What covers the map, from the page: its controls (zoom, scale, locator), the legend beside it, story markers.
function bmObstacles(map) {
  var container = map.getContainer(), origin = container.getBoundingClientRect();
  var scope = container.parentNode || container;
  var found = [];
  var selector = '.bm-legend, .leaflet-control, .bm-tile-error, .leaflet-marker-pane .bm-story';
  Array.prototype.forEach.call(scope.querySelectorAll(selector), function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      found.push([r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]);
    }
  });
  return found;
}

// options: {labels, size, always, span, box, url, locator}. `always`: names at every scale (a slide, an export);
// otherwise only from `span` degrees of latitude in view inwards (province zoom: model/labels.py's OVERVIEW_SPAN),
// the view's own names first, then the border's districts (fetched from `url` once the reader leaves `box`).
function bmLabels(map, options) {
  var state = map._bmLabels;
  if (!state) {
    if (!document.__bmLabelCss) {
      // A constructed stylesheet, not a <style> element: an exported page's Content-Security-Policy allows its
      // <style> elements by hash (render/csp.py), and this one is made here, at run time.
      document.__bmLabelCss = true;
      if (document.adoptedStyleSheets && window.CSSStyleSheet && CSSStyleSheet.prototype.replaceSync) {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(BM_LABEL_CSS);
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
      } else {
        var css = document.createElement('style');
        css.textContent = BM_LABEL_CSS;
        document.head.appendChild(css);
      }
    }
    var pane = map.createPane('bm-labels');
    pane.style.zIndex = 640; // above the shapes and the story markers, below the tooltips
    pane.style.pointerEvents = 'none';
    state = map._bmLabels = {pane: pane, elements: {}, extra: null, fetching: null, placed: [], dropped: [],
      frame: 0, fonts: {}};
    var later = function () { bmSchedule(map); };
    map.on('zoomstart', function () { pane.style.visibility = 'hidden'; });
    map.on('moveend zoomend resize', later);
    var legend = map.getContainer().parentNode && map.getContainer().parentNode.querySelector('.bm-legend');
    if (legend) legend.addEventListener('toggle', later);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(later);
  }
  state.options = options || {labels: []};
  if (state.url !== state.options.url) { state.url = state.options.url; state.extra = null; state.fetching = null; }
  bmLocator(map, state.options.locator);
  bmSchedule(map);
  return state;
}

function bmSchedule(map) {
  var state = map._bmLabels;
  if (state.frame) return;
  state.frame = requestAnimationFrame(function () {
    state.frame = 0;
    var size = state.options.size || 13;
    // The served font, in both weights, with Thai and Latin: measured before it has loaded, a name's box would be
    // the fallback font's.
    var fonts = ['400 ' + size + 'px Sarabun', '700 ' + size + 'px Sarabun', '700 ' + size * 1.1 + 'px Sarabun'];
    var waiting = document.fonts && document.fonts.load ? fonts.filter(function (f) { return !state.fonts[f]; }) : [];
    if (!waiting.length) { bmDraw(map); return; }
    Promise.all(waiting.map(function (f) { return document.fonts.load(f, 'กขAa').catch(function () {}); }))
      .then(function () {
        waiting.forEach(function (f) { state.fonts[f] = true; });
        bmDraw(map);
      });
  });
}

function bmInside(inner, outer) {
  return outer && inner.getWest() >= outer[0] && inner.getSouth() >= outer[1] && inner.getEast() <= outer[2] &&
    inner.getNorth() <= outer[3];
}

// The names this view may show, most important first.
function bmCandidates(map, state) {
  var options = state.options, view = map.getBounds();
  if (options.always) return options.labels || [];
  if (view.getNorth() - view.getSouth() > options.span) return [];
  var mine = (options.labels || []).filter(function (l) { return l.kind === 'district'; });
  if (options.url && !bmInside(view, mine.length ? options.box : null)) {
    if (!state.extra && !state.fetching) {
      var url = options.url;
      state.fetching = fetch(url).then(function (r) { return r.json(); }).then(function (got) {
        if (state.url === url) { state.extra = got.labels || []; bmSchedule(map); }
      }).catch(function () { state.fetching = null; });
    }
    if (state.extra) {
      var seen = {};
      mine.forEach(function (l) { seen[l.ref] = true; });
      var lowest = mine.reduce(function (m, l) { return Math.max(m, l.priority); }, 0);
      // The border's districts after the view's own names, in their own order.
      mine = mine.concat(state.extra.filter(function (l) { return !seen[l.ref]; }).map(function (l) {
        return {text: l.text, lon: l.lon, lat: l.lat, kind: l.kind, ref: l.ref, priority: lowest + 1 + l.priority};
      }));
    }
  }
  return mine;
}

function bmDraw(map) {
  var state = map._bmLabels;
  if (!map._loaded || !map.getContainer().isConnected) return;
  var size = state.options.size || 13, candidates = bmCandidates(map, state), keep = {};
  var elements = state.elements, pane = state.pane;
  var shown = candidates.map(function (label) {
    var key = label.ref + '\u0000' + label.text + '\u0000' + size + (label.priority === 0 ? 's' : '');
    var el = elements[key];
    if (!el) {
      el = elements[key] = document.createElement('div');
      el.className = 'bm-label' + (label.kind === 'province' ? ' bm-province' : '') +
        (label.priority === 0 ? ' bm-selected' : '');
      el.style.fontSize = (label.kind === 'province' ? size * 1.1 : size) + 'px';
      el.textContent = label.text;
      el.dataset.ref = label.ref;
      pane.appendChild(el);
    }
    keep[key] = true;
    // Measured laid out: a name dropped by the last placement is display:none, and would measure 0 x 0.
    el.style.display = '';
    el.style.visibility = 'hidden';
    return el;
  });
  // All written, then all read: one layout for every box.
  var items = candidates.map(function (label, i) {
    var el = shown[i], at = map.latLngToContainerPoint([label.lat, label.lon]);
    return {el: el, label: label, ax: at.x, ay: at.y, w: el.offsetWidth, h: el.offsetHeight, priority: label.priority};
  });
  // Only places in view are named (and counted): a name in the frame for a place beyond it would mislead.
  var limit = map.getSize();
  items = items.filter(function (it) {
    var inside = it.ax >= 0 && it.ay >= 0 && it.ax <= limit.x && it.ay <= limit.y;
    if (!inside) it.el.style.display = 'none';
    return inside;
  });
  Object.keys(elements).forEach(function (key) {
    if (!keep[key]) { elements[key].remove(); delete elements[key]; }
  });
  var boxes = bmPlace(items, [0, 0, limit.x, limit.y], bmObstacles(map), BM_LABEL_GAP);
  state.placed = [];
  state.dropped = [];
  items.forEach(function (it, i) {
    var box = boxes[i];
    if (!box) {
      it.el.style.visibility = 'hidden';
      it.el.style.display = 'none';
      state.dropped.push(it.label.text);
      return;
    }
    it.el.style.display = '';
    it.el.style.visibility = 'visible';
    L.DomUtil.setPosition(it.el, map.containerPointToLayerPoint([box[0], box[1]]));
    state.placed.push(it.label.text);
  });
  pane.style.visibility = '';
  map.getContainer().setAttribute('data-bm-labels', state.placed.length + '/' + state.dropped.length);
  map.fire('bmlabels');
}

// The locator inset: the whole border, the view's extent outlined in orange, top right (the zoom buttons have
// the top left). `options`: {d: SVG path of the outline, w, h: its viewBox, west, north, k: lon scale, s: scale}.
function bmLocator(map, options) {
  var state = map._bmLabels;
  if (state.locator && (!options || state.locatorPath !== options.d)) {
    map.removeControl(state.locator);
    map.off('moveend zoomend resize', state.locatorMove);
    state.locator = null;
  }
  if (!options || state.locator) return;
  var ns = 'http://www.w3.org/2000/svg';
  var control = L.control({position: 'topright'});
  var svg = document.createElementNS(ns, 'svg'), rect = document.createElementNS(ns, 'rect');
  control.onAdd = function () {
    var box = L.DomUtil.create('div', 'bm-locator');
    svg.setAttribute('viewBox', '0 0 ' + options.w + ' ' + options.h);
    var shape = document.createElementNS(ns, 'path');
    shape.setAttribute('d', options.d);
    shape.setAttribute('fill', '#e1e4e8');
    shape.setAttribute('fill-rule', 'evenodd');
    shape.setAttribute('stroke', '#969696');
    shape.setAttribute('stroke-width', options.w / 300);
    rect.setAttribute('fill', 'none');
    rect.setAttribute('stroke', options.colour || '#D55E00');
    svg.appendChild(shape);
    svg.appendChild(rect);
    box.appendChild(svg);
    box.setAttribute('aria-hidden', 'true');
    return box;
  };
  function move() {
    var size = map.getSize(), aspect = options.h / options.w;
    var width = Math.max(60, Math.min(size.x * 0.13, size.y * 0.36 / aspect));
    svg.setAttribute('width', Math.round(width));
    svg.setAttribute('height', Math.round(width * aspect));
    var view = map.getBounds(), unit = options.w / width; // viewBox units per pixel
    var x0 = (view.getWest() - options.west) * options.k * options.s, x1 = (view.getEast() - options.west) * options.k * options.s;
    var y0 = (options.north - view.getNorth()) * options.s, y1 = (options.north - view.getSouth()) * options.s;
    // A view smaller than a glance can find is outlined at least 6 px wide.
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    var hw = Math.max((x1 - x0) / 2, 3 * unit), hh = Math.max((y1 - y0) / 2, 3 * unit);
    rect.setAttribute('x', cx - hw);
    rect.setAttribute('y', cy - hh);
    rect.setAttribute('width', 2 * hw);
    rect.setAttribute('height', 2 * hh);
    rect.setAttribute('stroke-width', 2 * unit);
  }
  control.addTo(map);
  state.locator = control;
  state.locatorPath = options.d;
  state.locatorMove = move;
  map.on('moveend zoomend resize', move);
  move();
}
