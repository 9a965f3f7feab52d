"""Briefings as HTML that needs no server and no network: one standalone file, or the pages of a static site.

The map is the app's own map (`maps.base_map` plus the selection overlay, the same folium code path);
beside it a panel with the briefing's text. A standalone file carries Leaflet, the Sarabun font and every
shape inside it. Site pages share those as files of the site (`Assets.prefix`): scripts and stylesheets
load from file:// where fetch() would not, so the layers travel as scripts too (`map_elements.Preloaded`).
Every string from the data is HTML-escaped here; nothing in a briefing is markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

import folium
import fontpkg_sarabun
import xstatic.pkg.leaflet as xstatic_leaflet
from branca.element import Element

from border_map.model.briefing import Briefing, ExportView, source_lines
from border_map.model.dataset import Dataset
from border_map.render import csp, linebreak, maps
from border_map.render.map_elements import Labels, Preloaded, preload_script

FONT_WEIGHTS = (("Regular", 400), ("Bold", 700))
PANEL_WIDTH = 400


@cache
def leaflet_js() -> str:
    return (Path(xstatic_leaflet.BASE_DIR) / "leaflet.js").read_text(encoding="utf-8")


@cache
def leaflet_css() -> str:
    """Leaflet's CSS without its image references (our maps use no Leaflet images: no markers, no layer switch)."""
    text = (Path(xstatic_leaflet.BASE_DIR) / "leaflet.css").read_text(encoding="utf-8")
    return re.sub(r"url\((images/[^)]*)\)", "none", text)


def font_file(style: str) -> Path:
    return fontpkg_sarabun.ROOT / "files" / f"Sarabun-{style}.ttf"


@cache
def font_css_inline() -> str:
    """Sarabun as data: URLs, so a single file renders Thai with no font installed and nothing fetched."""
    faces = []
    for style, weight in FONT_WEIGHTS:
        data = base64.b64encode(font_file(style).read_bytes()).decode()
        faces.append(
            f"@font-face {{ font-family: 'Sarabun'; src: url(data:font/ttf;base64,{data}) format('truetype'); "
            f"font-weight: {weight}; font-style: normal; }}"
        )
    return "<style>" + "".join(faces) + "</style>"


def font_css_files(prefix: str) -> str:
    faces = [
        f"@font-face {{ font-family: 'Sarabun'; src: url('{prefix}assets/Sarabun-{style}.ttf') format('truetype'); "
        f"font-weight: {weight}; font-style: normal; }}"
        for style, weight in FONT_WEIGHTS
    ]
    return "<style>" + "".join(faces) + "</style>"


@dataclass
class Assets:
    """Inline (prefix None) or a site's shared files under `prefix` (e.g. "../"); `written` collects them."""

    prefix: str | None = None
    written: dict[str, bytes] = field(default_factory=dict)  # site-relative path -> content

    @property
    def inline(self) -> bool:
        return self.prefix is None

    def store(self, name: str, collection: dict) -> tuple[Preloaded, str]:
        text = preload_script(name, collection)
        digest = hashlib.sha256(text.encode()).hexdigest()[:12]
        path = f"assets/layers/{name}.{digest}.js"
        self.written[path] = text.encode()
        return Preloaded(name), path


