"""Briefings as A4 PDF: one page per view, or a booklet of all of them, with the map drawn as vectors.

Why fpdf2 with HarfBuzz (uharfbuzz): both are wheels on PyPI, so set-up needs no system libraries
(WeasyPrint needs Pango and its font stack from the OS); HarfBuzz shapes Thai so vowels and tone marks
stack as Thai readers expect; fpdf2 embeds a subset of the font, so the file renders the same everywhere.
The map is drawn here from the same shapes and the same `MapSpec` as the HTML map: polygons, lines and
text operators, no screenshot, so it stays sharp when printed or zoomed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import shapely
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, PathPaintRule
from fpdf.fonts import FontFace
from fpdf.util import Padding

from border_map.i18n import translator
from border_map.model import queries
from border_map.model.briefing import (
    Briefing,
    ExportView,
    MapSpec,
    all_views,
    build_briefing,
    source_labels,
    source_lines,
)
from border_map.model.dataset import Dataset
from border_map.model.findings_text import describe
from border_map.model.labels import SELECTED, Label, border_outline, map_labels, overview_scale, view_bounds
from border_map.render import labels, linebreak, maps
from border_map.render.export_html import font_file

MARGIN = 15
MAP_HEIGHT = 104
STORY_MAP_HEIGHT = 70  # a story page also carries its summary, figures and dates: all on one sheet
CONTENTS_PER_PAGE = 50
TABLE_COLUMNS = (14, 48, 56, 18, 44)  # mm: pair, Thai district, parallel area, distance, notes
GREY = (120, 120, 120)
TEXT = (34, 34, 34)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


class BriefingPDF(FPDF):
    def __init__(self, lang: str, page: str | tuple[float, float] = "A4", numbered: bool = True):
        super().__init__(format=page, unit="mm")
        self.numbered = numbered
        self._setting_lines = False
        self._line_cache: dict[tuple, str] = {}
        self.maps: list[DrawnMap] = []  # every map drawn, in page order
        self.tr = translator(lang)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        for style, weight in (("", "Regular"), ("B", "Bold")):
            self.add_font("Sarabun", style, str(font_file(weight)))
        self.set_text_shaping(True)
        self.set_font("Sarabun", "", 10)
        self.set_text_color(*TEXT)
        self.set_title(self.tr("People-to-People parallel areas"))
        self.set_author("border_map")
        self.set_lang(lang)

    def footer(self) -> None:
        if not self.numbered:
            return
        self.set_y(-12)
        self.set_font("Sarabun", "", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.tr("Page {page} of {pages}", page=self.page_no(), pages="{nb}"), align="R")
        self.set_text_color(*TEXT)

    # --- text helpers -----------------------------------------------------------------------------------

    def multi_cell(self, w, h=None, text="", *args, **kwargs):
        """Every text that wraps (paragraphs, titles, table cells: fpdf2's tables call this too) breaks where
        `linebreak` allows: Thai between words, a place name whole, a number with its unit. fpdf2 breaks at
        U+200B and draws nothing for it, but it would stay in the PDF's text (copied, searched): so the lines
        are found with it, in a dry run of this very call, and set with plain line ends."""
        if self._setting_lines:  # fpdf2's dry run calls multi_cell again: the text is ours by then
            return super().multi_cell(w, h, text, *args, **kwargs)
        self._setting_lines = True
        try:
            text = linebreak.pdf_text(str(text).replace("↔", "–"))  # Sarabun has no ↔ (it would vanish)
            if linebreak.ZWSP in text and not kwargs.get("markdown"):
                text = self._lines(w, h, text, args, kwargs)
            return super().multi_cell(w, h, text, *args, **kwargs)
        finally:
            self._setting_lines = False

    def _lines(self, w, h, text: str, args, kwargs) -> str:
        """The text with its line ends, as fpdf2 breaks it at the U+200B between words, without them. A text that
        fits on one line is left as it is (most table cells and labels); a table lays out each cell more than
        once, so a cell's lines are kept for the same text, width and font."""
        plain = text.replace(linebreak.ZWSP, "")
        padding = Padding.new(kwargs.get("padding", 0))
        room = (w or self.w - self.r_margin - self.x) - 2 * self.c_margin - padding.left - padding.right
        if "\n" not in plain and self.get_string_width(plain) < room * 0.98:
            return plain
        key = (text, w, room, self.font_family, self.font_style, self.font_size_pt)
        if key not in self._line_cache:
            probe = {**kwargs, "dry_run": True, "output": MethodReturnValue.LINES}
            lines = super().multi_cell(w, h, text, *args, **probe)
            self._line_cache[key] = "\n".join(line.replace(linebreak.ZWSP, "") for line in lines)
        return self._line_cache[key]

    def heading(self, text: str, size: float = 18) -> None:
        self.set_font("Sarabun", "B", size)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Sarabun", "", 10)

    def section(self, text: str, room: float = 40) -> None:
        """A heading, moved to a new page when less than `room` mm would follow it on this one."""
        if self.get_y() > self.h - room:
            self.add_page()
        self.ln(2)
        self.set_font("Sarabun", "B", 12)
        self.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font("Sarabun", "", 10)

    def paragraph(self, text: str, size: float = 10, colour=TEXT) -> None:
        self.set_font("Sarabun", "", size)
        self.set_text_color(*colour)
        self.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*TEXT)

    def bullets(self, items: list[str], size: float = 10) -> None:
        self.set_font("Sarabun", "", size)
        for item in items:
            self.set_x(MARGIN)
            self.cell(4, size * 0.5, "•")
            self.multi_cell(0, size * 0.5, item, align="L", new_x="LMARGIN", new_y="NEXT")


