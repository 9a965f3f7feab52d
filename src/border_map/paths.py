"""Where things live. Anchored at the package, never at the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
# src/border_map -> src -> project root, in a checkout (an editable install keeps this layout). Installed as
# a wheel, the package has no project around it: fetched and built layers then go under the working folder.
PROJECT_DIR = PACKAGE_DIR.parent.parent
GEODATA_DIR = (PROJECT_DIR if (PROJECT_DIR / "pyproject.toml").is_file() else Path.cwd()) / "geodata"
CATALOGUE_PATH = DATA_DIR / "boundaries.json"  # package data: found by any install

PAIRS_CSV = DATA_DIR / "pairs.csv"
ALIASES_CSV = DATA_DIR / "aliases.csv"
FACTS_JSON = DATA_DIR / "facts.json"
STORIES_JSON = DATA_DIR / "stories.json"
POINTS_CSV = DATA_DIR / "district_points.csv"
# The fallback build: the table drawn on district points, read by the same loader as a real build.
POINTS_BUILD = DATA_DIR / "points"
NAMES_TH_CSV = DATA_DIR / "names_th.csv"
DATA_CATALOGUE = DATA_DIR / "catalogue.json"


def boundary_dir() -> Path:
    """Fetched layers; `BORDER_MAP_GEODATA` moves them (tests use a temporary directory)."""
    return Path(os.environ.get("BORDER_MAP_GEODATA", GEODATA_DIR / "sources"))


def build_dir() -> Path:
    """Built layers read by every output; `BORDER_MAP_DATA` points elsewhere."""
    return Path(os.environ.get("BORDER_MAP_DATA", GEODATA_DIR / "build"))


def mirror_dir() -> Path | None:
    value = os.environ.get("BORDER_MAP_MIRROR")
    return Path(value) if value else None
