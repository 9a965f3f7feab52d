"""The embedded default (points) and the fallback from a missing or broken build."""

from __future__ import annotations

import shutil

import pytest

from border_map import paths
from border_map.model.dataset import INSTALL_HINT, load_dataset, load_embedded
from border_map.pipeline.catalogue import load_catalogue
from border_map.pipeline.points import load_points
from border_map.pipeline.table import read_pairs


@pytest.fixture(scope="module")
def embedded():
    return load_embedded("no boundary files in this test")


def test_embedded_dataset(embedded):
    assert embedded.mode == "points"
    assert not embedded.has_boundaries
    assert embedded.provinces is None
    assert len(embedded.links) == 46
    assert set(embedded.links.status) == {"matched"}
    assert list(embedded.links.pair_id) == [r.pair_id for r in read_pairs(paths.PAIRS_CSV)]
    assert embedded.stats["matched"] == 46
    assert embedded.stats["thai_districts"] == 43
    assert set(embedded.districts.geometry.geom_type) == {"Point"}
    assert set(embedded.districts.feature_id) == set(load_points().feature_id)
    # the notice says why and how to get the boundaries
    assert "no boundary files in this test" in embedded.notice
    assert "python -m border_map fetch" in embedded.notice
    assert "python -m border_map build" in embedded.notice
    assert INSTALL_HINT in embedded.notice
    # table findings are still there; geometric ones need polygons
    kinds = {f["kind"] for f in embedded.findings}
    assert {"numbering", "district_count", "province_mismatch"} <= kinds
    assert not kinds & {"not_adjacent", "unlisted_neighbour", "unmatched"}
    assert embedded.links.distance_km.isna().all()
    # attribution travels with the points
    assert [s["id"] for s in embedded.sources] == [layer.id for layer in load_catalogue()]
    assert all(s["licence"] and s["attribution"] for s in embedded.sources)


def test_empty_build_dir_falls_back_to_points(tmp_path):
    dataset = load_dataset(tmp_path)
    assert dataset.mode == "points"
    assert len(dataset.links) == 46
    for name in ("districts.geojson", "links.geojson", "provinces.geojson", "report.json"):
        assert name in dataset.notice
    assert str(tmp_path) not in dataset.notice  # the reader gets the fix, the log gets the path
    assert INSTALL_HINT in dataset.notice


def test_partial_build_names_only_the_missing_files(tmp_path):
    (tmp_path / "report.json").write_text("{}", encoding="utf-8")
    (tmp_path / "links.geojson").write_text("{}", encoding="utf-8")
    dataset = load_dataset(tmp_path)
    assert dataset.mode == "points"
    missing = dataset.notice.split("missing", 1)[1]
    assert "districts.geojson" in missing
    assert "provinces.geojson" in missing
    assert "links.geojson" not in missing
    assert "report.json" not in missing


@pytest.mark.real
def test_real_build_loads_with_boundaries(built_dir, tmp_path):
    dataset = load_dataset(built_dir)
    assert dataset.mode == "boundaries"
    assert dataset.notice is None
    assert len(dataset.links) == 46
    assert dataset.stats["matched"] == 46
    assert len(dataset.sources) == len(load_catalogue())
    # a damaged build falls back to points and says which directory was unreadable
    broken = tmp_path / "broken"
    shutil.copytree(built_dir, broken)
    (broken / "districts.geojson").write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    fallback = load_dataset(broken)
    assert fallback.mode == "points"
    assert "districts.geojson is damaged or incomplete" in fallback.notice
    assert "python -m border_map build" in fallback.notice
    assert str(broken) not in fallback.notice  # no server paths for the reader; the log has them


@pytest.mark.real
@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("report.json", "{}", "report.json is not a valid build report"),
        ("report.json", "not json", "report.json is damaged"),
        ("links.geojson", '{"type": "FeatureCollection", "features": []}', "links.geojson holds no features"),
        ("districts.geojson", '{"type": "FeatureCollection", "features": [', "districts.geojson is damaged"),
    ],
)
def test_each_kind_of_damage_is_named_and_falls_back(built_dir, tmp_path, caplog, name, content, said):
    broken = tmp_path / "broken"
    shutil.copytree(built_dir, broken)
    (broken / name).write_text(content, encoding="utf-8")
    with caplog.at_level("INFO", logger="border_map"):
        fallback = load_dataset(broken)
    assert fallback.mode == "points"
    assert said in fallback.notice
    assert str(broken) not in fallback.notice
    assert str(broken) in caplog.text  # the details went to the log


@pytest.mark.real
@pytest.mark.parametrize(
    ("content", "said"),
    [
        (
            '{"type": "FeatureCollection", "features": [{"type": "Feature", '
            '"properties": {"country": "LAO"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}]}',
            "provinces.geojson lacks the column province",
        ),
        ('{"type": "FeatureCollection", "feat', "provinces.geojson is damaged or incomplete"),
        (None, "provinces.geojson is missing"),
    ],
)
def test_damaged_province_outlines_fall_back_for_that_part_only(built_dir, tmp_path, content, said):
    broken = tmp_path / "broken"
    shutil.copytree(built_dir, broken)
    if content is None:
        (broken / "provinces.geojson").unlink()
    else:
        (broken / "provinces.geojson").write_text(content, encoding="utf-8")
    data = load_dataset(broken)
    assert data.mode == "boundaries"  # districts and pairs still from the build
    assert data.provinces is None
    assert len(data.links) == 46
    assert data.notice_reason is None
    assert said in data.part_notice_reason
    assert "python -m border_map build" in data.part_notice_reason
    assert str(broken) not in data.part_notice_reason


def test_the_packaged_points_build_is_what_the_points_command_makes(tmp_path):
    """A derived file, never edited by hand: remade from the packaged table and points, it is the same bytes."""
    from border_map.pipeline.points import write_points_build

    manifest = write_points_build(tmp_path / "points")
    packaged = paths.POINTS_BUILD
    assert sorted(p.name for p in (tmp_path / "points").iterdir()) == sorted(p.name for p in packaged.iterdir())
    for made in (tmp_path / "points").iterdir():
        assert made.read_bytes() == (packaged / made.name).read_bytes(), made.name
    assert manifest["build_id"].startswith("points-")


def test_without_a_build_the_packaged_points_build_is_read_by_the_same_loader(tmp_path):
    data = load_dataset(tmp_path / "nothing-built")
    assert data.mode == "points"
    assert data.build_id.startswith("points-")
    assert data.source_dir == str(paths.POINTS_BUILD)
    assert "Running without boundary polygons" in data.notice
    assert len(data.links) == 46
    assert [s["id"] for s in data.sources] == [layer.id for layer in load_catalogue()]  # attribution kept
