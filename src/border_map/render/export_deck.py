"""The workshop deck as files: one offline HTML page driven by the same keys as the Present page, and a
16:9 PDF with one slide a page for handing out.

The HTML carries everything inside it (Leaflet, Sarabun, every shape): a presenter's laptop needs no
Python and no network. Slide text is put on the page with `textContent`, never as markup; the map is the
app's own base map, and each slide adds its selection and moves the view, as the Present page does.
"""

from __future__ import annotations

import json
from html import escape

from branca.element import Element

from border_map.i18n import translator
from border_map.model import queries
from border_map.model.dataset import Dataset
from border_map.model.deck import Slide, slides
from border_map.render import csp, linebreak, maps
from border_map.render.export_html import font_css_inline, inline_leaflet
from border_map.render.export_pdf import BriefingPDF, draw_map

DECK_CSS = (
    """
html, body { margin: 0; height: 100%; overflow: hidden; background: #fff; color: #111;
  font-family: Sarabun, system-ui, sans-serif; }
#bm-panel { position: absolute; left: 0; top: 0; bottom: 0; width: 31%; box-sizing: border-box;
  padding: 18px 22px 80px; overflow: hidden; }
.folium-map { position: absolute !important; left: 31% !important; right: 0; top: 0; bottom: 0;
  width: auto !important; height: auto !important; }
body.bm-wide #bm-panel { width: 55%; } body.bm-wide .folium-map { left: 55% !important; }
.bm-legend { left: calc(31% + 8px) !important; } body.bm-wide .bm-legend { left: calc(55% + 8px) !important; }
#bm-panel h1 { font-size: 44px; line-height: 1.15; margin: 0 0 8px; }
#bm-panel .bm-sub { font-size: 24px; color: #333; margin: 0 0 14px; }
#bm-panel li, #bm-panel .bm-fig { font-size: 26px; line-height: 1.32; margin-bottom: 6px; }
body.bm-wide #bm-panel li { font-size: 24px; }
#bm-panel ul { padding-left: 28px; margin: 0 0 12px; }
#bm-controls { position: absolute; left: 22px; bottom: 16px; display: flex; gap: 12px; align-items: center;
  font-size: 24px; }
#bm-controls button { font: inherit; min-width: 56px; min-height: 44px; border: 1px solid #bbb;
  background: #fff; border-radius: 8px; cursor: pointer; }
"""
    + linebreak.HTML_CSS
)

DECK_JS = """
(function () {
  var deck = %(deck)s, map = %(map)s, total = deck.length, selection = null, locator = %(locator)s;
  var panel = document.getElementById('bm-panel');
  var style = {color: '%(highlight)s', weight: 4.5, fill: false, opacity: 1};
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) { put(node, text); }
    if (cls) { node.className = cls; }
    return node;
  }
  // Text as [piece, keep whole] pairs: a line may break between pieces (<wbr>), not inside a name or unit.
  function put(node, pieces) {
    pieces.forEach(function (piece, i) {
      if (i) { node.appendChild(document.createElement('wbr')); }
      var body = piece[0].replace(/\\s+$/, ''), space = piece[0].slice(body.length);
      if (piece[1]) {  // kept whole in a span; the space after it stays outside, where the line may break
        var name = document.createElement('span');
        name.className = 'bm-nb';
        name.textContent = body;
        node.appendChild(name);
        if (space) { node.appendChild(document.createTextNode(space)); }
      } else {
        node.appendChild(document.createTextNode(piece[0]));
      }
    });
  }
  function show(n) {
    n = Math.min(Math.max(n, 1), total);
    var slide = deck[n - 1];
    panel.replaceChildren();
    panel.appendChild(el('h1', slide.title));
    if (slide.subtitle.length) { panel.appendChild(el('p', slide.subtitle, 'bm-sub')); }
    if (slide.points.length) {
      var list = el('ul');
      slide.points.forEach(function (p) { list.appendChild(el('li', p)); });
      panel.appendChild(list);
    }
    slide.figures.forEach(function (f) { panel.appendChild(el('div', f, 'bm-fig')); });
    document.body.classList.toggle('bm-wide', slide.wide);
    document.getElementById('bm-count').textContent = n + ' / ' + total;
    if (selection) { map.removeLayer(selection); }
    selection = L.geoJSON(slide.selection, {style: function (f) {
      return f.properties.kind === 'province' ? {color: '#222', weight: 3, dashArray: '2 5', fill: false} : style;
    }, interactive: false}).addTo(map);
    // The legend's "Selected pair" (maps.legend_html), on a slide that draws one.
    var entry = document.querySelector('.%(selected_entry)s');
    if (entry) {
      entry.hidden = !slide.selection.features.some(function (f) { return f.properties.kind !== 'province'; });
    }
    map.invalidateSize();
    map.fitBounds(slide.fit, {padding: [24, 24], maxZoom: 10, animate: false});
    // The slide's names and, on a province, pair or story slide, the locator inset (map_labels.js).
    bmLabels(map, Object.assign({}, slide.labels, {locator: slide.labels.locator ? locator : null}));
    if (location.hash !== '#' + n) { history.replaceState(null, '', '#' + n); }
    current = n;
  }
  var current = parseInt(location.hash.slice(1), 10) || 1;
  var moves = {ArrowRight: 1, PageDown: 1, ' ': 1, Spacebar: 1, ArrowLeft: -1, PageUp: -1};
  document.addEventListener('keydown', function (e) {
    if (e.key in moves) { show(current + moves[e.key]); e.preventDefault(); }
    else if (e.key === 'Home') { show(1); e.preventDefault(); }
    else if (e.key === 'End') { show(total); e.preventDefault(); }
  });
  document.getElementById('bm-back').onclick = function () { show(current - 1); };
  document.getElementById('bm-next').onclick = function () { show(current + 1); };
  window.addEventListener('hashchange', function () { show(parseInt(location.hash.slice(1), 10) || 1); });
  window.bmDeck = {show: show, total: total, current: function () { return current; }};
  show(current);
})();
"""