PAGE_CSS = f"""
html, body {{ margin: 0; height: 100%; font: 15px/1.5 Sarabun, system-ui, sans-serif; color: #222; }}
.bm-panel {{ position: absolute; left: 0; top: 0; bottom: 0; width: {PANEL_WIDTH}px; overflow-y: auto;
  box-sizing: border-box; padding: 18px 20px 28px; background: #fafafa; border-right: 1px solid #ddd; }}
.folium-map {{ position: absolute !important; left: {PANEL_WIDTH}px !important; right: 0; top: 0; bottom: 0;
  width: auto !important; height: auto !important; }}
.bm-panel:focus-visible {{ outline: 2px solid #0061a0; outline-offset: -2px; }}
.bm-panel h1 {{ font-size: 24px; line-height: 1.25; margin: 4px 0 6px; }}
.bm-panel h2 {{ font-size: 17px; margin: 18px 0 6px; }}
.bm-panel .bm-sub {{ color: #555; margin: 0 0 10px; }}
.bm-panel dl {{ display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 8px 0; }}
.bm-panel dt {{ color: #555; }} .bm-panel dd {{ margin: 0; font-weight: 700; }}
.bm-panel .bm-note {{ font-weight: 400; color: #666; font-size: 12px; }}
.bm-panel table {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
.bm-panel th, .bm-panel td {{ text-align: left; vertical-align: top; padding: 3px 6px 3px 0;
  border-bottom: 1px solid #e4e4e4; }}
.bm-panel td:first-child {{ white-space: nowrap; }}
.bm-panel ul {{ padding-left: 18px; margin: 4px 0; }}
.bm-legend {{ left: {PANEL_WIDTH + 8}px !important; }}
.bm-panel nav a, .bm-panel a {{ color: #0061a0; }}
.bm-panel footer {{ margin-top: 18px; color: #666; font-size: 12px; }}
{linebreak.HTML_CSS}
@media (max-width: 760px) {{
  .folium-map {{ left: 0 !important; bottom: auto; height: 55vh !important; }}
  .bm-panel {{ top: 55vh; width: 100%; border-right: 0; border-top: 1px solid #ddd; }}
  .bm-legend {{ left: 8px !important; bottom: auto !important; top: calc(55vh - 40px); }}
}}
"""


def inline_leaflet(fmap: folium.Map) -> None:
    """Leaflet's script and style inside the page, first in its head, instead of folium's CDN links."""
    fmap.default_js, fmap.default_css = [], []  # instance attributes: folium reads these
    header = fmap.get_root().header
    header.add_child(Element(f"<style>{leaflet_css()}</style>"), index=0)
    header.add_child(Element(f"<script>{leaflet_js()}</script>"), index=1)


def map_for(data: Dataset, brief: Briefing, assets: Assets) -> folium.Map:
    """The app's map for the briefing's view: base (story markers as the view asks) plus the overlay."""
    spec = brief.map
    view = maps.MapView(border=spec.border, story_markers=spec.story_markers, lang=brief.lang)
    scripts: list[str] = []

    def store(name: str, collection: dict) -> Preloaded:
        ref, path = assets.store(name, collection)
        scripts.append(path)
        return ref

    font = font_css_inline() if assets.inline else font_css_files(assets.prefix)
    # Drawn once with its selection: the legend names the selected pair only where there is one.
    selected = bool(data.links.pair_id.isin(spec.pairs).any())
    fmap = maps.base_map(data, view, store=None if assets.inline else store, font_css=font, selected=selected)
    overlay = maps.overlay(data, pairs=spec.pairs, province=spec.province, fit=spec.fit, map_name=fmap.get_name())
    overlay.add_to(fmap)
    # Its names and (below overview scale) the locator inset, placed in the page; a screen's size, as the app's.
    options = maps.label_options(data, spec, brief.lang, always=True, with_locator=True)
    fmap.add_child(Labels(options, code=maps.labels_js() if assets.inline else None))
    if assets.inline:
        inline_leaflet(fmap)
    else:
        fmap.default_js, fmap.default_css = [], []  # instance attributes: Leaflet is ours, below
        header = fmap.get_root().header
        header.add_child(Element(f'<link rel="stylesheet" href="{assets.prefix}assets/leaflet.css">'), index=0)
        header.add_child(Element(f'<script src="{assets.prefix}assets/leaflet.js"></script>'), index=1)
        header.add_child(Element(f'<script src="{assets.prefix}assets/map_labels.js"></script>'), index=2)
        for i, path in enumerate(scripts, start=3):
            header.add_child(Element(f'<script src="{assets.prefix}{path}"></script>'), index=i)
    return fmap


Links = Callable[[ExportView | str], str | None]  # a view (or "index") -> relative URL, None: no link


def _text(text: str) -> str:
    """Text for the page: escaped, with its line-break opportunities (`linebreak.html`): Thai breaks between
    words, never inside a place name or between a number and its unit."""
    return linebreak.html(text)


def _link(text: str, href: str | None) -> str:
    return f'<a href="{escape(href)}">{_text(text)}</a>' if href else _text(text)