# --- the map ---------------------------------------------------------------------------------------------


class Frame:
    """Longitude/latitude to page millimetres: equirectangular, scaled by cos(latitude) at the centre."""

    def __init__(self, bounds: tuple[float, float, float, float], x: float, y: float, w: float, h: float):
        west, south, east, north = bounds
        self.k = math.cos(math.radians((south + north) / 2))
        span_x, span_y = (east - west) * self.k, north - south
        self.scale = min(w / span_x, h / span_y)  # mm per degree of latitude
        self.x0 = x + (w - span_x * self.scale) / 2 - west * self.k * self.scale
        self.y0 = y + (h - span_y * self.scale) / 2 + north * self.scale
        self.box = (x, y, w, h)
        self.mid_lat = (south + north) / 2

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return self.x0 + lon * self.k * self.scale, self.y0 - lat * self.scale

    def km_per_mm(self) -> float:
        return 111.32 / self.scale


def _rings(geometry):
    """Every ring of every part: a polygon's outer ring and its holes (Mondol Seima, three provinces)."""
    if geometry is None or geometry.is_empty:
        return
    for part in getattr(geometry, "geoms", [geometry]):
        if part.geom_type == "Polygon":
            yield list(part.exterior.coords)
            for hole in part.interiors:
                yield list(hole.coords)
        elif part.geom_type in ("LineString", "LinearRing"):
            yield list(part.coords)


# Points of a line closer than this to the last one kept are left out (mm on the page): no print or screen
# shows the difference, and the booklet's 38 maps drew four times the points a page can resolve.
MIN_STEP_MM = 0.1


def _on_page(frame: Frame, ring) -> list[tuple[float, float]]:
    """A ring or line in page coordinates, without the points that would not move the pen (MIN_STEP_MM); its
    first and last points are always kept, so a ring still closes where it started."""
    points = [frame.point(x, y) for x, y in ring]
    if len(points) < 3:
        return points
    kept = [points[0]]
    for px, py in points[1:-1]:
        lx, ly = kept[-1]
        if abs(px - lx) >= MIN_STEP_MM or abs(py - ly) >= MIN_STEP_MM:
            kept.append((px, py))
    kept.append(points[-1])
    return kept


