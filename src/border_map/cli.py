"""Command line: `python -m border_map fetch|build|check|points|export`. Only wiring; the work is in the modules.

Exit status: 0 done, 1 a fetch or boundary problem, 2 a broken input table.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from border_map import paths
from border_map.errors import BorderMapError, TableError


def _err(message: str) -> None:
    print(f"border_map: {message}", file=sys.stderr)


def cmd_fetch(args) -> int:
    from border_map.pipeline.catalogue import load_catalogue
    from border_map.pipeline.fetch import fetch_all

    mirror = Path(args.mirror) if args.mirror else paths.mirror_dir()
    dest = Path(args.dest) if args.dest else paths.boundary_dir()
    layers = load_catalogue(args.catalogue or paths.CATALOGUE_PATH)
    started = time.perf_counter()
    where = f"mirror {mirror}" if mirror else "public URLs"
    print(f"Fetching {len(layers)} boundary layers from {where} into {dest}", file=sys.stderr)
    failures = fetch_all(layers, dest, mirror, report=lambda line: print(line, file=sys.stderr))
    took = time.perf_counter() - started
    if failures:
        _err(f"{len(failures)} of {len(layers)} layers failed ({took:.1f} s); the others are in place")
        return 1
    print(f"All {len(layers)} layers verified in {took:.1f} s", file=sys.stderr)
    return 0


def cmd_build(args) -> int:
    started = time.perf_counter()
    from border_map.pipeline.aliases import load_aliases
    from border_map.pipeline.table import read_table_file

    table = Path(args.table) if args.table else paths.PAIRS_CSV
    # before anything heavy: a broken table must fail fast, writing nothing
    read = read_table_file(table, args.sheet)
    rows = read.rows
    print(f"Read {len(rows)} rows of {table} ({read.describe()})", file=sys.stderr)
    from border_map.model.programme import facts
    from border_map.pipeline.boundaries import load_boundaries, parse_boundary, read_supplied
    from border_map.pipeline.build import build_to_dir
    from border_map.pipeline.catalogue import by_id, load_catalogue, source_record

    layers = load_catalogue(args.catalogue or paths.CATALOGUE_PATH)
    wanted_all = [parse_boundary(option, layers) for option in args.boundary or []]  # every id known before reading
    supplied = {}
    for wanted in wanted_all:
        if wanted.layer_id in supplied:
            raise BorderMapError(f"--boundary {wanted.layer_id} is given twice; give each layer once")
        found = read_supplied(by_id(layers)[wanted.layer_id], wanted)
        supplied[wanted.layer_id] = found
        crs = "EPSG:4326" if found.crs in ("EPSG:4326", "OGC:CRS84") else f"{found.crs} reprojected to EPSG:4326"
        print(
            f"Layer {wanted.layer_id} supplied by the user: {wanted.path} ({len(found.frame)} features, {crs})",
            file=sys.stderr,
        )
    source_dir = Path(args.sources) if args.sources else paths.boundary_dir()
    fetched = len(layers) - len(supplied)
    print(f"Reading {fetched} boundary layers from {source_dir}", file=sys.stderr)
    districts, provinces, repaired = load_boundaries(layers, source_dir, supplied)
    print(f"Matching {len(rows)} rows of {table}", file=sys.stderr)
    sources = [supplied[layer.id].record if layer.id in supplied else source_record(layer) for layer in layers]
    out = Path(args.out) if args.out else paths.build_dir()
    report = build_to_dir(
        rows,
        str(table),
        districts,
        provinces,
        load_aliases(),
        out,
        sources=sources,
        districts_stated=facts().get("districts_stated"),
        repaired=repaired,
        started=started,
        table_read=read.describe(),
    )
    stats = report["stats"]
    kinds: dict[str, int] = {}
    for finding in report["findings"]:
        kinds[finding["kind"]] = kinds.get(finding["kind"], 0) + 1
    print(
        f"{stats['matched']}/{stats['rows']} pairs matched, {stats['unmatched']} unmatched; findings: "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        + f"; overview {stats['overview_bytes'] / 1024:.0f} KB; build {report['build_id']} in place at {out} "
        f"in {time.perf_counter() - started:.2f} s",
        file=sys.stderr,
    )
    return 0


def cmd_check(args) -> int:
    """Check a revised table without touching the served build: a build and check.json in --out only."""
    import json

    from border_map.pipeline.check import check

    out = Path(args.out)
    result = check(
        Path(args.table), out, name=args.name, sheet=args.sheet, report=lambda line: print(line, file=sys.stderr)
    )
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    for error in result["errors"]:
        where = ", ".join(
            ([f"sheet '{error['sheet']}'"] if error["sheet"] else [])
            + ([f"{error['unit']} {error['line']}"] if error["line"] else [])
        )
        _err(f"{result['file']}, {where}: {error['problem']}" if where else f"{result['file']}: {error['problem']}")
    if result["problem"]:
        _err(result["problem"])
        return 1
    if result["errors"]:
        return 2
    stats = result["stats"]
    print(
        f"{result['file']} ({result['table']['read']}): {stats['matched']}/{stats['rows']} pairs matched, "
        f"{len(result['unmatched'])} names unmatched; build and report in {out} in {result['seconds']['total']:.2f} s",
        file=sys.stderr,
    )
    return 0


def cmd_points(args) -> int:
    from border_map.pipeline.points import write_points, write_points_build

    if not args.from_csv:
        build = Path(args.build) if args.build else paths.build_dir()
        count = write_points(build, Path(args.out) if args.out else paths.POINTS_CSV)
        print(f"Wrote {count} district points", file=sys.stderr)
    if args.out and not args.from_csv:
        return 0  # points written elsewhere: the packaged build stays made from the packaged points
    manifest = write_points_build()
    print(f"Wrote the packaged points build {manifest['build_id']} to {paths.POINTS_BUILD}", file=sys.stderr)
    return 0


def cmd_export(args) -> int:
    from border_map.model.briefing import ViewError
    from border_map.model.dataset import load_dataset
    from border_map.render.export import export_deck, export_html, export_pdf, export_site

    data = load_dataset()
    if data.notice_reason:
        _err(f"exporting from the embedded district points: {data.notice_reason}")
    elif data.part_notice_reason:
        _err(f"exporting without province outlines: {data.part_notice_reason}")
    try:
        if args.format == "site":
            result = export_site(data, args.lang, Path(args.out))
        elif args.format == "deck":
            result = export_deck(data, args.lang, args.border, Path(args.out))
        elif args.view is None:
            _err(f"export {args.format} needs --view (overview, province:NAME, pair:ID, story:ID)")
            return 2
        elif args.format == "html":
            result = export_html(data, args.view, args.lang, Path(args.out))
        else:
            result = export_pdf(data, args.view, args.lang, Path(args.out))
    except ViewError as exc:
        _err(str(exc))
        return 2
    except OSError as exc:
        _err(f"cannot write {args.out}: {exc.strerror or exc}")
        return 1
    print(
        f"Wrote {result.path} ({result.files} file{'s' if result.files != 1 else ''}, "
        f"{result.bytes / 1024:.0f} KB) in {result.seconds:.2f} s",
        file=sys.stderr,
    )
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m border_map", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    fetch = sub.add_parser("fetch", help="download and verify the boundary layers")
    fetch.add_argument("--mirror", help="copy from this directory (laid out like shared/geodata)")
    fetch.add_argument("--dest", help="store here (default geodata/sources or $BORDER_MAP_GEODATA)")
    fetch.add_argument("--catalogue", help="catalogue JSON (default: the packaged boundaries.json)")
    fetch.set_defaults(run=cmd_fetch)
    build = sub.add_parser("build", help="match the pairs table and write the map layers")
    build.add_argument(
        "--table", help="pairs table: CSV (UTF-8, UTF-8 with BOM, cp874), .xlsx or .ods (default: the packaged table)"
    )
    build.add_argument("--sheet", help="the workbook's sheet holding the table (default: the first)")
    build.add_argument(
        "--boundary",
        action="append",
        metavar="ID=FILE[:EXPECTED=COLUMN,...]",
        help="replace the catalogued layer ID with a vector file (zipped shapefile, .shp, .gpkg, .geojson); "
        "map the file's own column names to the expected ones after a colon (layer=NAME picks a GeoPackage layer); "
        "repeatable",
    )
    build.add_argument("--out", help="output directory (default geodata/build or $BORDER_MAP_DATA)")
    build.add_argument("--sources", help="fetched layers (default geodata/sources)")
    build.add_argument("--catalogue", help="catalogue JSON (default: the packaged boundaries.json)")
    build.set_defaults(run=cmd_build)
    check = sub.add_parser(
        "check", help="check a revised table against the boundaries; writes a build and check.json into --out only"
    )
    check.add_argument("--table", required=True, help="pairs table: CSV, .xlsx or .ods (as build --table)")
    check.add_argument("--sheet", help="the workbook's sheet holding the table (default: the first)")
    check.add_argument("--name", help="the file's name in messages (default: its own)")
    check.add_argument("--out", required=True, help="folder for the build and check.json (made if missing)")
    check.add_argument("--json", action="store_true", help="also print the report as JSON")
    check.set_defaults(run=cmd_check)
    points = sub.add_parser(
        "points", help="rebuild the packaged district points from a build, and the packaged points build from them"
    )
    points.add_argument("--build", help="build directory to read")
    points.add_argument("--out", help="CSV to write instead of the packaged one (the packaged build is left alone)")
    points.add_argument(
        "--from-csv", action="store_true", help="only remake the packaged points build from the packaged points"
    )
    points.set_defaults(run=cmd_points)
    export = sub.add_parser("export", help="briefings that need no server: standalone HTML, a static site, PDF")
    export.add_argument("format", choices=["html", "pdf", "site", "deck"], help="deck: .html or .pdf by --out")
    export.add_argument("--view", help="overview, province:NAME, pair:ID, story:ID (PDF also: booklet)")
    export.add_argument("--lang", choices=["en", "th"], default="en")
    export.add_argument("--border", choices=["both", "laos", "cambodia"], default="both", help="the deck's pairs")
    export.add_argument("--out", required=True, help="file to write (a folder for site)")
    export.set_defaults(run=cmd_export)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except TableError as exc:
        for error in (exc, *exc.more):
            _err(str(error))
        return 2
    except BorderMapError as exc:
        _err(str(exc))
        return 1