def _h2(text: str) -> str:
    return "<h2>" + _text(text) + "</h2>"


def _items(texts) -> str:
    return "<ul>" + "".join("<li>" + t + "</li>" for t in texts) + "</ul>"


def _named_values(pairs) -> str:
    """Label and value pairs (a figure's note, when it has one, beneath its value)."""
    items = []
    for label, value, note in pairs:
        small = f"<div class='bm-note'>{_text(note)}</div>" if note else ""
        items.append(f"<dt>{_text(label)}</dt><dd>{_text(value)}{small}</dd>")
    return "<dl>" + "".join(items) + "</dl>"


def panel_html(brief: Briefing, links: Links | None = None) -> str:
    """The briefing's fields in the panel's order; the words are the briefing's, the layout is this file's.
    Messages are looked up outside f-strings, where the extractor can see them."""
    tr = brief.tr
    link = links or (lambda _target: None)
    parts = []
    home = link("index")
    if home and brief.view.kind != "overview":
        parts.append("<nav>" + _link(tr("Overview"), home) + "</nav>")
    parts.append(f"<h1 id='bm-title'>{_text(brief.title)}</h1><p class='bm-sub'>{_text(brief.subtitle)}</p>")
    if brief.figures:
        parts.append(_named_values((f.label, f.value, f.note) for f in brief.figures))
    if brief.pair:
        parts.append(_named_values((label, value, "") for label, value in brief.pair.facts))
    if brief.story:
        story = brief.story
        parts.append(_h2(tr("Model-area story")) + "<p>" + _text(story.summary) + "</p>")
        if story.figures:
            parts.append(_h2(tr("Key figures")) + _items(_text(f) for f in story.figures))
        if story.dates:
            parts.append(_h2(tr("Dates")) + _items(_text(d) for d in story.dates))
    table = brief.table
    if table.rows:
        head = "".join(f"<th>{_text(c)}</th>" for c in table.columns)
        body = []
        for row in table.rows:
            cells = [_link(row.pair, link(ExportView("pair", row.pair)))] + [_text(c) for c in row.cells[1:]]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append(_h2(table.heading) + f"<table><tr>{head}</tr>{''.join(body)}</table>")
    if brief.stories and brief.view.kind != "story":
        items = [_link(label, link(ExportView("story", sid))) for sid, label in brief.stories]
        parts.append(_h2(tr("Model-area stories")) + _items(items))
    if brief.provinces and links:
        items = [_link(label, link(ExportView("province", key))) for key, label in brief.provinces]
        parts.append(_h2(tr("Provinces")) + _items(items))
    if brief.findings:
        parts.append(_h2(tr("Findings")) + _items(_text(f.text) for f in brief.findings))
    sources = [_text(line) for line in source_lines(brief.sources)]
    sources.append(_text(tr("Pairs table and programme facts: DOPA, NTS-Mekong Watch project text.")))
    parts.append(_h2(tr("Sources and licences")) + _items(sources))
    parts.append("<footer>" + _text(tr("Briefing generated {date} by border_map.", date=brief.generated)) + "</footer>")
    # The panel scrolls on its own: focusable, so a keyboard can scroll it, and named by the page's title.
    return "<aside class='bm-panel' tabindex='0' aria-labelledby='bm-title'>" + "".join(parts) + "</aside>"


def page_html(data: Dataset, brief: Briefing, assets: Assets | None = None, links: Links | None = None) -> str:
    """One page: the map filling the window beside the panel; nothing it shows is fetched from elsewhere, and its
    Content-Security-Policy (render.csp) forbids the browser to fetch anything else."""
    assets = assets or Assets()
    fmap = map_for(data, brief, assets)
    root = fmap.get_root()
    root.header.add_child(Element(f"<title>{escape(brief.title)} · border_map</title>"))
    root.header.add_child(Element(f"<style>{PAGE_CSS}</style>"))
    root.html.add_child(Element(panel_html(brief, links)), index=0)
    html = root.render().replace("<html>", f'<html lang="{brief.lang}">', 1)
    # Refuses every request but its own files (a site page's shared assets): forwarded, it cannot call anywhere.
    return csp.with_export_policy(html, own_files=not assets.inline)