def _polygon(pdf: FPDF, frame: Frame, geometry, style: str) -> None:
    """A shape as it is: an outline draws every ring; a fill is one path of all the rings, filled even-odd, so a
    hole stays a hole whichever way its ring runs."""
    rings = [_on_page(frame, ring) for ring in _rings(geometry)]
    rings = [ring for ring in rings if len(ring) >= 3]
    if style == "D":
        for ring in rings:
            pdf.polygon(ring, style="D")
        return
    rule = PathPaintRule.STROKE_FILL_EVENODD if "D" in style else PathPaintRule.FILL_EVENODD
    if rings:
        with pdf.new_path(paint_rule=rule) as path:
            for ring in rings:
                path.move_to(*ring[0])
                for point in ring[1:]:
                    path.line_to(*point)
                path.close()


def _line(pdf: FPDF, frame: Frame, geometry) -> None:
    for ring in _rings(geometry):
        pdf.polyline(_on_page(frame, ring))


def _bounds(data: Dataset, spec: MapSpec) -> tuple[float, float, float, float]:
    west, south, east, north = view_bounds(data, spec)
    pad_x, pad_y = max((east - west) * 0.08, 0.05), max((north - south) * 0.08, 0.05)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y


def _nice(value: float) -> float:
    """1, 2 or 5 × 10^n, the largest not above `value`."""
    power = 10 ** math.floor(math.log10(value))
    return max(m * power for m in (1, 2, 5) if m * power <= value)


@dataclass(frozen=True)
class DrawnMap:
    """A map as drawn: its page, frame and locator inset (left, top, right, bottom in mm), its names."""

    page: int
    frame: labels.Box
    locator: labels.Box | None
    placed: list[labels.Placed]
    dropped: list[Label]


LABEL_TEXT = (34, 34, 34)
PROVINCE_TEXT = (70, 70, 70)
HALO_PT = 1.8  # the white stroke around a label's letters, in points (half of it shows outside each letter)
ASCENT, DESCENT = 1.068, 0.232  # Sarabun's, as a share of the font size: a word's box as pdftotext reads it


