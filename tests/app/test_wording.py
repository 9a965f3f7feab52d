"""AppTest of issue 24's wording on the pages: the overview's budget line, the level-titled province in Explore's
messages, the workshop's dates, the funders and the sources in Thai. On the packaged points build (`points`):
the same table, findings and names as a real build."""

from __future__ import annotations

import re

import pytest

from tests.app.test_pages import run, texts
from tests.support.app import app_figures, unescaped

pytestmark = pytest.mark.usefixtures("points")


@pytest.mark.parametrize(
    ("lang", "label", "per", "stated", "finding"),
    [
        ("en", "Budget per district", "80,000 THB", "44 target districts", "district count"),
        ("th", "งบประมาณต่ออำเภอ", "80,000 บาท", "อำเภอเป้าหมาย 44 อำเภอ", "จำนวนอำเภอ"),
    ],
)
def test_the_overviews_budget_line_states_44_districts_and_the_tables_43(lang, label, per, stated, finding):
    at = run(params={"lang": lang})
    shown = {f["label"]: f for f in app_figures(at)}
    budget = shown[label]
    assert budget["value"] == per
    assert stated in budget["help"]
    assert "3,520,000" in budget["help"]
    assert re.search(r"\b43\b", budget["help"])
    assert finding in budget["help"]
    assert not any("3,440,000" in f"{f['value']} {f['help']}" for f in shown.values())


def test_a_pair_outside_the_province_is_said_with_the_provinces_level_word():
    at = run("pages/explore.py", params={"lang": "th", "province": "Loei", "pair": "34-1"})
    said = [unescaped(i.body) for i in at.info]
    assert any("ไม่อยู่ในจังหวัดเลย" in body for body in said), said
    assert not any("ไม่อยู่ในพื้นที่ เลย" in body for body in said)


def test_a_province_off_the_border_is_said_with_its_level_word():
    at = run("pages/explore.py", params={"lang": "th", "province": "Loei", "border": "cambodia"})
    said = [unescaped(i.body) for i in at.info]
    assert any(body.startswith("จังหวัดเลย ไม่มีคู่พื้นที่") for body in said), said


@pytest.mark.parametrize(
    ("lang", "workshop", "period"),
    [("en", "workshop", "9–11 September 2024"), ("th", "การสัมมนาเชิงปฏิบัติการ", "9–11 กันยายน 2567")],
)
def test_the_workshops_dates_are_one_span(lang, workshop, period):
    at = run("pages/stories.py", params={"lang": lang, "story": "pong-nam-ron-labour"})
    caption = at.caption[0].value
    assert workshop in caption, caption
    assert period in caption, caption
    assert "ถึง" not in caption
    shown = texts(at)
    if lang == "th":
        assert "ลำดับเหตุการณ์" in shown
        assert "วันสำคัญ" not in shown


def test_the_data_page_names_funders_and_sources_in_thai():
    at = run("pages/data.py", params={"lang": "th"})
    shown = texts(at)
    assert "กองทุนความร่วมมือแม่โขง–สาธารณรัฐเกาหลี" in shown
    assert "สถาบันแม่โขง" in shown
    assert "Mekong-ROK" not in shown
    assert "Mekong Institute" not in shown
    layers = next(frame.value for frame in at.dataframe if "การอ้างอิง" in frame.value.columns)
    assert layers["การอ้างอิง"].str.contains("กรมแผนที่ทหาร").any()
    assert not layers["การอ้างอิง"].str.contains("Royal Thai Survey Department").any()
    assert set(layers["ประเทศ"]) == {"ไทย", "สปป.ลาว", "กัมพูชา"}
