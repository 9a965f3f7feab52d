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

from border_map import paths
from border_map.errors import BorderMapError
from border_map.model.manifest import MANIFEST, current, verify
from border_map.model.schemas import MANIFEST as MANIFEST_SCHEMA
from border_map.model.schemas import REPORT as REPORT_SCHEMA
from border_map.model.schemas import problem

# The layers a build holds. The model defines the build's files and the pipeline writes them: loading a
# dataset never imports matching, fetching or the table checks (seconds on a server's first request).
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
    part_notice_reason: str | None = None  # why the province outlines are missing while the rest is whole
    source_dir: str = ""
    build_id: str = "embedded"  # names one build: caches of rendered maps are keyed on it
    # Boundary layers the user supplied in place of catalogued ones, as the manifest names them:
    # {"layer", "file", "sha256", ...}; their `sources` records carry the same under "supplied".
    supplied: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def has_boundaries(self) -> bool:
        return self.mode == "boundaries"


REQUIRED_COLUMNS = {
    "districts.geojson": ("country", "feature_id", "district", "province"),
    "links.geojson": ("pair_id", "thai_feature_id", "nb_feature_id", "distance_km", "status", "findings"),
    "provinces.geojson": ("country", "province"),
}
REBUILD = "run `python -m border_map build` again"


def _damaged(name: str, what: str, detail: object = None) -> BorderMapError:
    """A message for the reader (which file, what to run); the server path and parser error go to the log."""
    if detail is not None:
        log.warning("built file %s is unusable: %s", name, detail)
    return BorderMapError(f"the built file {name} {what}; {REBUILD}")


def _layer(folder: Path, name: str) -> gpd.GeoDataFrame:
    try:
        frame = gpd.read_file(folder / name)
    except Exception as exc:  # truncated, not JSON, not GeoJSON: all mean "rebuild"
        raise _damaged(name, "is damaged or incomplete", f"{folder / name}: {exc}") from None
    if frame.empty:
        raise _damaged(name, "holds no features", folder / name)
    absent = [c for c in REQUIRED_COLUMNS[name] if c not in frame.columns]
    if absent:
        columns = "column" if len(absent) == 1 else "columns"
        raise _damaged(name, f"lacks the {columns} {', '.join(absent)}", folder / name)
    return frame


def _json(folder: Path, name: str, schema: dict, what: str) -> dict:
    try:
        value = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _damaged(name, "is damaged or incomplete", f"{folder / name}: {exc}") from None
    wrong = problem(value, schema)
    if wrong:
        raise _damaged(name, f"is not a valid {what}", f"{folder / name}: {wrong}")
    return value


def _read(folder: Path, name: str) -> dict | gpd.GeoDataFrame:
    """One built file read as the app reads it; raises the file's own problem (truncated, empty, a column
    gone), which says more than a checksum that differs."""
    return _json(folder, name, REPORT_SCHEMA, "build report") if name == "report.json" else _layer(folder, name)


