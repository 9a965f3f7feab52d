"""Where things live, anchored at the package, never at the working directory; and how new files are made."""

from __future__ import annotations

import os
import secrets
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


# --- new files and folders ---------------------------------------------------------------------------
# New files and folders under a temporary name, with the permissions the user's umask gives.
#
# Exports and builds are written under a temporary name and renamed into place, so a reader never sees half a
# file. Python's `tempfile` makes those names private (files 0600, folders 0700) and a rename keeps that: a site
# copied to a shared drive, or served by a web server running as another user, could not be read. These are made
# with the modes an ordinary `open` or `mkdir` asks for (0666, 0777), which the kernel narrows by the umask (and
# a folder's default ACL), so the result is whatever the user's other files get. The umask is never read or
# changed here: that would race with other threads of the same process (the app's server).

_ATTEMPTS = 100


def _name(folder: Path, prefix: str, suffix: str) -> Path:
    return Path(folder) / f"{prefix}{secrets.token_hex(6)}{suffix}"


def new_temp_file(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """A new, empty file in `folder` under a name no one else has; returns its open descriptor (for writing)
    and its path. O_EXCL: never an existing file, nor a link planted under the name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        path = _name(folder, prefix, suffix)
        try:
            return os.open(path, flags, 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def new_temp_dir(folder: Path, prefix: str, suffix: str) -> Path:
    """A new, empty folder in `folder` under a name no one else has."""
    for _ in range(_ATTEMPTS):
        path = _name(folder, prefix, suffix)
        try:
            path.mkdir(0o777)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def remake_empty(path: Path) -> None:
    """Make an empty file that someone else created privately (pooch's temporary download, 0600) again as a new
    file, so what is then written into it and renamed into place gets the user's umask too."""
    os.unlink(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666))
