"""AppTest of the upload on the Data & sources page: a revised table (the packaged one with two rows changed, as an
XLSX written here) is checked in a child process against the real boundaries and shown to its viewer only:
validation, unmatched names with the closest ones, differences, the preview map and the briefing downloads; a
bad file gets a message naming it; another session meanwhile sees the served build."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from border_map.model.revision import differences
from tests.support.app import component_data, unescaped
from tests.support.data import ROOT
from tests.support.sheets import xlsx_bytes
from tests.unit.test_table_formats import as_sheet, packaged_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def revised_rows() -> list[list[str]]:
    """The packaged table with two rows changed: pair 02's town renamed to a name no boundary has (a pair removed
    and one added, unmatched), and line 10's Lao province (Vientiane) given as another (a pair changed)."""
    rows = packaged_rows()
    rows[3][5] = "Huayxai"
    assert rows[9][3] == "LAO"
    rows[9][4] = "Champasak"
    return rows


@pytest.fixture
def checked_against(boundaries, monkeypatch, sources_dir):
    """The served build is the real one; the check reads the same fetched layers."""
    monkeypatch.setenv("BORDER_MAP_GEODATA", str(sources_dir))


def data_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def upload(at: AppTest, name: str, content: bytes, mime: str) -> AppTest:
    at.file_uploader(key="bm_upload_file").set_value((name, content, mime)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "text", "subheader") for e in getattr(at, kind)]
    parts += [e.body for kind in ("success", "error", "info") for e in getattr(at, kind)]
    return "\n".join(unescaped(str(p)) for p in parts)


def frame(at: AppTest, key: str):
    return next(e.value for e in at.dataframe if e.proto.id.endswith(key) or key in str(e.proto.id))


@pytest.mark.real
def test_a_revised_workbook_is_checked_for_its_viewer_only(checked_against):
    at = upload(data_page(), "pairs-2025.xlsx", xlsx_bytes({"Pairs": as_sheet(revised_rows())}), XLSX)
    said = texts(at)
    assert "pairs-2025.xlsx read as XLSX, sheet 'Pairs', the project's column names: 45 of 46 pairs" in said
    # validation by row: the Lao province that does not hold the town
    assert "row 10: Pair 08-1: the table puts Sanakham in Champasak" in said, said
    # the name no boundary knows, with the closest one of its province first
    unmatched = next(e.value for e in at.dataframe if "Name in the file" in e.value.columns)
    assert list(unmatched["Name in the file"]) == ["Huayxai"]
    assert unmatched["Where"][0] == "row 4"
    assert unmatched["Closest names in the boundary data"][0].startswith("Huoixai (Bokeo,")
    # differences: one pair added, one removed, one changed field
    assert "added 1, removed 1, changed 1" in said
    changed = next(e.value for e in at.dataframe if "Field" in e.value.columns)
    assert changed.to_dict("records") == [
        {
            "Pair": "08-1",
            "Thai district": changed["Thai district"][0],
            "Parallel area": changed["Parallel area"][0],
            "Field": "Neighbouring province",
            "Served": packaged_rows()[9][4],
            "Revised": "Champasak",
        }
    ]
    # the preview map, of the revised build, the changed pairs highlighted
    maps = [e for e in at.get("bidi_component") if e.proto.id.endswith("-bm_map_upload")]
    assert len(maps) == 1
    assert component_data(maps[0])["overlay"]
    # the briefing of the revised table, as HTML and PDF
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Briefing (HTML)" in labels
    assert "Briefing (PDF)" in labels
    assert "python -m border_map build --table FILE" in said

    # Another viewer meanwhile sees the served build, with no upload.
    other = data_page()
    assert "read as XLSX" not in texts(other)
    assert not [e for e in other.get("bidi_component") if e.proto.id.endswith("-bm_map_upload")]
    assert "46 of 46 table rows matched" in texts(other)


@pytest.mark.real
def test_random_bytes_named_xlsx_are_refused_naming_the_file_in_english_and_thai(checked_against):
    junk = bytes(range(256)) * 8
    at = upload(data_page(), "pairs.xlsx", junk, XLSX)
    assert len(at.error) == 1
    shown = "\n".join(t.value for t in at.text)
    assert "pairs.xlsx: is not an XLSX workbook" in shown
    assert not [e for e in at.get("bidi_component") if e.proto.id.endswith("-bm_map_upload")]
    at = upload(data_page("th"), "pairs.xlsx", junk, XLSX)
    thai = "\n".join(t.value for t in at.text)
    assert "pairs.xlsx: ไม่ใช่สมุดงาน XLSX" in thai, thai


def test_differences_compare_by_thai_district_and_parallel_area():
    import pandas as pd

    served = pd.DataFrame(
        [
            {
                "pair_id": "01-1",
                "no": "1",
                "thai_province": "Loei",
                "thai_district": "Tha Li",
                "nb_country": "LAO",
                "nb_province": "Xaignabouli",
                "nb_district": "Kenthao",
                "status": "matched",
            },
            {
                "pair_id": "02-1",
                "no": "2",
                "thai_province": "Nan",
                "thai_district": "Bo Kluea",
                "nb_country": "LAO",
                "nb_province": "Xaignabouli",
                "nb_district": "Boten",
                "status": "matched",
            },
        ]
    )
    revised = served.copy()
    revised.loc[0, "nb_province"] = "Vientiane"
    revised.loc[1, "nb_district"] = "Hongsa"
    found = differences(served, revised)
    assert [(c.pair_id, c.field, c.served, c.revised) for c in found.changed] == [
        ("01-1", "nb_province", "Xaignabouli", "Vientiane")
    ]
    assert [r["nb_district"] for r in found.added] == ["Hongsa"]
    assert [r["nb_district"] for r in found.removed] == ["Boten"]
