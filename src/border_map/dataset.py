"""The one place every output gets its data: built layers when present, else the embedded points.

Pages, exports and benchmarks call `load_dataset` and never read files themselves, so they agree on
what is shown and on the notice given when boundaries are missing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from . import paths
from .catalogue import load_catalogue, source_record
from .errors import BorderMapError

# The layers `build` writes. Kept here, not imported from the build pipeline: loading a dataset must not
# import matching, fetching or the table checks (seconds on a server's first request).
log = logging.getLogger("border_map")
OUTPUT_FILES = ("districts.geojson", "links.geojson", "provinces.geojson", "report.json")

INSTALL_HINT = (
    "Install the boundaries with `python -m border_map fetch` then `python -m border_map build` "
    "(offline: `fetch --mirror DIR`)."
)


@dataclass
class Dataset:
    mode: str  # "boundaries" or "points"
    districts: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    provinces: gpd.GeoDataFrame | None
    findings: list[dict]
    stats: dict
    sources: list[dict]
    notice: str | None = None
    notice_reason: str | None = None  # why the boundaries are missing, for a notice in the reader's language
    source_dir: str = ""
    build_id: str = "embedded"  # names one build: caches of rendered maps are keyed on it
    extra: dict = field(default_factory=dict)

    @property
    def has_boundaries(self) -> bool:
        return self.mode == "boundaries"


def _sources_from_catalogue() -> list[dict]:
    return [source_record(layer) for layer in load_catalogue()]


REPORT_KEYS = ("findings", "stats", "sources")
REQUIRED_COLUMNS = {
    "districts.geojson": ("country", "feature_id", "district", "province"),
    "links.geojson": ("pair_id", "thai_feature_id", "nb_feature_id", "distance_km", "status", "findings"),
    "provinces.geojson": ("country", "province"),
}
REBUILD = "run `python -m border_map build` again"


def _damaged(name: str, what: str, detail: object = None) -> BorderMapError:
    """A message for the reader (which file, what to run); the server path and parser error go to the log."""
    if detail is not None:
        log.warning("built layer %s is unusable: %s", name, detail)
    return BorderMapError(f"the built file {name} {what}; {REBUILD}")


def _layer(build_dir: Path, name: str) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(build_dir / name)
    except Exception as exc:  # truncated, not JSON, not GeoJSON: all mean "rebuild"
        raise _damaged(name, "is damaged or incomplete", f"{build_dir / name}: {exc}") from None
    if frame.empty:
        raise _damaged(name, "holds no features", build_dir / name)
    absent = [c for c in REQUIRED_COLUMNS[name] if c not in frame.columns]
    if absent:
        raise _damaged(name, f"lacks the column(s) {', '.join(absent)}", build_dir / name)
    return frame


def load_built(build_dir: Path) -> Dataset:
    missing = [name for name in OUTPUT_FILES if not (build_dir / name).is_file()]
    if missing:
        log.info("no complete build in %s", build_dir)
        raise BorderMapError(f"the map layers are not built yet (missing {', '.join(missing)})")
    try:
        report = json.loads((build_dir / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _damaged("report.json", "is damaged or incomplete", f"{build_dir}: {exc}") from None
    if not isinstance(report, dict) or any(key not in report for key in REPORT_KEYS):
        raise _damaged("report.json", f"lacks {', '.join(REPORT_KEYS)}", build_dir / "report.json")
    districts = _layer(build_dir, "districts.geojson")
    links = _layer(build_dir, "links.geojson")
    provinces = _layer(build_dir, "provinces.geojson")
    return Dataset(
        "boundaries",
        districts,
        links,
        provinces,
        report["findings"],
        report["stats"],
        report["sources"],
        source_dir=str(build_dir),
        build_id=f"{build_dir}@{report.get('built_at', '')}",
    )


def load_embedded(reason: str) -> Dataset:
    from .aliases import load_aliases  # noqa: PLC0415 - the pipeline is imported only for the fallback
    from .build import assemble  # noqa: PLC0415
    from .points import load_points  # noqa: PLC0415
    from .programme import facts  # noqa: PLC0415
    from .table import read_pairs  # noqa: PLC0415

    rows = read_pairs(paths.PAIRS_CSV)
    assembly = assemble(
        rows, load_points(), load_aliases(), districts_stated=facts().get("districts_stated"), polygons=False
    )
    notice = f"Running without boundary polygons: {reason}. Districts are drawn as points. {INSTALL_HINT}"
    return Dataset(
        "points",
        assembly.districts,
        assembly.links,
        None,
        [f.as_dict() for f in assembly.findings],
        assembly.stats,
        _sources_from_catalogue(),
        notice=notice,
        notice_reason=reason,
    )


def build_stamp(build_dir: Path | None = None) -> tuple:
    """What the build folder holds now (name, size, mtime of each output): a new build changes it, so a
    long-running app can notice a rebuild, or a repair, without a restart. A few stat calls: cheap per run."""
    build_dir = Path(build_dir) if build_dir else paths.build_dir()
    stamp = []
    for name in OUTPUT_FILES:
        try:
            info = (build_dir / name).stat()
            stamp.append((name, info.st_size, info.st_mtime_ns))
        except OSError:
            stamp.append((name, None, None))
    return (str(build_dir), *stamp)


def load_dataset(build_dir: Path | None = None) -> Dataset:
    build_dir = Path(build_dir) if build_dir else paths.build_dir()
    try:
        return load_built(build_dir)
    except BorderMapError as exc:
        return load_embedded(str(exc))