def draw_map(
    pdf: BriefingPDF,
    data: Dataset,
    spec: MapSpec,
    x: float,
    y: float,
    w: float,
    h: float,
    label_size: float = 7,
) -> DrawnMap:
    """The map of a view with its names (`label_size` points: 7 on A4, larger on a slide); what was drawn is
    also kept on `pdf.maps`, in page order."""
    tr = pdf.tr
    bounds = _bounds(data, spec)
    frame = Frame(bounds, x, y, w, h)
    area = shapely.box(*bounds)
    shown = queries.links_for_border(data, spec.border)
    ids = queries.district_ids(shown)
    pdf.set_draw_color(90, 90, 90)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(243, 246, 248)
    pdf.rect(x, y, w, h, style="DF")
    markers: list[labels.Box] = []
    with pdf.rect_clip(x, y, w, h):
        if data.provinces is not None:
            pdf.set_draw_color(*_rgb(maps.PROVINCE_COLOUR))
            pdf.set_line_width(0.15)
            for geometry in data.provinces.geometry:
                if geometry is not None and geometry.intersects(area):
                    _polygon(pdf, frame, geometry, "D")
        districts = data.districts[data.districts.feature_id.isin(ids)]
        for district in districts.itertuples():
            colour = _rgb(maps.COLOURS.get(district.country, "#999999"))
            pdf.set_draw_color(*colour)
            pdf.set_fill_color(*colour)
            pdf.set_line_width(0.2)
            if district.geometry is None or not district.geometry.intersects(area):
                continue
            if district.geometry.geom_type == "Point":
                px, py = frame.point(district.geometry.x, district.geometry.y)
                pdf.circle(px, py, 1.2, style="DF")
                continue
            with pdf.local_context(fill_opacity=0.45):
                _polygon(pdf, frame, district.geometry, "DF")
        pdf.set_draw_color(*_rgb(maps.LINK_COLOUR))
        pdf.set_line_width(0.35)
        pdf.set_dash_pattern(dash=1.2, gap=0.8)
        for link in shown.itertuples():
            if link.geometry is not None and link.geometry.intersects(area):
                _line(pdf, frame, link.geometry)
        pdf.set_dash_pattern()
        _selection(pdf, frame, data, spec)
        if spec.story_markers:
            markers = _story_markers(pdf, frame, data, area)
    obstacles = [_legend(pdf, frame, data, spec, shown), *_scale_and_north(pdf, frame), *markers]
    locator = None if overview_scale(data, spec) else _locator(pdf, data, frame, bounds)
    if locator is not None:
        obstacles.append(locator)
    placed, dropped = _labels(pdf, frame, map_labels(data, spec, pdf.tr.lang), obstacles, label_size)
    pdf.set_xy(x, y + h + 0.5)
    pdf.set_font("Sarabun", "", 6.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(w, 3, maps.short_attribution(data, tr), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*TEXT)
    pdf.set_font("Sarabun", "", 10)
    drawn = DrawnMap(pdf.page, (x, y, x + w, y + h), locator, placed, dropped)
    pdf.maps.append(drawn)
    return drawn


def _label_font(pdf: FPDF, label: Label, size: float) -> None:
    """Provinces in bold grey, a little larger; the selected pair's districts in bold."""
    if label.kind == "province":
        pdf.set_font("Sarabun", "B", size * 1.1)
    else:
        pdf.set_font("Sarabun", "B" if label.priority == SELECTED else "", size)


def _labels(pdf: BriefingPDF, frame: Frame, candidates, obstacles, size: float):
    """Place the view's names (render/labels.py) and set each with a white halo: the letters stroked in white,
    then filled on top, at the same spot. pdftotext reads the two as one word (it drops a glyph drawn again
    over itself), so a name is read, copied and searched once."""

    def measure(label: Label) -> tuple[float, float]:
        _label_font(pdf, label, size)
        em = pdf.font_size  # in mm
        return pdf.get_string_width(label.text), em * (ASCENT + DESCENT)

    x, y, w, h = frame.box
    placed, dropped = labels.place(candidates, frame.point, measure, (x, y, x + w, y + h), obstacles)
    for item in placed:
        _label_font(pdf, item.label, size)
        left, top = item.box[0], item.box[1]
        baseline = top + pdf.font_size * ASCENT
        colour = PROVINCE_TEXT if item.label.kind == "province" else LABEL_TEXT
        # In a saved graphics state: fpdf2 writes the text mode inside the text object and would not set it back
        # (a text mode outlives its text object), so every text after the first halo would be outlined only.
        with pdf.local_context():
            pdf.set_draw_color(255, 255, 255)
            # fpdf2 2.8 writes a stroked text's line width as given, in points, not in the page's unit (mm): the
            # halo is HALO_PT points wide. tests/unit/test_labels.py checks its pixels.
            pdf.set_line_width(HALO_PT)
            pdf.text_mode = "STROKE"
            pdf.text(left, baseline, item.label.text)
        pdf.set_text_color(*colour)
        pdf.text(left, baseline, item.label.text)
    pdf.set_text_color(*TEXT)
    pdf.set_line_width(0.2)
    pdf.set_font("Sarabun", "", 10)
    return placed, dropped


LOCATOR_SIZE = 0.13, 0.36  # at most this share of the map's width and of its height


def _locator(pdf: BriefingPDF, data: Dataset, frame: Frame, bounds) -> labels.Box:
    """A small map of the whole border in the top left corner, with the view's extent outlined: where the view
    sits. Returns its box (an obstacle for the labels)."""
    outline = border_outline(data)
    x, y, w, _h = frame.box
    if outline is None:
        return (x, y, x, y)
    west, south, east, north = outline.bounds
    k = math.cos(math.radians((south + north) / 2))
    aspect = (north - south) / ((east - west) * k)
    width = min(w * LOCATOR_SIZE[0], frame.box[3] * LOCATOR_SIZE[1] / aspect)
    height = width * aspect
    left, top = x + 2, y + 2
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(160, 160, 160)
    pdf.set_line_width(0.2)
    pdf.rect(left, top, width + 2, height + 2, style="DF")
    inset = Frame(outline.bounds, left + 1, top + 1, width, height)
    pdf.set_draw_color(150, 150, 150)
    pdf.set_fill_color(225, 228, 232)
    pdf.set_line_width(0.1)
    _polygon(pdf, inset, outline, "DF")
    vx0, vy0 = inset.point(bounds[0], bounds[3])
    vx1, vy1 = inset.point(bounds[2], bounds[1])
    # A view smaller than a glance can find is outlined at least 2 mm wide.
    cx, cy = (vx0 + vx1) / 2, (vy0 + vy1) / 2
    half_w, half_h = max((vx1 - vx0) / 2, 1), max((vy1 - vy0) / 2, 1)
    pdf.set_draw_color(*_rgb(maps.HIGHLIGHT))
    pdf.set_line_width(0.5)
    pdf.rect(cx - half_w, cy - half_h, 2 * half_w, 2 * half_h, style="D")
    pdf.set_line_width(0.2)
    return (left, top, left + width + 2, top + height + 2)


def _selection(pdf: FPDF, frame: Frame, data: Dataset, spec: MapSpec) -> None:
    if spec.province is not None and data.provinces is not None:
        outline = [
            f["geometry"]
            for f in maps.features(data).provinces
            if f["properties"]["province"] == maps._esc(spec.province.name)
            and f["properties"]["country"] == spec.province.country
        ]
        pdf.set_draw_color(34, 34, 34)
        pdf.set_line_width(0.6)
        pdf.set_dash_pattern(dash=0.6, gap=1.0)
        for geometry in outline:
            _polygon(pdf, frame, shapely.geometry.shape(geometry), "D")
        pdf.set_dash_pattern()
    if spec.pairs:
        chosen = data.links[data.links.pair_id.isin(spec.pairs)]
        pdf.set_draw_color(*_rgb(maps.HIGHLIGHT))
        pdf.set_line_width(0.8)
        for district in queries.districts_for_links(data, chosen).itertuples():
            if district.geometry is not None and district.geometry.geom_type != "Point":
                _polygon(pdf, frame, district.geometry, "D")
        for link in chosen.itertuples():
            if link.geometry is not None:
                _line(pdf, frame, link.geometry)


def _story_markers(pdf: FPDF, frame: Frame, data: Dataset, area) -> list[labels.Box]:
    boxes = []
    for feature in maps.features(data).stories:
        lon, lat = feature["geometry"]["coordinates"]
        if not area.contains(shapely.Point(lon, lat)):
            continue
        px, py = frame.point(lon, lat)
        pdf.set_fill_color(*_rgb(maps.STORY_COLOUR))
        pdf.set_draw_color(255, 255, 255)
        pdf.set_line_width(0.4)
        pdf.circle(px, py, 2.4, style="DF")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("Sarabun", "B", 7)
        pdf.set_xy(px - 2.4, py - 2.4)
        pdf.cell(4.8, 4.8, str(feature["properties"]["number"]), align="C")
        pdf.set_text_color(*TEXT)
        boxes.append((px - 2.6, py - 2.6, px + 2.6, py + 2.6))
    return boxes


def _legend(pdf: BriefingPDF, frame: Frame, data: Dataset, spec: MapSpec, shown) -> labels.Box:
    tr = pdf.tr
    x, y, _w, h = frame.box
    countries = ["THA"] + [c for c in ("LAO", "KHM") if c in set(shown.nb_country)]
    entries = [("fill", maps.COLOURS[c], tr(queries.COUNTRY_NAMES[c])) for c in countries]
    entries.append(("dash", maps.LINK_COLOUR, tr("Parallel-area link")))
    if spec.pairs:
        entries.append(("outline", maps.HIGHLIGHT, tr("Selected pair")))
    if spec.story_markers:
        entries.append(("dot", maps.STORY_COLOUR, tr("Model-area story")))
    pdf.set_font("Sarabun", "", 7)
    width = max(pdf.get_string_width(label) for _k, _c, label in entries) + 10
    height = 4 * len(entries) + 2
    left, top = x + 2, y + h - height - 2
    pdf.set_fill_color(255, 255, 255)
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.2)
    pdf.rect(left, top, width, height, style="DF")
    for i, (kind, colour, label) in enumerate(entries):
        cy = top + 1 + 4 * i + 2
        rgb = _rgb(colour)
        pdf.set_draw_color(*rgb)
        pdf.set_fill_color(*rgb)
        if kind == "fill":
            with pdf.local_context(fill_opacity=0.6):
                pdf.rect(left + 2, cy - 1.3, 4, 2.6, style="DF")
        elif kind == "dash":
            pdf.set_line_width(0.35)
            pdf.set_dash_pattern(dash=1.2, gap=0.8)
            pdf.line(left + 2, cy, left + 6, cy)
            pdf.set_dash_pattern()
        elif kind == "outline":
            pdf.set_line_width(0.6)
            pdf.rect(left + 2, cy - 1.3, 4, 2.6, style="D")
        else:
            pdf.circle(left + 4, cy, 1.4, style="F")
        pdf.set_xy(left + 7, cy - 2)
        pdf.cell(width - 8, 4, label)
    return (left, top, left + width, top + height)


