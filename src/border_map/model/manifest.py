"""Reading a build as its manifest describes it: which folder the build name points at now, and which files
differ from what the manifest records. The pipeline writes builds in this form (pipeline/publish.py)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

MANIFEST = "manifest.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def current(out_dir: Path) -> Path:
    """The folder a reader should read: the link's target (or the folder itself, for a copied build).
    One readlink, not a full resolve: every page run of every viewer asks."""
    out_dir = Path(out_dir)
    try:
        return out_dir.parent / os.readlink(out_dir)
    except OSError:  # not a link: a folder copied by hand, or nothing there yet
        return out_dir


def verify(folder: Path, manifest: dict) -> list[str]:
    """Files whose bytes differ from the manifest: from another build, edited, truncated or missing."""
    wrong = []
    for name, expected in manifest["files"].items():
        try:
            data = (folder / name).read_bytes()
        except OSError:
            wrong.append(name)
            continue
        if len(data) != expected["bytes"] or digest(data) != expected["sha256"]:
            wrong.append(name)
    return wrong
