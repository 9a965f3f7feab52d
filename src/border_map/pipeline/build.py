"""Join the pairs table to district geometry and write the layers every output reads.

`assemble` is pure (frames in, frames and findings out) so the same code serves the real boundaries
and the embedded point table; `build_to_dir` adds the file I/O; `publish` puts the build in place in one step.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from border_map.i18n import N_
from border_map.pipeline.aliases import Alias
from border_map.pipeline.findings import ADJACENCY_KM, Finding, district_count_finding, numbering_findings
from border_map.pipeline.geometry import METRIC_CRS, simplify_coverage
from border_map.pipeline.matching import Matcher
from border_map.pipeline.publish import publish
from border_map.pipeline.table import COLUMNS, PairRow

DISTRICT_TOLERANCE = 0.004  # degrees, about 400 m: keeps district shapes recognisable at zoom 10
PROVINCE_TOLERANCE = 0.03
REGION_MARGIN = 0.5  # degrees around the used districts: provinces beyond are not context


UNMATCHED_THAI = N_("Pair {pair}: the Thai district '{district}' ({province}) matches no boundary polygon: {reason}.")


@dataclass
class Assembly:
    districts: gpd.GeoDataFrame
    links: gpd.GeoDataFrame
    findings: list[Finding]
    stats: dict


def assemble(
    rows: list[PairRow],
    districts: gpd.GeoDataFrame,
    aliases: list[Alias],
    *,
    districts_stated: int | None = None,
    polygons: bool = True,
) -> Assembly:
    """Match every row; return used districts, one link per row, and the findings."""
    matcher = Matcher(districts, aliases)
    frame = matcher.districts
    metric = matcher.metric
    findings = numbering_findings(rows) + district_count_finding(rows, districts_stated)
    records, used = [], {}
    for row in rows:
        row_findings: list[str] = []
        thai = matcher.match("THA", row.thai_province, row.thai_district)
        nb = matcher.match(row.nb_country, row.nb_province, row.nb_district, thai.index)
        for side, match, country, province, district in (
            ("Thai", thai, "THA", row.thai_province, row.thai_district),
            ("neighbour", nb, row.nb_country, row.nb_province, row.nb_district),
        ):
            if not match.matched:
                row_findings.append("unmatched")
                findings.append(
                    Finding(
                        "unmatched",
                        UNMATCHED_THAI
                        if side == "Thai"
                        else N_(
                            "Pair {pair}: the neighbour district '{district}' ({province}) matches no boundary "
                            "polygon: {reason}."
                        ),
                        {"pair": row.pair_id, "district": district, "province": province, "reason": match.reason},
                        [row.pair_id],
                    )
                )
                continue
            used[match.index] = True
            source_name = frame.district[match.index]
            if match.method == "fuzzy":
                row_findings.append("fuzzy_match")
                findings.append(
                    Finding(
                        "fuzzy_match",
                        N_(
                            "Pair {pair}: '{district}' was matched by similarity to '{source}' "
                            "(score {score:.0f}/100); add it to the alias table once reviewed."
                        ),
                        {"pair": row.pair_id, "district": district, "source": source_name, "score": match.score},
                        [row.pair_id],
                    )
                )
            if not match.in_stated_province:
                share = float(frame.province_share[match.index])
                row_findings.append("province_mismatch")
                values = {"pair": row.pair_id, "district": district, "province": province, "source": source_name}
                findings.append(
                    Finding(
                        "province_mismatch",
                        N_(
                            "Pair {pair}: the table puts {district} in {province}, but the boundary data places "
                            "{source} in {where}."
                        )
                        if share >= 0.995
                        else N_(
                            "Pair {pair}: the table puts {district} in {province}, but the boundary data places "
                            "{source} in {where} ({share:.0%} of its area)."
                        ),
                        {**values, "where": match.province, "share": share},
                        [row.pair_id],
                        {
                            "district": ["district", country, province, district],
                            "province": ["province", country, province],
                            "where": ["source_province", country, match.province],
                            # The polygon it matched, by id: named as the table names it (localnames).
                            "source": ["source_district", country, frame.feature_id[match.index], source_name],
                        },
                    )
                )
        geometry, distance = None, None
        if thai.matched and nb.matched:
            a, b = metric.iloc[thai.index], metric.iloc[nb.index]
            if polygons:
                distance = round(float(a.distance(b)) / 1000.0, 2)
                if distance > ADJACENCY_KM:
                    row_findings.append("not_adjacent")
                    findings.append(
                        Finding(
                            "not_adjacent",
                            N_(
                                "Pair {pair}: {thai} and {neighbour} are {km:.1f} km apart; parallel areas are "
                                "expected to share the border (tolerance {tolerance:g} km, as the countries' "
                                "boundary data do not meet exactly)."
                            ),
                            {
                                "pair": row.pair_id,
                                "thai": row.thai_district,
                                "neighbour": row.nb_district,
                                "km": distance,
                                "tolerance": ADJACENCY_KM,
                            },
                            [row.pair_id],
                            {
                                "thai": ["district", "THA", row.thai_province, row.thai_district],
                                "neighbour": ["district", row.nb_country, row.nb_province, row.nb_district],
                            },
                        )
                    )
            geometry = shapely.LineString(
                [
                    frame.geometry.iloc[thai.index].representative_point(),
                    frame.geometry.iloc[nb.index].representative_point(),
                ]
            )
        records.append(
            {
                "pair_id": row.pair_id,
                **row.as_stated(),
                "thai_feature_id": frame.feature_id[thai.index] if thai.matched else None,
                "nb_feature_id": frame.feature_id[nb.index] if nb.matched else None,
                "thai_source_name": frame.district[thai.index] if thai.matched else None,
                "nb_source_name": frame.district[nb.index] if nb.matched else None,
                "thai_match": thai.method if thai.score is None else f"{thai.method} {thai.score:.0f}",
                "nb_match": nb.method if nb.score is None else f"{nb.method} {nb.score:.0f}",
                "distance_km": distance,
                "status": "matched" if thai.matched and nb.matched else "unmatched",
                "findings": sorted(set(row_findings)),
                "geometry": geometry,
            }
        )
    links = gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326")
    if polygons:
        findings += _unlisted_neighbours(rows, links, frame, metric)
    used_frame = frame.loc[sorted(used)].drop(columns=["province_share"])
    stats = {
        "rows": len(rows),
        "matched": int((links.status == "matched").sum()),
        "unmatched": int((links.status != "matched").sum()),
        "thai_districts": int((used_frame.country == "THA").sum()),
        "neighbour_districts": int((used_frame.country != "THA").sum()),
    }
    return Assembly(used_frame, links, findings, stats)


def _unlisted_neighbours(rows, links, frame, metric) -> list[Finding]:
    """For information: neighbour districts within the tolerance of a listed Thai district."""
    listed: dict[str, set] = {}
    thai_ids: dict[str, int] = {}
    for link in links.itertuples():
        if pd.notna(link.thai_feature_id):  # pandas' str dtype turns None into NaN, which is truthy
            listed.setdefault(link.thai_feature_id, set()).add(link.nb_feature_id)
    ids = frame.feature_id.tolist()
    for fid in listed:
        thai_ids[fid] = ids.index(fid)
    foreign = frame.index[frame.country != "THA"]
    tree = shapely.STRtree(metric.loc[foreign].values)
    out = []
    for fid, i in thai_ids.items():
        hits = tree.query(metric.iloc[i], predicate="dwithin", distance=ADJACENCY_KM * 1000)
        extra = [foreign[h] for h in hits if frame.feature_id[foreign[h]] not in listed[fid]]
        if not extra:
            continue
        pair_ids = [link.pair_id for link in links.itertuples() if link.thai_feature_id == fid]
        names = ", ".join(f"{frame.district[j]} ({frame.province[j]})" for j in sorted(extra))
        out.append(
            Finding(
                "unlisted_neighbour",
                N_("{district} ({province}) also borders {names}, which the table does not list as its parallel area."),
                {"district": frame.district[i], "province": frame.province[i], "names": names},
                pair_ids,
                {
                    "district": ["source_district", "THA", fid, frame.district[i]],
                    "province": ["source_province", "THA", frame.province[i]],
                    "names": [
                        "source_districts",
                        [
                            [frame.country[j], frame.feature_id[j], frame.district[j], frame.province[j]]
                            for j in sorted(extra)
                        ],
                    ],
                },
            )
        )
    return out


def web_layers(
    assembly: Assembly, all_districts: gpd.GeoDataFrame, provinces: gpd.GeoDataFrame
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Simplified, rounded layers for the browser. Districts are simplified per country as a coverage."""
    used = assembly.districts
    parts = []
    for _country, group in used.groupby("country", sort=False):
        parts.append(simplify_coverage(group, DISTRICT_TOLERANCE))
    districts = gpd.GeoDataFrame(pd.concat(parts).loc[used.index], crs="EPSG:4326")
    west, south, east, north = used.total_bounds
    region = shapely.box(west - REGION_MARGIN, south - REGION_MARGIN, east + REGION_MARGIN, north + REGION_MARGIN)
    nearby = provinces[provinces.intersects(region)]
    prov_parts = [simplify_coverage(group, PROVINCE_TOLERANCE) for _, group in nearby.groupby("country")]
    provinces_web = gpd.GeoDataFrame(pd.concat(prov_parts, ignore_index=True), crs="EPSG:4326")
    links = assembly.links.copy()
    links["geometry"] = shapely.set_precision(links.geometry.values, 1e-5)
    return districts, links, provinces_web