def _scale_and_north(pdf: BriefingPDF, frame: Frame) -> tuple[labels.Box, labels.Box]:
    """The scale bar, bottom right, and the north arrow, top right; returns their boxes."""
    x, y, w, h = frame.box
    km = _nice(frame.km_per_mm() * w * 0.22)
    length = km / frame.km_per_mm()
    right, bottom = x + w - 4, y + h - 4
    pdf.set_draw_color(34, 34, 34)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_line_width(0.3)
    pdf.rect(right - length - 2, bottom - 7, length + 4, 8, style="F")
    pdf.line(right - length, bottom - 1.5, right, bottom - 1.5)
    for tick in (right - length, right):
        pdf.line(tick, bottom - 3, tick, bottom - 1.5)
    pdf.set_font("Sarabun", "", 7)
    pdf.set_xy(right - length, bottom - 7)
    pdf.cell(length, 4, pdf.tr("{km} km", km=pdf.tr.number(km)), align="C")
    # North arrow, top right: the map's north is up (equirectangular, no rotation). Its letter is "N" in both
    # languages, the international symbol Thai maps and atlases print on their north arrows; a lone "น" is no
    # abbreviation a Thai reader knows for ทิศเหนือ (น. reads as นาฬิกา). docs/glossary-th.md.
    nx, ny = x + w - 8, y + 5
    pdf.set_fill_color(34, 34, 34)
    pdf.polygon([(nx, ny), (nx - 2.2, ny + 6), (nx, ny + 4.6), (nx + 2.2, ny + 6)], style="F")
    pdf.set_font("Sarabun", "B", 8)
    pdf.set_xy(nx - 3, ny + 6.2)
    pdf.cell(6, 4, "N", align="C")
    pdf.set_font("Sarabun", "", 10)
    return (right - length - 2, bottom - 7, right + 2, bottom + 1), (nx - 3, ny, nx + 3, ny + 10.2)


