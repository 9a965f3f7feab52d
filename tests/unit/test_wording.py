"""Issue 24's wording: figures as the programme text states them with the table's beside them, funders, sources and
stories in Thai sentences, and the messages a DOPA official read as wrong. On the packaged points build (the same
table, findings and names as a real build)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser

import pytest

from border_map.i18n import translator
from border_map.model import programme
from border_map.model.briefing import ExportView, briefing, build_briefing, parse_view, story_text
from border_map.model.deck import slides
from border_map.model.findings_text import describe
from border_map.paths import FACTS_JSON
from border_map.pipeline.findings import numbering_findings
from border_map.render import maps
from border_map.render.export_html import panel_html
from tests.support.data import ROOT
from tests.unit.test_findings import rows_from

TODAY = date(2026, 11, 23)
SEEDS = ROOT.parent / "shared" / "seeds"


INLINE = {"span", "wbr", "a", "b", "strong", "em", "i"}


class Text(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._boundary(tag)

    def handle_endtag(self, tag):
        self._boundary(tag)

    def _boundary(self, tag):
        """A block ends a word; an inline element does not (the exports keep each Thai word in a span, with <wbr>
        between: render/linebreak.py)."""
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def figures(data, lang: str, border: str = "both") -> dict:
    return {f.key: f for f in briefing(data, ExportView("overview", border=border), lang).figures}


# --- figures as stated -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "per", "stated", "total", "finding"),
    [
        ("en", "80,000 THB", "44 target districts", "3,520,000 THB", "“district count”"),
        ("th", "80,000 บาท", "อำเภอเป้าหมาย 44 อำเภอ", "3,520,000 บาท", "“จำนวนอำเภอ”"),
    ],
)
def test_the_budget_line_states_the_programme_text_and_the_tables_count_beside_it(
    embedded, lang, per, stated, total, finding
):
    """The source: 80,000 THB for each of 44 target districts; the table lists 43 (the build's district_count
    finding, named). A total is the text's own 44 × 80,000, never the table's 43 × 80,000 = 3,440,000."""
    budget = figures(embedded, lang)["budget"]
    line = f"{budget.label} {budget.value} {budget.note}"
    assert budget.value == per
    assert stated in line
    assert total in line
    assert "44 × 80,000" in line
    assert re.search(r"\b43\b", budget.note), budget.note
    assert finding in budget.note, budget.note
    assert "3,440,000" not in line
    districts = figures(embedded, lang)["thai_districts"]
    assert "43" in districts.value, districts.value  # side by side, in place
    assert "44" in districts.value, districts.value
    assert finding in districts.note


def test_under_a_border_filter_the_stated_figure_says_it_is_both_borders(embedded):
    shown = figures(embedded, "en", "KHM")
    assert shown["thai_districts"].value == "11 (stated: 44 on both borders)"
    assert "43" in shown["budget"].note
    assert "44 target districts" in shown["budget"].note


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_exported_overview_and_the_decks_title_slide_say_both_figures(embedded, lang):
    brief = build_briefing(embedded, ExportView("overview"), lang, TODAY)
    text = Text(panel_html(brief)).text
    for expected in ("44", "80,000", "3,520,000", "43"):
        assert expected in text
    assert "3,440,000" not in text
    title = slides(embedded, lang)[0]
    assert title.kind == "title"
    said = " ".join([*title.points, *(f"{f.label}: {f.value}" for f in title.figures)])
    assert "44" in said
    assert "43" in said
    assert "3,440,000" not in said
    # The finding is said on the slide itself: a slide shows no notes.
    assert any("44" in point and "43" in point for point in title.points)


# --- funders, sources and licences in Thai --------------------------------------------------------------------


def test_thai_briefings_and_the_deck_give_the_sources_in_thai(embedded):
    brief = briefing(embedded, ExportView("overview"), "th")
    lines = [attribution for _layer, _licence, attribution in brief.sources]
    assert any("กรมแผนที่ทหาร" in line for line in lines)
    assert not any("Royal Thai Survey Department" in line or "Thailand districts" in line for line in lines)
    # Licence names stay as they are, so a reader can look them up.
    assert all(licence in line for _layer, licence, line in brief.sources)
    closing = slides(embedded, "th")[-1]
    assert closing.subtitle == "ขอขอบคุณ"
    assert not any("Survey Department" in point or "contributors (ODbL" in point for point in closing.points)
    assert "กรมแผนที่ทหาร" in maps.short_attribution(embedded, translator("th"))
    english = briefing(embedded, ExportView("overview"), "en").sources
    assert english[0][2].startswith("Thailand districts: Royal Thai Survey Department")


def test_a_thai_source_line_is_only_used_for_the_english_line_it_translates():
    source = {"id": "tha-adm2", "attribution": "Another version's attribution"}
    assert programme.source_text(source, "attribution", "th") == "Another version's attribution"


def test_the_funders_are_named_in_thai():
    facts = programme.facts()
    for key, thai in (
        ("funder", "กองทุนความร่วมมือแม่โขง–สาธารณรัฐเกาหลี"),
        ("fund_manager", "สถาบันแม่โขง"),
        ("proposed_by", "กรมการปกครอง"),
    ):
        assert thai in programme.localised(facts, key, "th")
        assert programme.localised(facts, key, "en") == facts[key]
    assert FACTS_JSON.is_file()


# --- messages ------------------------------------------------------------------------------------------------


def test_a_storys_dates_are_a_chronology_not_holidays(embedded):
    brief = build_briefing(embedded, parse_view("story:pong-nam-ron-labour", embedded), "th", TODAY)
    text = Text(panel_html(brief)).text
    assert "ลำดับเหตุการณ์" in text
    assert "วันสำคัญ" not in text


def test_a_province_count_names_the_province_with_its_level_word(embedded):
    brief = briefing(embedded, parse_view("province:Loei", embedded), "th")
    assert re.fullmatch(r"จังหวัดเลย มีคู่พื้นที่ \d+ คู่", brief.subtitle), brief.subtitle
    lao = briefing(embedded, parse_view("province:LAO:Bokeo", embedded), "th")
    assert lao.subtitle.startswith("แขวงบ่อแก้ว มีคู่พื้นที่"), lao.subtitle


def test_the_numbering_finding_reads_as_official_thai(embedded):
    (gap,) = [f for f in embedded.findings if f["kind"] == "numbering"]
    assert describe(gap, translator("th"), embedded) == (
        "ตารางข้ามลำดับที่ 33: แถวในตารางเรียงตั้งแต่ลำดับที่ 1 ถึง 44 โดยขาดไป 1 ลำดับ"
    )


def test_a_district_and_its_province_have_no_parentheses_in_a_thai_finding(embedded):
    finding = {
        "kind": "unlisted_neighbour",
        "template": "{district} ({province}) also borders {names}, which the table does not list as its parallel area.",
        "values": {"district": "Thoeng", "province": "Chiang Rai", "names": "Paktha (Bokeo)"},
        "places": {
            "district": ["district", "THA", "Chiang Rai", "Thoeng"],
            "province": ["province", "THA", "Chiang Rai"],
        },
    }
    text = describe(finding, translator("th"), embedded)
    assert text.startswith("อำเภอเทิง จังหวัดเชียงราย มีแนวเขตติดกับ"), text
    assert "(จังหวัดเชียงราย)" not in text


def test_districts_sharing_a_number_are_listed_with_the_languages_and(embedded):
    rows = rows_from([(1, "Loei", "Chiang Khan"), (1, "Loei", "Pak Chom"), (2, "Nan", "Song Khwae")])
    (same,) = [f.as_dict() for f in numbering_findings(rows)]
    english = describe(same, translator("en"), embedded)
    assert english == same["message"]
    assert english == "Number 1 is used for different Thai districts: Chiang Khan (Loei) and Pak Chom (Loei)."
    thai = describe(same, translator("th"), embedded)
    assert " and " not in thai, thai
    assert "อำเภอเชียงคาน จังหวัดเลย และอำเภอปากชม จังหวัดเลย" in thai, thai


def test_lists_are_joined_as_each_language_writes_them():
    assert translator("en").and_list(["A", "B", "C"]) == "A, B and C"
    assert translator("th").and_list(["ก", "ข", "ค"]) == "ก ข และค"
    assert translator("th").and_list(["ก"]) == "ก"


def test_the_north_arrow_says_n_in_both_languages(embedded, tmp_path):
    """A lone "น" is no abbreviation for ทิศเหนือ; Thai maps print N."""
    from border_map.render.export_pdf import pdf_bytes

    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed (scripts/test.sh installs poppler-utils)")
    path = tmp_path / "pair.pdf"
    path.write_bytes(pdf_bytes(embedded, ExportView("pair", "36-1"), "th", TODAY))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "N" in text.split()  # a word of its own: the arrow's letter (pdftotext splits Thai marks off words)


# --- stories -------------------------------------------------------------------------------------------------


def story(story_id: str) -> dict:
    return next(s for s in programme.stories() if s["id"] == story_id)


def test_thoengs_parallel_area_is_ban_chiang_tong_in_khop():
    """Seed: "the parallel area of Chiang Tong Village, Kob District, Lao PDR"."""
    thoeng = story("thoeng-environment")
    assert "บ้านเชียงตอง เมืองคอบ" in thoeng["summary_th"]
    assert "Chiang Tong village in Khop district" in thoeng["summary"]
    assert "เมืองคอบ" in " ".join(thoeng["points_th"])


def test_chiang_khans_point_is_continuous_coordination():
    """Seed: "has led to continuous coordination on various issues that extend beyond borders"."""
    chiang_khan = story("chiang-khan-security")
    assert "ประสานงานกันอย่างต่อเนื่อง" in chiang_khan["summary_th"]
    assert "coordinate continuously" in chiang_khan["summary"]
    for text in (chiang_khan["summary_th"], *chiang_khan["points_th"]):
        assert "รวดเร็ว" not in text
        assert "เร็ว" not in text
    for text in (chiang_khan["summary"], *chiang_khan["points"]):
        assert "quickly" not in text
        assert "fast" not in text


def test_pong_nam_rons_legal_basis_reads_as_official_thai():
    told = story_text(story("pong-nam-ron-labour"), translator("th"))
    law = told.dates[0]
    assert law == (
        "2560: พระราชกำหนดการบริหารจัดการการทำงานของคนต่างด้าว พ.ศ. 2560 มาตรา 64 ซึ่งอำเภอโป่งน้ำร้อนใช้เป็นหลักในการดำเนินการ"
    )
    assert "ฐาน" not in " ".join(told.dates + told.figures)


def test_the_workshop_is_a_seminar_in_thai():
    assert "การสัมมนาเชิงปฏิบัติการ" in story("sangkhom-education")["summary_th"]


def thai_fields(item) -> list[str]:
    """Every string under a `_th` key, however deep."""
    if isinstance(item, dict):
        return [t for key, value in item.items() for t in (_all(value) if key.endswith("_th") else thai_fields(value))]
    if isinstance(item, list):
        return [t for value in item for t in thai_fields(value)]
    return []


def _all(value) -> list[str]:
    return [value] if isinstance(value, str) else [t for v in value for t in _all(v)] if isinstance(value, list) else []


# Latin the Thai stories may keep: a measure's name and a unit, a project's own name in parentheses.
ALLOWED_LATIN = {"PM2.5"}


@pytest.mark.parametrize("story_id", [s["id"] for s in programme.stories()])
def test_a_storys_thai_keeps_the_seeds_facts_and_no_latin_outside_parentheses(story_id):
    """Every number in a story's Thai is one the seed states (a Buddhist-era year as its Common Era year), and no
    Latin word stands outside parentheses beyond a short allow-list."""
    seed = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))) if SEEDS.is_dir() else ""
    stated = {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", seed)}
    for text in thai_fields(story(story_id)):
        if stated:
            for number in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
                value = number.replace(",", "")
                as_ce = str(int(value) - 543) if value.isdigit() and 2500 < int(value) < 2600 else value
                assert value in stated or as_ce in stated, (story_id, number, text)
        outside = re.sub(r"\([^)]*\)", "", text)
        latin = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9.\-]*", outside) if w not in ALLOWED_LATIN]
        assert not latin, (story_id, latin, text)
