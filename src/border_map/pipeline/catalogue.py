"""The boundary catalogue: what each layer is, where it comes from, and how to check it.

A layer record without source, licence, attribution or checksum is refused: the app must always be
able to say where a line on the map came from and under which terms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from border_map.errors import CatalogueError
from border_map.model.schemas import CATALOGUE, problem
from border_map.paths import CATALOGUE_PATH


@dataclass(frozen=True)
class Layer:
    id: str
    country: str
    level: str
    role: str
    file: str
    url: str
    source: str
    licence: str
    licence_url: str
    attribution: str
    sha256: str
    bytes: int
    features: int
    columns: tuple[str, ...]
    name_column: str
    id_column: str | None = None
    name_th_column: str | None = None
    parent_column: str | None = None
    parent_th_column: str | None = None
    extract_lines: tuple[int, int] | None = None
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def _layer(record: dict) -> Layer:
    known = set(Layer.__dataclass_fields__) - {"extra"}
    extract = record.get("extract_lines")
    return Layer(
        **{key: record[key] for key in known if key in record and key not in ("columns", "extract_lines")},
        columns=tuple(record["columns"]),
        extract_lines=tuple(extract) if extract else None,
        extra={key: value for key, value in record.items() if key not in known},
    )


def load_catalogue(path: str | Path = CATALOGUE_PATH) -> list[Layer]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"{path.name}: cannot read the boundary catalogue ({exc})") from None
    wrong = problem(data, CATALOGUE)
    if wrong:
        raise CatalogueError(f"{path.name}: not a valid boundary catalogue ({wrong})")
    layers = [_layer(record) for record in data["layers"]]
    ids = [layer.id for layer in layers]
    if len(set(ids)) != len(ids):
        raise CatalogueError(f"{path.name}: repeated layer ids")
    return layers


PUBLIC_KEYS = ("id", "country", "level", "source", "url", "licence", "licence_url", "attribution", "sha256")


def source_record(layer: Layer) -> dict:
    """What the report and the app show about a layer: where it is from and under which terms."""
    return {key: getattr(layer, key) for key in PUBLIC_KEYS}


def by_id(layers: list[Layer]) -> dict[str, Layer]:
    return {layer.id: layer for layer in layers}
