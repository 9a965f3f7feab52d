"""Maps that read without hovering: the names a map shows (model/labels.py), where they go (render/labels.py),
and the printed maps that carry them, with their locator inset and their shapes' holes.

The placement is checked on tiny hand-made boxes; the one-pagers are read back with poppler (`pdftotext
-bbox` for the words inside the map's frame, `pdftoppm` for pixels).
"""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
import shapely
from PIL import Image

from border_map.model import queries
from border_map.model.briefing import MapSpec, build_briefing, parse_view
from border_map.model.labels import SELECTED, Label, map_labels
from border_map.model.localnames import place_names
from border_map.render import labels
from border_map.render.export_pdf import BriefingPDF, Frame, _polygon, briefing_page
from tests.support.pdf import plain, poppler, word_boxes

MM = 72 / 25.4  # points per millimetre


def label(text: str, x: float, y: float, priority: int = 5) -> Label:
    return Label(text, x, y, "district", priority, text, "THA")


def flat(lon: float, lat: float) -> tuple[float, float]:
    return lon, lat


def sized(width: float, height: float = 2.0):
    return lambda _label: (width, height)


# --- placement on hand-made boxes ---------------------------------------------------------------------------


def test_two_names_on_one_spot_keep_the_more_important_and_move_or_drop_the_other():
    """The frame leaves no room beside the anchor: the second name finds none and is dropped, whatever the order
    the candidates come in."""
    frame = (0.0, 0.0, 12.0, 3.0)
    first, second = label("Chiang Khan", 6, 1.5, priority=SELECTED), label("Pak Chom", 6, 1.5, priority=4)
    for order in ([first, second], [second, first]):
        placed, dropped = labels.place(order, flat, sized(10), frame, gap=0.2)
        assert [p.label for p in placed] == [first]
        assert dropped == [second]


def test_a_name_moves_off_its_anchor_when_the_spot_is_taken():
    frame = (0.0, 0.0, 40.0, 40.0)
    a, b = label("A", 20, 20, priority=0), label("B", 20, 20, priority=1)
    placed, dropped = labels.place([a, b], flat, sized(8), frame, gap=0.2)
    assert not dropped
    boxes = [p.box for p in placed]
    assert boxes[0] == (16.0, 19.0, 24.0, 21.0)  # the more important name sits on its anchor
    assert not labels.overlaps(boxes[0], boxes[1])


def test_names_keep_inside_the_frame_and_off_the_obstacles():
    frame = (0.0, 0.0, 30.0, 20.0)
    legend = (0.0, 12.0, 12.0, 20.0)
    near_edge, under_legend = label("Edge", 29, 10), label("Legend", 5, 16)
    placed, dropped = labels.place([near_edge, under_legend], flat, sized(10), frame, [legend], gap=0.3)
    for item in placed:
        assert labels.within(item.box, frame)
        assert not labels.overlaps(item.box, legend)
    edge = next(p for p in placed if p.label is near_edge)
    assert edge.box[2] <= 30 - 0.3  # moved left of its anchor, not cut by the frame
    # Under the legend the name moves above it, or is dropped: never drawn over it.
    assert under_legend in dropped or next(p for p in placed if p.label is under_legend).box[3] <= 12 - 0.3


def test_placement_is_deterministic_and_never_overlaps():
    frame = (0.0, 0.0, 60.0, 40.0)
    crowd = [label(f"N{i}", 10 + (i * 7) % 40, 8 + (i * 5) % 25, priority=i % 3) for i in range(40)]
    runs = [labels.place(crowd, flat, sized(9, 2.5), frame) for _ in range(2)]
    assert runs[0] == runs[1]
    placed, dropped = runs[0]
    assert placed
    assert dropped
    assert len(placed) + len(dropped) == len(crowd)
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not labels.overlaps(a.box, b.box)
    # Dropping goes by priority: no dropped name is more important than every placed one.
    assert min(p.label.priority for p in placed) <= min(d.priority for d in dropped)


# --- shapes as they are ---------------------------------------------------------------------------------------


def test_a_polygon_with_a_hole_is_drawn_with_its_hole(tmp_path):
    """A square with a square hole, filled: the hole's middle stays the page's white, the ring is filled. Its
    hole runs the same way as its outer ring, which a non-zero fill would fill: even-odd leaves it open."""
    outer = [(0, 0), (10, 0), (10, 10), (0, 10)]
    hole = [(3, 3), (7, 3), (7, 7), (3, 7)]
    shape = shapely.Polygon(outer, [hole])
    pdf = BriefingPDF("en", page=(40, 40), numbered=False)
    pdf.add_page()
    pdf.set_fill_color(0, 0, 255)
    pdf.set_draw_color(0, 0, 255)
    _polygon(pdf, Frame((0, 0, 10, 10), 5, 5, 30, 30), shape, "DF")
    path = tmp_path / "hole.pdf"
    pdf.output(str(path))
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "72", "-singlefile", str(path), str(tmp_path / "hole")], check=True
    )
    image = Image.open(tmp_path / "hole.png").convert("RGB")
    scale = image.width / 40  # pixels per millimetre
    at = lambda x, y: image.getpixel((int(x * scale), int(y * scale)))  # noqa: E731
    assert at(20, 20) == (255, 255, 255)  # the hole's middle
    ring = at(8, 20)  # the ring, filled blue
    assert ring[2] > 200
    assert ring[0] < 60