def geojson_text(frame: gpd.GeoDataFrame) -> str:
    return frame.to_json(na="null", show_bbox=False, drop_id=True, ensure_ascii=False, separators=(",", ":"))


def build_to_dir(
    rows: list[PairRow],
    table_path: str,
    all_districts: gpd.GeoDataFrame,
    provinces: gpd.GeoDataFrame,
    aliases: list[Alias],
    out_dir: Path,
    *,
    sources: list[dict],
    districts_stated: int | None,
    repaired: int,
    started: float,
    table_read: str | None = None,
) -> dict:
    assembly = assemble(rows, all_districts, aliases, districts_stated=districts_stated)
    districts, links, provinces_web = web_layers(assembly, all_districts, provinces)
    texts = {
        "districts.geojson": geojson_text(districts),
        "links.geojson": geojson_text(links),
        "provinces.geojson": geojson_text(provinces_web),
    }
    overview = len(texts["districts.geojson"].encode()) + len(texts["links.geojson"].encode())
    report = {
        "table": str(table_path),
        "table_read": table_read or "CSV",
        "columns": list(COLUMNS),
        "stats": {
            **assembly.stats,
            "repaired_geometries": repaired,
            "overview_bytes": overview,
            "metric_crs": METRIC_CRS,
            "adjacency_km": ADJACENCY_KM,
        },
        "findings": [f.as_dict() for f in assembly.findings],
        "sources": sources,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    report["stats"]["build_seconds"] = round(time.perf_counter() - started, 2)
    texts["report.json"] = json.dumps(report, ensure_ascii=False, indent=1)
    # Layers the user supplied are named in the manifest too: every reader of the build learns of them there.
    supplied = [{"layer": s["id"], **s["supplied"]} for s in sources if s.get("supplied")]
    folder, manifest = publish(Path(out_dir), texts, supplied=supplied)
    report["sizes"] = {name: entry["bytes"] for name, entry in manifest["files"].items()}
    report["build_id"], report["folder"] = manifest["build_id"], str(folder)
    return report
