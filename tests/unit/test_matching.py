"""Names and matching on tiny hand-made district frames (EPSG:4326, the DISTRICT_COLUMNS shape)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from border_map.pipeline.aliases import Alias
from border_map.pipeline.boundaries import DISTRICT_COLUMNS
from border_map.pipeline.build import assemble
from border_map.pipeline.geometry import distance_km
from border_map.pipeline.matching import FUZZY_CUTOFF, Matcher
from border_map.pipeline.table import PairRow

# (country, feature_id, district, name_th, province, box)
DISTRICTS = [
    ("THA", "T-CK", "Chiang Khong", "เชียงของ", "Chiang Rai", (100.0, 20.0, 100.1, 20.1)),
    ("THA", "T-SSK", "Si Sa Ket", "ศรีสะเกษ", "Si Sa Ket", (100.0, 19.8, 100.1, 19.9)),
    ("THA", "T-CPK-NAN", "Chaloem Phra Kiat", "เฉลิมพระเกียรติ", "Nan", (100.0, 19.6, 100.1, 19.7)),
    ("THA", "T-CPK-BRM", "Chaloem Phra Kiat", "เฉลิมพระเกียรติ", "Buri Ram", (102.0, 14.5, 102.1, 14.6)),
    ("THA", "T-MUK", "Mueang Mukdahan", "เมืองมุกดาหาร", "Mukdahan", (100.0, 19.4, 100.1, 19.5)),
    ("LAO", "L-HX", "Huoixai", None, "Bokeo", (100.1, 20.0, 100.2, 20.1)),
    ("LAO", "L-DECOY", "Houayxai", None, "Luang Namtha", (100.3, 20.3, 100.4, 20.4)),
    ("LAO", "L-PT-NEAR", "Phonthong", None, "Champasak", (100.1, 19.8, 100.2, 19.9)),
    ("LAO", "L-PT-FAR", "Phonthong", None, "Champasak", (100.6, 19.8, 100.7, 19.9)),
    ("LAO", "L-KPV", "Kaysone Phomvihane", None, "Savannakhet", (100.1, 19.4, 100.2, 19.5)),
    ("LAO", "L-PKD", "Pakkading", None, "Bolikhamsai", (100.1, 19.6, 100.2, 19.7)),
    ("LAO", "L-SKB", "Sikhottabong", None, "Vientiane Capital", (101.0, 19.0, 101.1, 19.1)),
    ("KHM", "K-SR-OM", "Samraong", None, "Oddar Meanchey", (103.0, 14.0, 103.1, 14.1)),
    ("KHM", "K-SR-TK", "Samraong", None, "Takeo", (104.5, 11.0, 104.6, 11.1)),
]

HOUAYXAY = Alias("LAO", "district", "Houayxay", "Huoixai", "Bokeo", "test alias")
ALIASES = [HOUAYXAY]


def make_frame(records=DISTRICTS) -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {
            "country": [r[0] for r in records],
            "feature_id": [r[1] for r in records],
            "district": [r[2] for r in records],
            "name_th": [r[3] for r in records],
            "province": [r[4] for r in records],
            "province_th": None,
            "province_id": [f"P-{r[4]}" for r in records],
            "province_share": 1.0,
        },
        geometry=[shapely.box(*r[5]) for r in records],
        crs="EPSG:4326",
    )
    return frame[DISTRICT_COLUMNS]


@pytest.fixture(scope="module")
def frame():
    return make_frame()


@pytest.fixture(scope="module")
def matcher(frame):
    return Matcher(frame, ALIASES)


def fid(matcher, match) -> str | None:
    return None if match.index is None else matcher.districts.feature_id[match.index]


def index_of(matcher, feature_id) -> int:
    return matcher.districts.index[matcher.districts.feature_id == feature_id][0]


def row(no, thai_province, thai_district, country, nb_province, nb_district, n=1) -> PairRow:
    return PairRow(f"{no:02d}-{n}", no + 1, no, thai_province, thai_district, country, nb_province, nb_district)


def test_alias_beats_fuzzy(frame, matcher):
    # Without the alias the stated spelling is closest to the decoy "Houayxai"...
    plain = Matcher(frame, []).match("LAO", "Bokeo", "Houayxay")
    assert plain.method == "fuzzy"
    assert fid(matcher, plain) == "L-DECOY"
    # ...the reviewed alias sends it to the right polygon.
    aliased = matcher.match("LAO", "Bokeo", "Houayxay")
    assert aliased.method == "alias"
    assert aliased.score is None
    assert fid(matcher, aliased) == "L-HX"
    assert aliased.in_stated_province


def test_alias_matches_source_province_among_duplicates(frame):
    alias = Alias("THA", "district", "Chalerm Phrakiat", "Chaloem Phra Kiat", "Nan", "test")
    m = Matcher(frame, [alias])
    match = m.match("THA", "Nan", "Chalerm Phrakiat")
    assert match.method == "alias"
    assert fid(m, match) == "T-CPK-NAN"


@pytest.mark.parametrize(
    ("stated_province", "stated", "expected"),
    [
        ("Sisaket", "Sisaket", "T-SSK"),
        ("si-sa-ket", "SI SA KET", "T-SSK"),
        ("Chiang Rai", "chiang  khong", "T-CK"),
    ],
)
def test_exact_normalised_match(matcher, stated_province, stated, expected):
    match = matcher.match("THA", stated_province, stated)
    assert match.method == "exact"
    assert fid(matcher, match) == expected
    assert match.in_stated_province
    assert match.province_resolved == matcher.districts.province[match.index]


def test_thai_script_matches_name_th(matcher):
    match = matcher.match("THA", "เชียงราย", "เชียงของ")
    assert match.method == "thai-script"
    assert fid(matcher, match) == "T-CK"
    # Thai script never falls back to fuzzy guessing
    assert matcher.match("THA", "เชียงราย", "เชียงแสน").method == "none"


def test_fuzzy_match_reports_score(matcher):
    match = matcher.match("LAO", "Savannakhet", "Kaysone Phomvihan")
    assert match.method == "fuzzy"
    assert fid(matcher, match) == "L-KPV"
    assert FUZZY_CUTOFF <= match.score < 100
    assert 80 <= match.score <= 100
    # below the cutoff: nothing
    assert not matcher.match("LAO", "Savannakhet", "Kaysone").matched


def test_assemble_turns_fuzzy_into_finding(frame):
    rows = [row(24, "Mukdahan", "Mueang Mukdahan", "LAO", "Savannakhet", "Kaysone Phomvihan")]
    result = assemble(rows, frame, ALIASES)
    fuzzy = [f for f in result.findings if f.kind == "fuzzy_match"]
    assert len(fuzzy) == 1
    assert fuzzy[0].pair_ids == ["24-1"]
    assert "Kaysone Phomvihane" in fuzzy[0].message
    assert "score" in fuzzy[0].message
    assert fuzzy[0].severity == "info"
    link = result.links.iloc[0]
    assert link.status == "matched"
    assert link.nb_feature_id == "L-KPV"
    assert link.nb_match.startswith("fuzzy ")
    assert "fuzzy_match" in link.findings


@pytest.mark.parametrize(
    ("country", "province", "district", "expected"),
    [
        ("KHM", "Oddar Meanchey", "Samraong", "K-SR-OM"),
        ("KHM", "Takeo", "Samraong", "K-SR-TK"),
        ("THA", "Nan", "Chaloem Phra Kiat", "T-CPK-NAN"),
        ("THA", "Buriram", "Chaloem Phra Kiat", "T-CPK-BRM"),
    ],
)
def test_duplicate_names_decided_by_province(matcher, country, province, district, expected):
    match = matcher.match(country, province, district)
    assert len(match.candidates) == 2
    assert fid(matcher, match) == expected
    assert match.in_stated_province


def test_duplicate_names_in_one_province_need_the_thai_polygon(matcher):
    undecided = matcher.match("LAO", "Champasak", "Phonthong")
    assert not undecided.matched
    assert "does not decide" in undecided.reason
    near = matcher.match("LAO", "Champasak", "Phonthong", near_index=index_of(matcher, "T-SSK"))
    assert fid(matcher, near) == "L-PT-NEAR"
    # proximity really decides: next to a polygon beside the far one, the far one wins
    far_thai = make_frame([*DISTRICTS, ("THA", "T-X", "Khong", None, "Ubon", (100.7, 19.8, 100.8, 19.9))])
    m2 = Matcher(far_thai, [])
    assert fid(m2, m2.match("LAO", "Champasak", "Phonthong", near_index=index_of(m2, "T-X"))) == "L-PT-FAR"


def test_duplicate_names_unresolved_province_decided_by_proximity(frame):
    rows = [row(26, "Sisaket", "Si Sa Ket", "LAO", "Nowhere Province", "Phonthong")]
    link = assemble(rows, frame, ALIASES).links.iloc[0]
    assert link.nb_feature_id == "L-PT-NEAR"


def test_no_match_is_a_finding_and_the_row_stays(frame):
    rows = [
        row(1, "Chiang Rai", "Chiang Khong", "LAO", "Bokeo", "Houayxay"),
        row(2, "Chiang Rai", "Chiang Khong", "LAO", "Bokeo", "Atlantis", n=2),
        row(3, "Chiang Rai", "Nowhere District", "LAO", "Bokeo", "Huoixai"),
    ]
    result = assemble(rows, frame, ALIASES)
    links = result.links.set_index("pair_id")
    assert list(links.index) == ["01-1", "02-2", "03-1"]
    assert links.loc["01-1", "status"] == "matched"
    assert links.loc["02-2", "status"] == "unmatched"
    assert links.loc["02-2", "thai_feature_id"] == "T-CK"
    assert pd.isna(links.loc["02-2", "nb_feature_id"])
    assert links.loc["02-2", "findings"] == ["unmatched"]
    assert links.loc["02-2"].geometry is None or links.loc["02-2"].geometry.is_empty
    assert pd.isna(links.loc["03-1", "thai_feature_id"])
    assert links.loc["03-1", "status"] == "unmatched"
    unmatched = [f for f in result.findings if f.kind == "unmatched"]
    assert [f.pair_ids for f in unmatched] == [["02-2"], ["03-1"]]
    assert "Atlantis" in unmatched[0].message
    assert "Nowhere District" in unmatched[1].message
    assert all(f.severity == "warning" for f in unmatched)
    assert result.stats == {
        "rows": 3,
        "matched": 1,
        "unmatched": 2,
        "thai_districts": 1,
        "neighbour_districts": 1,
    }


def test_province_mismatch(frame, matcher):
    match = matcher.match("LAO", "Vientiane Capital", "Pakkading")
    assert match.matched
    assert match.province_resolved == "Vientiane Capital"
    assert match.province == "Bolikhamsai"
    assert not match.in_stated_province
    rows = [row(18, "Nan", "Chaloem Phra Kiat", "LAO", "Vientiane Capital", "Pakkading")]
    result = assemble(rows, frame, ALIASES)
    mismatch = [f for f in result.findings if f.kind == "province_mismatch"]
    assert len(mismatch) == 1
    assert mismatch[0].pair_ids == ["18-1"]
    assert "Vientiane Capital" in mismatch[0].message
    assert "Bolikhamsai" in mismatch[0].message
    assert result.links.iloc[0].status == "matched"
    assert "province_mismatch" in result.links.iloc[0].findings


def test_adjacency_distance_and_not_adjacent(frame):
    rows = [
        row(1, "Chiang Rai", "Chiang Khong", "LAO", "Bokeo", "Houayxay"),  # touching
        row(2, "Chiang Rai", "Chiang Khong", "LAO", "Savannakhet", "Kaysone Phomvihane", n=2),
    ]
    result = assemble(rows, frame, ALIASES)
    links = result.links.set_index("pair_id")
    assert links.loc["01-1", "distance_km"] == 0
    expected = distance_km(shapely.box(100.0, 20.0, 100.1, 20.1), shapely.box(100.1, 19.4, 100.2, 19.5))
    assert links.loc["02-2", "distance_km"] == pytest.approx(expected, abs=0.01)
    assert expected > 50
    not_adjacent = [f for f in result.findings if f.kind == "not_adjacent"]
    assert [f.pair_ids for f in not_adjacent] == [["02-2"]]
    # touching neighbours not listed for Chiang Khong are reported for information
    unlisted = [f for f in result.findings if f.kind == "unlisted_neighbour"]
    assert unlisted == []
    # a link line joins the two representative points
    line = links.loc["01-1"].geometry
    assert shapely.box(100.0, 20.0, 100.1, 20.1).contains(shapely.Point(line.coords[0]))
    assert shapely.box(100.1, 20.0, 100.2, 20.1).contains(shapely.Point(line.coords[-1]))


def test_unlisted_neighbour(frame):
    rows = [row(26, "Si Sa Ket", "Si Sa Ket", "LAO", "Savannakhet", "Kaysone Phomvihane")]
    result = assemble(rows, frame, ALIASES)
    unlisted = [f for f in result.findings if f.kind == "unlisted_neighbour"]
    assert len(unlisted) == 1
    assert "Phonthong (Champasak)" in unlisted[0].message
    assert unlisted[0].pair_ids == ["26-1"]
