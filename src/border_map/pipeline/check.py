"""Check a revised pairs table against the boundaries the served build uses, writing only into a folder given.

`python -m border_map check --table FILE --out DIR` (what the Data & sources page runs in a child process for an
upload: the app's runtime never imports the pipeline) reads the table as `build --table` does, matches it against
the fetched boundary layers (geodata/sources or $BORDER_MAP_GEODATA; when those are not there, the mirror at
$BORDER_MAP_MIRROR, copied into DIR), and writes into DIR:

- `build/`: a whole build of the revised table, in the model's format (model/dataset.load_built reads it);
- `check.json`: the report the page shows (CHECK_FORMAT): how the file was read, its problems by row as message
  templates and values (so the page says them in the reader's language), the names that matched nothing with
  the closest names the boundary data has, and each pair's row in the file.

Nothing outside DIR is written: the served build, its sources and the packaged data stay as they are.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import geopandas as gpd
from rapidfuzz import fuzz, process

from border_map import paths
from border_map.errors import BorderMapError, TableError
from border_map.names import is_thai_script, normalise
from border_map.pipeline.table import MESSAGE_VALUES, Table, read_table_file

CHECK_FORMAT = 1
REPORT_NAME = "check.json"
BUILD_NAME = "build"
CANDIDATES = 3  # closest names offered for a name that matched nothing
PROVINCE_BONUS = 15


def _error(exc: TableError) -> dict:
    return {
        "unit": exc.unit,
        "line": exc.line,
        "sheet": exc.sheet,
        "template": exc.template,
        "values": {k: v if k in MESSAGE_VALUES or isinstance(v, int) else str(v) for k, v in exc.values.items()},
        "problem": exc.problem,
    }


def _table(read: Table) -> dict:
    return {
        "format": read.format,
        "encoding": read.encoding,
        "sheet": read.sheet,
        "headings": read.headings,
        "rows": len(read.rows),
        "read": read.describe(),
    }


def closest(districts: gpd.GeoDataFrame, country: str, province: str, district: str) -> list[dict]:
    """The names of `country`'s districts closest to `district` (Latin or Thai script), best first, with their
    similarity (0-100); a district in the stated province ranks higher."""
    frame = districts[districts.country == country]
    choices: dict[str, list[int]] = {}
    for index, row in zip(frame.index, frame.itertuples(), strict=True):
        for name in (row.district, getattr(row, "name_th", None)):
            if isinstance(name, str) and name:
                choices.setdefault(normalise(name), []).append(index)
    hits = process.extract(normalise(district), list(choices), scorer=fuzz.ratio, limit=None, score_cutoff=40)
    stated = normalise(province)

    def in_province(index: int) -> bool:
        return stated in (normalise(str(frame.province[index])), normalise(str(frame.province_th[index] or "")))

    found: list[dict] = []
    seen: set[int] = set()
    # A district of the stated province is likelier what was meant: it ranks as if PROVINCE_BONUS closer.
    ranked = sorted(
        ((score, index) for name, score, _ in hits for index in choices[name]),
        key=lambda hit: -(hit[0] + (PROVINCE_BONUS if in_province(hit[1]) else 0)),
    )
    for score, index in ranked:
        if index in seen:
            continue
        seen.add(index)
        thai = is_thai_script(district)
        th_name, th_province = frame.name_th[index], frame.province_th[index]
        name = th_name if thai and isinstance(th_name, str) else frame.district[index]
        where = th_province if thai and isinstance(th_province, str) else frame.province[index]
        found.append({"district": str(name), "province": str(where), "score": round(float(score))})
        if len(found) == CANDIDATES:
            break
    return found


def _sources(layers, out: Path, report) -> Path:
    """Where the catalogued layers are: the fetched ones, else a copy of the mirror's inside `out`."""
    from border_map.pipeline.fetch import fetch_all  # noqa: PLC0415

    fetched = paths.boundary_dir()
    if all((fetched / layer.file).is_file() for layer in layers):
        return fetched
    mirror = paths.mirror_dir()
    if mirror is None:
        raise BorderMapError(
            "the boundary layers are not on this server (geodata/sources is empty and BORDER_MAP_MIRROR is not "
            "set): run `python -m border_map fetch` where the app runs"
        )
    dest = out / "sources"
    failures = fetch_all(layers, dest, mirror, report=report)
    if failures:
        raise BorderMapError(f"{len(failures)} boundary layers could not be copied from the mirror {mirror}")
    return dest


def check(table: Path, out: Path, *, name: str | None = None, sheet: str | None = None, report=print) -> dict:
    """Read, validate and match `table` (named `name` in messages), write the build and the report into `out`,
    and return the report."""
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    name = name or table.name
    result: dict = {"format": CHECK_FORMAT, "file": name, "ok": False, "table": None, "errors": [], "unmatched": []}
    result.update({"lines": {}, "build": None, "problem": None, "seconds": {}})
    try:
        try:
            read = read_table_file(table, sheet)
        except TableError as exc:
            exc.path = name
            result["errors"] = [_error(e) for e in (exc, *exc.more)]
            return result
        result["table"] = _table(read)
        result["lines"] = {row.pair_id: row.line for row in read.rows}
        result["seconds"]["read"] = round(time.perf_counter() - started, 2)

        from border_map.model.programme import facts  # noqa: PLC0415
        from border_map.pipeline.aliases import load_aliases  # noqa: PLC0415
        from border_map.pipeline.boundaries import load_boundaries  # noqa: PLC0415
        from border_map.pipeline.build import build_to_dir  # noqa: PLC0415
        from border_map.pipeline.catalogue import load_catalogue, source_record  # noqa: PLC0415

        layers = load_catalogue()
        districts, provinces, repaired = load_boundaries(layers, _sources(layers, out, report))
        result["seconds"]["boundaries"] = round(time.perf_counter() - started, 2)
        built = build_to_dir(
            read.rows,
            name,
            districts,
            provinces,
            load_aliases(),
            out / BUILD_NAME,
            sources=[source_record(layer) for layer in layers],
            districts_stated=facts().get("districts_stated"),
            repaired=repaired,
            started=started,
            table_read=read.describe(),
        )
        result["build"] = BUILD_NAME
        result["stats"] = built["stats"]
        for row in read.rows:
            link = _link(out, row.pair_id)
            for side, country, province, district in (
                ("thai", "THA", row.thai_province, row.thai_district),
                ("neighbour", row.nb_country, row.nb_province, row.nb_district),
            ):
                if link.get(f"{'thai' if side == 'thai' else 'nb'}_feature_id") is None:
                    result["unmatched"].append(
                        {
                            "pair_id": row.pair_id,
                            "line": row.line,
                            "side": side,
                            "country": country,
                            "province": province,
                            "district": district,
                            "candidates": closest(districts, country, province, district),
                        }
                    )
        result["ok"] = True
    except BorderMapError as exc:
        result["problem"] = str(exc)
    finally:
        result["seconds"]["total"] = round(time.perf_counter() - started, 2)
        (out / REPORT_NAME).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        _links.clear()
    return result


_links: dict[str, dict] = {}


def _link(out: Path, pair_id: str) -> dict:
    """One link of the build just written, as its properties."""
    if not _links:
        text = (out / BUILD_NAME / "links.geojson").read_text(encoding="utf-8")
        for feature in json.loads(text)["features"]:
            _links[feature["properties"]["pair_id"]] = feature["properties"]
    return _links.get(pair_id, {})
