"""The shapes of the JSON files border_map reads: the boundary catalogue, a build's report and its manifest.

Checked with jsonschema, so a file that is `{}`, has a field of the wrong type or misses one is refused with
one sentence naming the file and the place in it, never a KeyError three modules later.
"""

from __future__ import annotations

from jsonschema import Draft202012Validator

SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
TEXT = {"type": "string", "minLength": 1}
COUNT = {"type": "integer", "minimum": 0}
STATS = ("rows", "matched", "unmatched", "thai_districts", "neighbour_districts")

CATALOGUE = {
    "type": "object",
    "required": ["layers"],
    "properties": {
        "layers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": [
                    "id",
                    "country",
                    "level",
                    "role",
                    "file",
                    "url",
                    "source",
                    "licence",
                    "licence_url",
                    "attribution",
                    "sha256",
                    "bytes",
                    "features",
                    "columns",
                    "name_column",
                ],
                "properties": {
                    "id": TEXT,
                    "country": {"enum": ["THA", "LAO", "KHM"]},
                    "level": TEXT,
                    "role": TEXT,
                    "file": TEXT,
                    "url": {"type": "string", "pattern": "^https?://"},
                    "source": TEXT,
                    "licence": TEXT,
                    "licence_url": TEXT,
                    "attribution": TEXT,
                    "sha256": SHA256,
                    "bytes": {"type": "integer", "minimum": 1},
                    "features": {"type": "integer", "minimum": 1},
                    "columns": {"type": "array", "minItems": 1, "items": TEXT},
                    "name_column": TEXT,
                    "extract_lines": {"type": "array", "items": {"type": "integer", "minimum": 1}, "minItems": 2},
                },
            },
        }
    },
}

REPORT = {
    "type": "object",
    "required": ["findings", "stats", "sources"],
    "properties": {
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "template", "values", "pair_ids", "message", "severity"],
                "properties": {
                    "kind": TEXT,
                    "template": TEXT,
                    "plural": TEXT,
                    "values": {"type": "object"},
                    "pair_ids": {"type": "array"},
                    "places": {"type": "object"},
                },
            },
        },
        "stats": {
            "type": "object",
            "required": ["rows", "matched", "unmatched", "thai_districts", "neighbour_districts"],
            "properties": dict.fromkeys(
                ("rows", "matched", "unmatched", "thai_districts", "neighbour_districts"), COUNT
            ),
        },
        "sources": {
            "type": "array",
            "items": {"type": "object", "required": ["id", "source", "licence", "attribution"]},
        },
    },
}

MANIFEST_FORMAT = 1
MANIFEST = {
    "type": "object",
    "required": ["format", "build_id", "created", "files"],
    "properties": {
        "format": {"const": MANIFEST_FORMAT},
        "build_id": {"type": "string", "pattern": "^[0-9A-Za-z._-]+$"},
        "created": TEXT,
        "files": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "required": ["sha256", "bytes"],
                "properties": {"sha256": SHA256, "bytes": COUNT},
            },
        },
        # Boundary layers the user supplied in place of catalogued ones (build --boundary ID=FILE).
        "supplied": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["layer", "file", "sha256"],
                "properties": {"layer": TEXT, "file": TEXT, "sha256": SHA256, "features": COUNT},
            },
        },
    },
}


def problem(instance: object, schema: dict) -> str | None:
    """The first problem found, said as a reader would look for it ('at layers[2].sha256: ...'); None if valid."""
    errors = sorted(Draft202012Validator(schema).iter_errors(instance), key=lambda e: (len(e.path), list(e.path)))
    if not errors:
        return None
    error = errors[0]
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path).lstrip(".")
    return f"at {where}: {error.message}" if where else error.message