# --- pages -----------------------------------------------------------------------------------------------


def named_values(pdf: BriefingPDF, pairs, size: float = 9, line: float = 5) -> None:
    """Label and value rows (a figure's note, when it has one, in small grey print beneath its value)."""
    for label, value, note in pairs:
        pdf.set_font("Sarabun", "", size)
        pdf.cell(60, line, label)
        pdf.set_font("Sarabun", "B", size)
        pdf.multi_cell(0, line, value, new_x="LMARGIN", new_y="NEXT")
        if note:
            pdf.set_x(MARGIN + 60)
            pdf.set_font("Sarabun", "", size - 2)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(0, (size - 2) * 0.45, note, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(*TEXT)
    pdf.set_font("Sarabun", "", 10)


def fact_grid(pdf: BriefingPDF, facts, size: float = 9, line: float = 5) -> None:
    """A pair's facts two to a row: a pair's page also tells its story, and all of it goes on one sheet."""
    half = pdf.epw / 2
    for start in range(0, len(facts), 2):
        top = pdf.get_y()
        bottom = top
        for column, (label, value) in enumerate(facts[start : start + 2]):
            pdf.set_xy(MARGIN + column * half, top)
            pdf.set_font("Sarabun", "", size)
            pdf.cell(half * 0.55, line, label)
            pdf.set_font("Sarabun", "B", size)
            pdf.multi_cell(half * 0.45 - 2, line, value, new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, pdf.get_y())
        pdf.set_xy(MARGIN, bottom)
    pdf.set_font("Sarabun", "", 10)


def briefing_page(
    pdf: BriefingPDF, data: Dataset, brief: Briefing, section: str | None = None, new_page: bool = True
) -> None:
    """The briefing's fields in the HTML panel's order (export_html.panel_html), laid out for A4; on the page
    begun already when not `new_page` (the booklet's overview, after the contents' placeholder)."""
    tr = pdf.tr
    if new_page:
        pdf.add_page()
    if section:
        pdf.start_section(section)
    pdf.heading(brief.title)
    pdf.paragraph(brief.subtitle, 10, GREY)
    pdf.paragraph(tr("Briefing generated {date} by border_map.", date=brief.generated), 8, GREY)
    top = pdf.get_y() + 2
    height = STORY_MAP_HEIGHT if brief.story else MAP_HEIGHT
    draw_map(pdf, data, brief.map, MARGIN, top, pdf.epw, height)
    pdf.set_y(top + height + 8)
    if brief.figures:
        named_values(pdf, ((f.label, f.value, f.note) for f in brief.figures))
    if brief.pair:
        fact_grid(pdf, brief.pair.facts)
    # A view that tells its story names it at the head of the story, where a list of its one story would stand.
    listed = brief.stories if brief.view.kind != "story" else ()
    if brief.story:
        pdf.section(tr("Model-area story"))
        if listed:
            pdf.set_font("Sarabun", "B", 9.5)
            pdf.multi_cell(0, 4.75, " · ".join(label for _sid, label in listed), new_x="LMARGIN", new_y="NEXT")
        pdf.paragraph(brief.story.summary, 9.5)
        if brief.story.figures:
            pdf.section(tr("Key figures"))
            pdf.bullets(brief.story.figures, 9.5)
        if brief.story.dates:
            pdf.section(tr("Dates"))
            pdf.bullets(brief.story.dates, 9.5)
    table = brief.table
    if table.rows:
        pdf.section(table.heading)
        pdf.set_font("Sarabun", "", 8)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_draw_color(200, 200, 200)
        pdf.set_line_width(0.2)
        with pdf.table(
            col_widths=TABLE_COLUMNS,
            text_align=tuple("RIGHT" if numeric else "LEFT" for numeric in table.numeric),
            v_align="TOP",  # a row reads from its first line, as its pair id does
            line_height=4.2,
            first_row_as_headings=True,
            headings_style=FontFace(emphasis="BOLD", fill_color=(236, 240, 243)),
            borders_layout="HORIZONTAL_LINES",
        ) as rows:
            rows.row(table.columns)
            for row in table.rows:
                rows.row(row.cells)
        pdf.set_font("Sarabun", "", 10)
    if listed and not brief.story:
        pdf.section(tr("Model-area stories"))
        pdf.bullets([label for _sid, label in listed], 9)
    if brief.findings:
        pdf.section(tr("Findings"))
        pdf.bullets([f.text for f in brief.findings], 9)
    pdf.section(tr("Sources and licences"), room=30)
    # Each layer and its licence here; the attributions are under the map and in full on the booklet's last page.
    sources = source_labels(brief.sources)
    sources.append(tr("Pairs table and programme facts: DOPA, NTS-Mekong Watch project text."))
    pdf.paragraph(" · ".join(sources), 6.5, GREY)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """One line: the text, or as many of its words as fit and "…" (a word is cut only if the first is too long)."""
    if pdf.get_string_width(text) <= width:
        return text
    kept = ""
    for unit in linebreak.units(text):
        if pdf.get_string_width((kept + unit).rstrip() + "…") > width:
            break
        kept += unit
    if not kept.strip():
        kept = text
        while kept and pdf.get_string_width(kept + "…") > width:
            kept = kept[:-1]
    return kept.rstrip() + "…"


def _contents(pdf: FPDF, outline) -> None:
    pdf.set_xy(MARGIN, MARGIN)
    pdf.set_font("Sarabun", "B", 16)
    pdf.cell(0, 10, pdf.tr("Contents"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Sarabun", "", 9)
    for entry in outline:
        pdf.cell(pdf.epw - 15, 4.6, _fit(pdf, entry.name, pdf.epw - 18))
        pdf.cell(15, 4.6, str(entry.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


def booklet(pdf: BriefingPDF, data: Dataset, lang: str, today: date) -> None:
    tr = pdf.tr
    overview = build_briefing(data, ExportView("overview"), lang, today)
    pdf.add_page()
    pdf.ln(40)
    pdf.heading(overview.title, 26)
    pdf.paragraph(overview.subtitle, 12, GREY)
    pdf.ln(6)
    named_values(pdf, ((f.label, f.value, f.note) for f in overview.figures), size=12, line=8)
    pdf.ln(6)
    pdf.paragraph(tr("Briefing generated {date} by border_map.", date=overview.generated), 10, GREY)
    pdf.add_page()
    entries = 3 + sum(v.kind in ("province", "story") for v in all_views(data, lang))  # + overview, findings, sources
    pages = max(1, math.ceil(entries / CONTENTS_PER_PAGE))
    pdf.insert_toc_placeholder(_contents, pages=pages)  # the contents' pages, then a new page begun
    briefing_page(pdf, data, overview, section=tr("Overview"), new_page=False)
    for view in all_views(data, lang):
        if view.kind in ("province", "story"):
            brief = build_briefing(data, view, lang, today)
            briefing_page(pdf, data, brief, section=brief.title)
    pdf.add_page()
    pdf.start_section(tr("Findings"))
    pdf.heading(tr("Findings"))
    pdf.bullets([describe(f, tr, data) for f in data.findings], 9)
    pdf.add_page()
    pdf.start_section(tr("Sources and licences"))
    pdf.heading(tr("Sources and licences"))
    pdf.bullets(source_lines(overview.sources), 9)


def pdf_bytes(data: Dataset, view: ExportView, lang: str, today: date | None = None) -> bytes:
    today = today or date.today()
    pdf = BriefingPDF(lang)
    if view.kind == "booklet":
        booklet(pdf, data, lang, today)
    else:
        briefing_page(pdf, data, build_briefing(data, view, lang, today))
    return bytes(pdf.output())