def load_built(build_dir: Path) -> Dataset:
    """Only a whole build: the manifest names every file and its checksum, so a file from another build, an
    edited or truncated one is caught before it is parsed."""
    folder = current(build_dir)  # one folder for every read, whatever a concurrent build does to the link
    missing = [name for name in (*OUTPUT_FILES, MANIFEST) if not (folder / name).is_file()]
    if len(missing) == len(OUTPUT_FILES) + 1:
        log.info("no build in %s", build_dir)
        raise BorderMapError(f"the map layers are not built yet (missing {', '.join(OUTPUT_FILES)})")
    if missing == [MANIFEST]:
        raise _damaged(MANIFEST, "is missing (a build from an older version, or files copied by hand)", folder)
    if [name for name in missing if name != "provinces.geojson"]:
        raise BorderMapError(f"the build is incomplete (missing {', '.join(missing)}); {REBUILD}")
    manifest = _json(folder, MANIFEST, MANIFEST_SCHEMA, "build manifest")
    strangers = verify(folder, manifest)
    # The province outlines are context: without them the districts and pairs are still whole. Every other
    # file is needed, and any problem with one falls back to the embedded points.
    provinces, provinces_problem = None, None
    if "provinces.geojson" in strangers or not (folder / "provinces.geojson").is_file():
        strangers = [name for name in strangers if name != "provinces.geojson"]
        provinces_problem = _problem_with(folder, "provinces.geojson", manifest)
    for name in strangers:  # say what is wrong with a file when it can be told: truncated, empty, a column gone
        if (folder / name).is_file():
            _read(folder, name)
    if strangers:
        raise _strangers(strangers, manifest)
    report = _json(folder, "report.json", REPORT_SCHEMA, "build report")
    supplied = manifest.get("supplied", [])
    by_layer = {entry["layer"]: entry for entry in supplied}
    # The manifest says which layers the user supplied: their source records say so to every reader.
    sources = [{**s, "supplied": by_layer[s.get("id")]} if s.get("id") in by_layer else s for s in report["sources"]]
    districts = _layer(folder, "districts.geojson")
    links = _layer(folder, "links.geojson")
    if provinces_problem is None:
        try:
            provinces = _layer(folder, "provinces.geojson")
        except BorderMapError as exc:
            provinces_problem = str(exc)
    return Dataset(
        "boundaries",
        districts,
        links,
        provinces,
        report["findings"],
        report["stats"],
        sources,
        source_dir=str(folder),
        build_id=manifest["build_id"],
        supplied=supplied,
        part_notice_reason=provinces_problem,
    )


def _strangers(names: list[str], manifest: dict) -> BorderMapError:
    files = f"the built file {names[0]} does not" if len(names) == 1 else f"the built files {', '.join(names)} do not"
    return BorderMapError(
        f"{files} belong to build {manifest['build_id']} (contents differ from what {MANIFEST} records: "
        f"edited, damaged or from another build); {REBUILD}"
    )


def _problem_with(folder: Path, name: str, manifest: dict) -> str:
    """What is wrong with one layer that failed its checksum, said as specifically as can be told."""
    if not (folder / name).is_file():
        return f"the built file {name} is missing; {REBUILD}"
    try:
        _read(folder, name)
    except BorderMapError as exc:
        return str(exc)
    return str(_strangers([name], manifest))


def load_embedded(reason: str) -> Dataset:
    """The packaged points build (`python -m border_map points` writes it), read as any build is."""
    try:
        built = load_built(paths.POINTS_BUILD)
    except BorderMapError as exc:  # a damaged install: nothing left to draw, say so plainly
        raise BorderMapError(
            f"{reason}; and the packaged district points are unusable too ({exc}): make them with "
            "`python -m border_map points --from-csv` (scripts/app.sh and scripts/test.sh do)"
        ) from exc
    notice = f"Running without boundary polygons: {reason}. Districts are drawn as points. {INSTALL_HINT}"
    built.mode, built.notice, built.notice_reason, built.part_notice_reason = "points", notice, reason, None
    return built


def build_stamp(build_dir: Path | None = None) -> tuple:
    """What the build name points at now (the folder, and name, size, mtime of each of its files): a new
    build or a repaired file changes it, so a long-running app notices without a restart. One readlink and a
    few stat calls: cheap per run."""
    folder = current(Path(build_dir) if build_dir else paths.build_dir())
    stamp = []
    for name in (*OUTPUT_FILES, MANIFEST):
        try:
            info = (folder / name).stat()
            stamp.append((name, info.st_size, info.st_mtime_ns))
        except OSError:
            stamp.append((name, None, None))
    return (str(folder), *stamp)


def load_dataset(build_dir: Path | None = None) -> Dataset:
    build_dir = Path(build_dir) if build_dir else paths.build_dir()
    try:
        return load_built(build_dir)
    except BorderMapError as exc:
        return load_embedded(str(exc))
