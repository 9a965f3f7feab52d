"""The link resolver: every name in the table, in every spelling people use, opens its own province."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from border_map.model import programme, resolve
from border_map.paths import PAIRS_CSV
from border_map.pipeline.table import read_pairs


@pytest.fixture(scope="module")
def provinces(embedded):
    return resolve.provinces_of(embedded.links, embedded.districts)


def test_every_province_of_the_table_is_listed_once(provinces):
    rows = read_pairs(PAIRS_CSV)
    stated = {("THA", r.thai_province) for r in rows} | {(r.nb_country, r.nb_province) for r in rows}
    assert sorted((p.country, p.name) for p in provinces) == sorted(stated)


def test_every_spelling_of_every_province_resolves_to_it(provinces):
    for province in provinces:
        for spelling in province.spellings:
            for form in (spelling, spelling.lower(), spelling.upper(), f"  {spelling} ", spelling.replace(" ", "")):
                found = resolve.resolve_province(form, provinces)
                assert found.value == province, (form, found)
        assert resolve.resolve_province(province.key, provinces).value == province


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Loei", "Loei"),
        ("loei", "Loei"),
        ("เลย", "Loei"),
        ("Sisaket", "Sisaket"),
        ("Si Sa Ket", "Sisaket"),
        ("si-sa-ket", "Sisaket"),
        ("ศรีสะเกษ", "Sisaket"),
        ("Buri Ram", "Buriram"),
        ("Champasak", "Champasak"),
        ("Xayaburi", "Xayaburi"),
        ("Xaignabouli", "Xayaburi"),
        ("THA:Loei", "Loei"),
        ("khm:oddar meanchey", "Oddar Meanchey"),
        ("Bantey Meanchey", "Banteay Meanchey"),
    ],
)
def test_spellings_from_the_issue(provinces, typed, expected):
    assert resolve.resolve_province(typed, provinces).value.name == expected


def test_a_source_province_belongs_to_the_name_most_rows_use(provinces):
    """Row 18 puts Pakkading (Bolikhamsai) in Vientiane Capital; 'Bolikhamsai' still means Bolikhamxay."""
    assert resolve.resolve_province("Bolikhamsai", provinces).value.name == "Bolikhamxay"
    assert resolve.resolve_province("Vientiane Capital", provinces).value.name == "Vientiane Capital"


def test_unknown_names_offer_the_closest_and_never_a_guess(provinces):
    found = resolve.resolve_province("Leoi", provinces)
    assert not found.ok
    assert found.suggestions[0] == "Loei"
    assert resolve.resolve_province("Ubon", provinces).suggestions == ("Ubon Ratchathani",)  # the start of a name
    assert resolve.resolve_province("nongkai", provinces).suggestions == ("Nong Khai",)
    # Nothing like it: no suggestion, rather than names that share a letter or two ("Nan" for "Atlantis").
    for unlike in ("Atlantis", "xyz", "Bangkok"):
        assert resolve.resolve_province(unlike, provinces).suggestions == (), unlike
    assert not resolve.resolve_province("Atlantis", provinces).ok
    assert not resolve.resolve_province("", provinces).ok
    assert not resolve.resolve_province("LAO:Loei", provinces).ok  # a Thai province under the wrong country


@pytest.mark.parametrize("hostile", ["![x](https://example.org/p.png)", "<img src=x onerror=alert(1)>", "A" * 5000])
def test_hostile_values_are_bounded_and_unresolved(provinces, hostile):
    found = resolve.resolve_province(hostile, provinces)
    assert not found.ok
    assert len(found.typed) <= resolve.MAX_TYPED


def test_control_and_bidi_characters_are_removed_from_what_is_repeated():
    assert resolve.clean_typed("Lo\x00e\x1bi\u202e\n") == "Loei"


def test_pairs_resolve_from_readable_forms():
    ids = ["01-1", "01-2", "08-1", "34-1"]
    for typed in ("08-1", "8-1", "8", "pair 8-1", " 08-1 ", "8.1"):
        assert resolve.resolve_pair(typed, ids).value == "08-1", typed
    ambiguous = resolve.resolve_pair("1", ids)
    assert not ambiguous.ok
    assert ambiguous.suggestions == ("01-1", "01-2")
    assert not resolve.resolve_pair("99-9", ids).ok
    assert not resolve.resolve_pair("8-1<script>", ids).ok


def test_stories_resolve_by_id_number_and_district():
    stories = list(programme.stories())
    assert resolve.resolve_story("2", stories).value == stories[1]["id"]
    assert resolve.resolve_story("phu sing", stories).value == "phu-sing-health"
    assert resolve.resolve_story("PHU-SING-HEALTH", stories).value == "phu-sing-health"
    assert not resolve.resolve_story("6", stories).ok
    assert resolve.resolve_story("phu sng", stories).suggestions
    thai = {"ภูสิงห์": "phu-sing-health"}  # the stories page adds each district's Thai-script name
    assert resolve.resolve_story("ภูสิงห์", stories, thai).value == "phu-sing-health"
    assert resolve.resolve_story(" ภูสิงห์ ", stories, thai).value == "phu-sing-health"
    assert not resolve.resolve_story("ภูสิงห์", stories).ok


@pytest.mark.parametrize(
    ("typed", "border"),
    [
        ("both", "both"),
        ("LAO", "LAO"),
        ("laos", "LAO"),
        ("Lao PDR", "LAO"),
        ("ลาว", "LAO"),
        ("KHM", "KHM"),
        ("cambodia", "KHM"),
        ("กัมพูชา", "KHM"),
    ],
)
def test_borders_resolve(typed, border):
    assert resolve.resolve_border(typed).value == border
    if border != "both":
        assert resolve.resolve_border(resolve.border_for_url(border)).value == border


def test_unknown_border_is_reported():
    assert not resolve.resolve_border("vietnam").ok


def test_tiny_tables_credit_source_names_by_majority():
    """Hand-made: two rows say P1, one says P2, all three districts lie in source province S."""
    links = pd.DataFrame(
        {
            "thai_province": ["T"] * 3,
            "thai_feature_id": ["t1", "t2", "t3"],
            "nb_country": ["LAO"] * 3,
            "nb_province": ["P1", "P1", "P2"],
            "nb_feature_id": ["n1", "n2", "n3"],
        }
    )
    districts = gpd.GeoDataFrame(
        {
            "feature_id": ["t1", "t2", "t3", "n1", "n2", "n3"],
            "province": ["T src"] * 3 + ["S"] * 3,
            "province_th": ["ท"] * 3 + [None] * 3,
        },
        geometry=[Point(0, i) for i in range(6)],
        crs="EPSG:4326",
    )
    found = {(p.country, p.name): p for p in resolve.provinces_of(links, districts)}
    assert found[("LAO", "P1")].source_name == "S"
    assert found[("LAO", "P2")].source_name is None
    assert found[("THA", "T")].name_th == "ท"
    assert resolve.resolve_province("S", list(found.values())).value.name == "P1"


def test_thai_names_sort_as_a_thai_dictionary_does():
    """Consonants first, a leading vowel after the consonant it is written before, tone marks aside: Python's
    own order puts เลย after หนองคาย and สุรินทร์ before สระแก้ว."""
    names = ["อำนาจเจริญ", "เลย", "สุรินทร์", "สระแก้ว", "บึงกาฬ", "บ่อแก้ว", "บอลิคำไซ", "ไซยะบุรี", "จันทบุรี", "เชียงราย"]
    ordered = ["จันทบุรี", "เชียงราย", "ไซยะบุรี", "บ่อแก้ว", "บอลิคำไซ", "บึงกาฬ", "เลย", "สระแก้ว", "สุรินทร์", "อำนาจเจริญ"]
    assert sorted(names, key=resolve.thai_order) == ordered


def test_provinces_come_in_the_reader_s_order(embedded):
    index = resolve.provinces_of(embedded.links, embedded.districts)
    english = resolve.in_reading_order(index, "en")
    thai = resolve.in_reading_order(index, "th")
    assert english == index  # as the table's English names sort
    assert [p.country for p in thai] == sorted((p.country for p in thai), key=["THA", "LAO", "KHM"].index)
    thai_side = [p.name_th for p in thai if p.country == "THA"]
    assert thai_side == sorted(thai_side, key=resolve.thai_order)
    assert thai_side[0] == "จันทบุรี"
    assert thai_side[-1] == "อุบลราชธานี"


def test_a_links_settings_are_read_once_for_the_page_and_its_head():
    """resolve.settings_asked: what web/state's first run and web/server/hints both read from a link."""
    plain = resolve.settings_asked({}, "th-TH")
    assert (plain.lang, plain.border, plain.basemap, plain.problems) == ("th", "both", False, ())
    assert resolve.settings_asked({}, None).lang == "en"
    named = resolve.settings_asked({"lang": "ไทย", "border": "Thai–Cambodia", "basemap": " YES "}, "en-GB")
    assert (named.lang, named.border, named.basemap) == ("th", "KHM", True)
    bad = resolve.settings_asked({"lang": "klingon", "border": "mars", "basemap": "maybe"}, "th")
    assert (bad.lang, bad.border, bad.basemap) == ("th", "both", False)  # what the page then shows
    assert [(kind, found.typed, found.value) for kind, found in bad.problems] == [
        ("language", "klingon", None),
        ("border", "mars", None),
    ]