# --- the printed one-pagers -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_pagers(real_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("labelled")
    made = {}
    for typed in ("province:Sa Kaeo", "province:Loei", "overview"):
        for lang in ("en", "th"):
            pdf = BriefingPDF(lang)
            brief = build_briefing(real_data, parse_view(typed, real_data), lang, date(2026, 11, 23))
            briefing_page(pdf, real_data, brief)
            path = out / f"{typed.replace(':', '-')}-{lang}.pdf"
            pdf.output(str(path))
            made[typed, lang] = (path, pdf.maps[0], brief)
    return made


def in_frame(path, frame):
    left, top, right, bottom = (v * MM for v in frame)
    inside, crossing = [], []
    for box in word_boxes(path):
        x0, y0, x1, y1, _text = box
        if x0 >= left and x1 <= right and y0 >= top and y1 <= bottom:
            inside.append(box)
        elif x0 < right and x1 > left and y0 < bottom and y1 > top:
            crossing.append(box)
    return inside, crossing


def lines_of(boxes) -> list[str]:
    """The words of a frame as lines (by the middle of their height), left to right, `plain`."""
    rows: list[list] = []
    for box in sorted(boxes, key=lambda b: (b[1] + b[3]) / 2):
        middle = (box[1] + box[3]) / 2
        if rows and abs(middle - (rows[-1][0][1] + rows[-1][0][3]) / 2) < 1.5:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [plain("".join(b[4] for b in sorted(row))) for row in rows]


@pytest.mark.real
@pytest.mark.parametrize("province", ["Sa Kaeo", "Loei"])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_province_map_names_both_sides_of_every_pair(real_data, one_pagers, province, lang):
    path, drawn, _brief = one_pagers[f"province:{province}", lang]
    inside, crossing = in_frame(path, drawn.frame)
    assert not crossing, f"words cut by the frame: {crossing}"
    lines = lines_of(inside)
    names = place_names(real_data, lang)
    links = queries.links_for_province(real_data, "THA", province)
    expected = {names.district("THA", link.thai_province, link.thai_district) for link in links.itertuples()}
    expected |= {names.district(link.nb_country, link.nb_province, link.nb_district) for link in links.itertuples()}
    missing = [name for name in expected if not any(plain(name) in line for line in lines)]
    assert not missing, f"not named inside the map: {missing}"
    if lang == "th":
        assert any("\u0e00" <= c <= "\u0e7f" for line in lines for c in line)


@pytest.mark.real
@pytest.mark.parametrize("view", ["province:Sa Kaeo", "province:Loei", "overview"])
@pytest.mark.parametrize("lang", ["en", "th"])
def test_no_two_words_inside_a_map_overlap(one_pagers, view, lang):
    path, drawn, _brief = one_pagers[view, lang]
    inside, crossing = in_frame(path, drawn.frame)
    assert not crossing
    slack = 0.3  # points: a word's box as pdftotext reads it may touch its neighbour's
    for i, a in enumerate(inside):
        for b in inside[i + 1 :]:
            assert not (a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack), (
                f"{a} overlaps {b}"
            )


def is_orange(pixel) -> bool:
    """maps.HIGHLIGHT, #D55E00, as rendered."""
    return pixel[0] > 180 and 60 < pixel[1] < 130 and pixel[2] < 60


@pytest.mark.real
def test_a_province_map_has_its_locator_and_the_overview_none(one_pagers, tmp_path):
    path, drawn, _brief = one_pagers["province:Loei", "en"]
    assert drawn.locator is not None
    assert labels.within(drawn.locator, drawn.frame)
    for item in drawn.placed:
        assert not labels.overlaps(item.box, drawn.locator)
    # The view's extent is outlined in the inset, in the selection's orange.
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "100", "-singlefile", str(path), str(tmp_path / "page")], check=True
    )
    image = Image.open(tmp_path / "page.png").convert("RGB")
    scale = image.width / 210
    left, top, right, bottom = (int(v * scale) for v in drawn.locator)
    orange = [(x, y) for x in range(left, right) for y in range(top, bottom) if is_orange(image.getpixel((x, y)))]
    assert len(orange) > 10
    assert one_pagers["overview", "en"][1].locator is None


@pytest.mark.real
def test_labels_are_made_once_per_view_and_language(real_data):
    spec = MapSpec(border="both", story_markers=True, pairs=("08-1",), fit=[[17.0, 101.0], [18.5, 102.5]])
    first = map_labels(real_data, spec, "th")
    assert map_labels(real_data, MapSpec(**vars(spec)), "th") is first
    assert first[0].priority == SELECTED
    assert {label.ref for label in first[:2]} == set(
        real_data.links.loc[real_data.links.pair_id == "08-1", ["thai_feature_id", "nb_feature_id"]].iloc[0]
    )
    assert len({label.ref for label in first}) == len(first)
