"""Put a build in place in one step, and read back only a build that is whole.

The name readers use (geodata/build, or `--out`) is a symbolic link to one folder per build, kept in a hidden
sibling folder. A build writes its files and a manifest (build id, each file's sha256 and size) into a new
folder, renames that folder into the store, and then swaps the link with one `os.replace`: a reader sees the
old build or the new one, never a mix, and a build killed at any moment leaves the last good build in place.
Its half-written folder is swept by the next build. Readers resolve the link once and read every file from
that folder, so a swap during a read does not mix either; the previous build is kept for such readers.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from border_map.model.manifest import MANIFEST, current, digest
from border_map.model.schemas import MANIFEST_FORMAT

PARTIAL = ".partial-"
KEEP = 2  # the current build and the one before it (a reader may still be reading it)


def store_of(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}-builds"


def manifest_for(
    files: dict[str, bytes], build_id: str, created: str | None = None, supplied: list[dict] | None = None
) -> dict:
    manifest = {
        "format": MANIFEST_FORMAT,
        "build_id": build_id,
        "created": created or time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "files": {name: {"sha256": digest(data), "bytes": len(data)} for name, data in sorted(files.items())},
    }
    if supplied:  # boundary layers the user supplied in place of catalogued ones (build --boundary)
        manifest["supplied"] = supplied
    return manifest


def sweep(store: Path, keep: set[str]) -> None:
    """Folders of killed builds, and builds older than the ones kept."""
    if not store.is_dir():
        return
    builds = sorted((p for p in store.iterdir() if p.is_dir() and not p.name.startswith(PARTIAL)), key=_age)
    stale = [p for p in store.iterdir() if p.name.startswith(PARTIAL)] + builds[:-KEEP]
    for folder in stale:
        if folder.name not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def _age(folder: Path) -> float:
    return folder.stat().st_mtime


def publish(out_dir: Path, texts: dict[str, str], supplied: list[dict] | None = None) -> tuple[Path, dict]:
    """Write `texts` as one build behind `out_dir`; return the build's folder and its manifest (which names the
    boundary layers the user `supplied`, if any)."""
    out_dir = Path(out_dir)
    store = store_of(out_dir)
    store.mkdir(parents=True, exist_ok=True)
    sweep(store, keep={current(out_dir).name} if out_dir.is_symlink() else set())
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    content = digest(b"".join(digest(files[name]).encode() for name in sorted(files)))[:12]
    build_id = f"{time.strftime('%Y%m%dT%H%M%S')}-{content}"
    manifest = manifest_for(files, build_id, supplied=supplied)
    partial = store / f"{PARTIAL}{build_id}-{os.getpid()}"
    partial.mkdir()
    try:
        for name, data in {**files, MANIFEST: json.dumps(manifest, indent=1).encode()}.items():
            with open(partial / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        final = store / build_id
        if final.exists():  # the same content built twice in one second
            shutil.rmtree(final)
        os.rename(partial, final)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    for stale in out_dir.parent.glob(f".{out_dir.name}.link-*"):  # a build killed just before its swap
        stale.unlink(missing_ok=True)
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    os.symlink(os.path.relpath(final, out_dir.parent), link)
    if out_dir.is_dir() and not out_dir.is_symlink():
        if any(out_dir.iterdir()):
            # A folder from before builds were published as links: moved aside once, kept as the previous build.
            os.rename(out_dir, store / f"earlier-{time.strftime('%Y%m%dT%H%M%S')}")
        else:
            out_dir.rmdir()  # an empty folder made for the output
    os.replace(link, out_dir)
    sweep(store, keep={final.name})
    return final, manifest


def write_fixed(folder: Path, texts: dict[str, str], *, created: str) -> dict:
    """A build written as plain files into `folder` (no link, no store): the packaged points build, which is
    package data and must be byte-for-byte the same each time it is made from the same inputs."""
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    content = digest(b"".join(digest(data).encode() for _, data in sorted(files.items())))[:12]
    manifest = manifest_for(files, f"points-{content}", created=created)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.iterdir():
        if stale.is_file() and stale.name not in files and stale.name != MANIFEST:
            stale.unlink()
    for name, data in {**files, MANIFEST: (json.dumps(manifest, indent=1) + "\n").encode()}.items():
        (folder / name).write_bytes(data)
    return manifest
