"""New files and folders under a temporary name, with the permissions the user's umask gives.

Exports and builds are written under a temporary name and renamed into place, so a reader never sees half a
file. Python's `tempfile` makes those names private (files 0600, folders 0700) and a rename keeps that: a site
copied to a shared drive, or served by a web server running as another user, could not be read. These are made
with the modes an ordinary `open` or `mkdir` asks for (0666, 0777), which the kernel narrows by the umask (and
a folder's default ACL), so the result is whatever the user's other files get. The umask is never read or
changed here: that would race with other threads of the same process (the app's server).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

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
