"""Exports: a standalone HTML map, a static briefing site and PDFs, from the same briefings.

Files are written next to their target and moved into place in one rename, so a failed export leaves
nothing half-written, and with the permissions the user's umask gives (border_map.paths), not private ones.
Errors name the view or the path and what to do; the CLI turns them into exit codes.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import fontpkg_sarabun

from border_map.errors import BorderMapError
from border_map.model.briefing import ExportView, all_views, build_briefing, parse_view
from border_map.model.dataset import Dataset
from border_map.paths import new_temp_dir, new_temp_file
from border_map.render import maps
from border_map.render.export_html import FONT_WEIGHTS, Assets, font_file, leaflet_css, leaflet_js, page_html


class ExportPathError(BorderMapError):
    """The output path cannot be written."""


@dataclass(frozen=True)
class Result:
    path: Path
    files: int
    bytes: int
    seconds: float


def _writable_dir(folder: Path) -> None:
    if not folder.is_dir():
        raise ExportPathError(f"cannot write to {folder}: the folder does not exist")
    if not os.access(folder, os.W_OK):
        raise ExportPathError(f"cannot write to {folder}: permission denied")


def write_atomic(target: Path, content: bytes) -> None:
    _writable_dir(target.parent)
    handle, temp = new_temp_file(target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def html_bytes(data: Dataset, view: ExportView, lang: str) -> bytes:
    return page_html(data, build_briefing(data, view, lang)).encode("utf-8")


def export_html(data: Dataset, view_text: str, lang: str, out: Path) -> Result:
    started = time.perf_counter()
    view = parse_view(view_text, data)
    content = html_bytes(data, view, lang)
    write_atomic(Path(out), content)
    return Result(Path(out), 1, len(content), time.perf_counter() - started)


# --- the static site -----------------------------------------------------------------------------------


def site_path(view: ExportView) -> str:
    """Where a view's page lives in the site."""
    if view.kind == "overview":
        return "index.html"
    folder = {"province": "provinces", "pair": "pairs", "story": "stories"}[view.kind]
    return f"{folder}/{view.slug.split('-', 1)[1]}.html"


def site_files(data: Dataset, lang: str, progress: Callable[[int, int, str], None] | None = None) -> dict[str, bytes]:
    """Every file of the briefing site, by relative path: pages, and the assets they share."""
    views = all_views(data, lang)
    known = {(v.kind, v.key) for v in views}
    assets = Assets(prefix="")
    files: dict[str, bytes] = {}
    for number, view in enumerate(views, start=1):
        here = site_path(view)
        up = "../" * here.count("/")
        assets.prefix = up

        def links(target, up=up):
            if target == "index":
                return up + "index.html"
            return up + site_path(target) if (target.kind, target.key) in known else None

        files[here] = page_html(data, build_briefing(data, view, lang), assets, links).encode("utf-8")
        if progress:
            progress(number, len(views), here)
    files.update(assets.written)
    files["assets/leaflet.js"] = leaflet_js().encode("utf-8")
    files["assets/leaflet.css"] = leaflet_css().encode("utf-8")
    files["assets/map_labels.js"] = maps.labels_js().encode("utf-8")
    for style, _weight in FONT_WEIGHTS:
        files[f"assets/Sarabun-{style}.ttf"] = font_file(style).read_bytes()
    files["assets/Sarabun-OFL.txt"] = (fontpkg_sarabun.ROOT / "LICENSE").read_bytes()
    return files


def export_site(data: Dataset, lang: str, out: Path, progress: Callable[[int, int, str], None] | None = None) -> Result:
    """Write the site into `out` (replaced whole: a reader never sees a half-written site)."""
    started = time.perf_counter()
    out = Path(out)
    parent = out.parent
    _writable_dir(parent)
    files = site_files(data, lang, progress)
    staging = new_temp_dir(parent, prefix=f".{out.name}.", suffix=".part")
    try:
        for rel, content in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        old = None
        if out.exists():
            old = parent / f".{out.name}.old.{os.getpid()}"
            out.rename(old)
        staging.rename(out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Result(out, len(files), sum(len(c) for c in files.values()), time.perf_counter() - started)


def site_zip(data: Dataset, lang: str, progress: Callable[[int, int, str], None] | None = None) -> bytes:
    """The site as a zip. Its entries say rw-r--r--, as `zip` says of an ordinary file: `writestr` given a name
    says rw------- (Python's default), and an unzipped site could then be read by its owner only."""
    buffer = io.BytesIO()
    made = time.localtime()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel, content in site_files(data, lang, progress).items():
            entry = zipfile.ZipInfo(f"border_map-briefing-{lang}/{rel}", date_time=made)
            entry.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------


def export_pdf(data: Dataset, view_text: str, lang: str, out: Path) -> Result:
    from border_map.render.export_pdf import pdf_bytes  # noqa: PLC0415 - fpdf2 and HarfBuzz only when a PDF is asked for

    started = time.perf_counter()
    view = parse_view(view_text, data, allow_booklet=True)
    _writable_dir(Path(out).parent)  # before the work, not after it
    content = pdf_bytes(data, view, lang)
    write_atomic(Path(out), content)
    return Result(Path(out), 1, len(content), time.perf_counter() - started)


# --- the deck -------------------------------------------------------------------------------------------


def export_deck(data: Dataset, lang: str, border: str, out: Path) -> Result:
    """The workshop deck: offline HTML, or a 16:9 PDF when `out` ends in .pdf."""
    from border_map.model.resolve import resolve_border  # noqa: PLC0415
    from border_map.render.export_deck import deck_html, deck_pdf  # noqa: PLC0415

    started = time.perf_counter()
    found = resolve_border(border)
    key = found.value if found.ok else "both"
    out = Path(out)
    _writable_dir(out.parent)  # before the work, not after it
    content = deck_pdf(data, lang, key) if out.suffix.lower() == ".pdf" else deck_html(data, lang, key)
    write_atomic(out, content)
    return Result(out, 1, len(content), time.perf_counter() - started)