def _selection(data: Dataset, slide: Slide) -> dict:
    feats = maps.features(data)
    chosen = data.links[data.links.pair_id.isin(slide.map.pairs)]
    features = [feats.districts[f] for f in sorted(queries.district_ids(chosen)) if f in feats.districts]
    features += [feats.links[p] for p in slide.map.pairs if p in feats.links]
    if slide.map.province is not None:
        features += [
            f
            for f in feats.provinces
            if f["properties"]["province"] == maps._esc(slide.map.province.name)
            and f["properties"]["country"] == slide.map.province.country
        ]
    return maps.outlines(features)


def _labels(data: Dataset, slide: Slide, lang: str) -> dict:
    """A slide's names (the view model's, placed in the page at 16 px of 720) and whether it has the locator
    inset: the inset's outline travels once, not with every slide."""
    options = maps.label_options(data, slide.map, lang, always=True, size=maps.SLIDE_LABEL_PX, with_locator=True)
    return {**options, "locator": bool(options.get("locator"))}


def deck_html(data: Dataset, lang: str, border: str = "both") -> bytes:
    tr = translator(lang)
    deck = slides(data, lang, border)
    fmap = maps.base_map(data, maps.MapView(border=border, story_markers=True, lang=lang), font_css=font_css_inline())
    fmap.options["keyboard"] = False  # the arrow keys belong to the deck, not to panning
    inline_leaflet(fmap)
    root = fmap.get_root()
    title = tr("People-to-People parallel areas")
    root.header.add_child(Element(f"<title>{escape(title)} · border_map</title>"))
    root.header.add_child(Element(f"<style>{DECK_CSS}</style>"))
    back, ahead = tr("Back (Left, PageUp)"), tr("Next (Right, PageDown, Space)")
    controls = (
        f'<div id="bm-controls"><button id="bm-back" title="{escape(back)}">◀</button>'
        f'<b id="bm-count"></b><button id="bm-next" title="{escape(ahead)}">▶</button></div>'
    )
    root.html.add_child(Element(f'<aside id="bm-panel"></aside>{controls}'), index=0)
    payload = [
        {
            "title": linebreak.pieces(s.title),
            "subtitle": linebreak.pieces(s.subtitle or ""),
            "points": [linebreak.pieces(p) for p in s.points],
            "figures": [linebreak.pieces(f"{f.label}: {f.value}") for f in s.figures],
            "wide": s.wide,
            "fit": s.map.fit,
            "selection": _selection(data, s),
            "labels": _labels(data, s, lang),
        }
        for s in deck
    ]
    text = json.dumps(payload, ensure_ascii=False, default=float)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    shared = json.dumps(maps.locator(data)).replace("<", "\\u003c")  # the inset's outline, once for every slide
    script = maps.labels_js() + DECK_JS % {
        "deck": text,
        "map": fmap.get_name(),
        "highlight": maps.HIGHLIGHT,
        "selected_entry": maps.SELECTED_ENTRY,
        "locator": shared,
    }
    html = root.render()  # the map's own script is written during rendering: the deck's runs after it
    head, tail = html.rsplit("</html>", 1)
    html = f"{head}<script>{script}</script></html>{tail}"
    html = html.replace("<html>", f'<html lang="{lang}">', 1)
    return csp.with_export_policy(html).encode("utf-8")  # every request refused: the deck is one file


SLIDE_W, SLIDE_H = 338.67, 190.5  # 16:9, as presentation programs make it
# A map's names on a slide: 16 px of a 1280×720 screen, the smallest a room reads from the back.
SLIDE_LABEL_PT = 16 / 720 * SLIDE_H / 25.4 * 72


def deck_pdf(data: Dataset, lang: str, border: str = "both") -> bytes:
    """One slide a page: the words on the left, the slide's map drawn as vectors on the right."""
    pdf = BriefingPDF(lang, page=(SLIDE_W, SLIDE_H), numbered=False)
    pdf.set_auto_page_break(False)
    deck = slides(data, lang, border)
    for number, slide in enumerate(deck, start=1):
        pdf.add_page()
        panel = SLIDE_W * (0.5 if slide.wide else 0.34)
        pdf.set_xy(12, 12)
        pdf.set_font("Sarabun", "B", 26)
        pdf.multi_cell(panel - 18, 11, slide.title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(12)
        if slide.subtitle:
            pdf.set_font("Sarabun", "", 13)
            pdf.set_text_color(70, 70, 70)
            pdf.multi_cell(panel - 18, 6.5, slide.subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(34, 34, 34)
        pdf.ln(3)
        size = 11 if slide.wide else 14
        for point in slide.points:
            pdf.set_x(12)
            pdf.set_font("Sarabun", "", size)
            pdf.cell(5, size * 0.5, "•")
            pdf.multi_cell(panel - 23, size * 0.5, point, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        for figure in slide.figures:
            pdf.set_x(12)
            pdf.set_font("Sarabun", "B", size)
            text = f"{figure.label}: {figure.value}"
            pdf.multi_cell(panel - 18, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Sarabun", "", 9)
        pdf.set_xy(12, SLIDE_H - 10)
        pdf.cell(40, 5, f"{number} / {len(deck)}")
        draw_map(pdf, data, slide.map, panel, 8, SLIDE_W - panel - 8, SLIDE_H - 22, label_size=SLIDE_LABEL_PT)
    return bytes(pdf.output())
