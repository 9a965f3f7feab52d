"""Get every catalogued layer into the local boundary directory, verified by checksum.

Through pooch: from the layer's public URL, retried on a dropped connection, or from a mirror directory
(laid out like shared/geodata) when one is given. pooch writes to a temporary name and moves the file into
place only once its sha256 matches, so an interrupted fetch never leaves a half file a later build would
trust, and a file already in place with the right checksum is not fetched again. pooch's temporary file is
private (0600); it is made again before it is filled, so a layer gets the user's umask like any other file.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pooch
import requests

from border_map import paths
from border_map.errors import FetchError
from border_map.pipeline.catalogue import Layer

Report = Callable[[str], None]
CHUNK = 64 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_lines(raw: bytes, first: int, last: int) -> bytes:
    """Lines first..last (1-based, inclusive) — used where a published blob wraps the data."""
    lines = raw.splitlines(keepends=True)
    if len(lines) < last:
        raise FetchError(f"expected at least {last} lines, got {len(lines)}")
    return b"".join(lines[first - 1 : last])


class Progress:
    """pooch's progress-bar protocol (total, update, reset, close), said in tenths on the report line."""

    def __init__(self, report: Report):
        self.report, self.total, self.done, self.shown = report, 0, 0, -1

    def update(self, count: int) -> None:
        self.done += count
        if self.total:
            tenth = self.done * 10 // self.total
            if tenth != self.shown:
                self.shown = tenth
                self.report(f"    {self.done / 1e6:.1f} / {self.total / 1e6:.1f} MB")

    def reset(self) -> None:
        self.done, self.shown = 0, -1

    def close(self) -> None:
        pass


def _reason(exc: Exception) -> str:
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "connection dropped before the whole file arrived"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "cannot connect"
    if isinstance(exc, requests.exceptions.Timeout):
        return "timed out"
    return str(exc)


def _downloader(layer: Layer, mirror: Path | None, report: Report, timeout: float, retries: int, calls: list):
    """What pooch calls to fill its temporary file: a copy from the mirror, or an HTTP download (then the
    catalogued lines cut out of a wrapped blob). pooch checks the checksum on the result."""
    http = pooch.HTTPDownloader(progressbar=Progress(report), timeout=timeout, headers={"User-Agent": "border_map"})

    def download(url: str, output_file: str, _pooch) -> None:
        calls.append(url)
        paths.remake_empty(Path(output_file))
        if mirror is not None:
            source = mirror / layer.file
            if not source.is_file():
                raise FetchError(
                    f"layer {layer.id}: {source} is not in the mirror; check the mirror path "
                    "or run without --mirror on a connected machine"
                )
            shutil.copyfile(source, output_file)
            return
        try:
            http(url, output_file, _pooch)
        except requests.exceptions.RequestException as exc:
            if len(calls) <= retries:
                report(f"    retrying ({_reason(exc)})")
            raise
        if layer.extract_lines:
            first, last = layer.extract_lines
            target = Path(output_file)
            target.write_bytes(extract_lines(target.read_bytes(), first, last))

    return download


def fetch_layer(
    layer: Layer,
    dest: Path,
    mirror: Path | None = None,
    report: Report = print,
    timeout: float = 60.0,
    retries: int = 2,
) -> str:
    """Fetch one layer; return 'present', 'mirror' or 'download'. Raise FetchError with a remedy."""
    how = "mirror" if mirror is not None else "download"
    store = pooch.create(
        path=Path(dest),
        base_url="",
        registry={layer.file: f"sha256:{layer.sha256}"},
        urls={layer.file: layer.url},
        retry_if_failed=0 if mirror is not None else retries,  # a copy that does not verify will not next time
    )
    calls: list[str] = []
    try:
        store.fetch(layer.file, downloader=_downloader(layer, mirror, report, timeout, retries, calls))
    except requests.exceptions.RequestException as exc:
        raise FetchError(
            f"layer {layer.id}: download of {layer.url} failed ({_reason(exc)}); "
            "check the connection or pass --mirror DIR"
        ) from None
    except ValueError as exc:  # pooch: the checksum does not match
        found = re.search(r"but got ([0-9a-f]+)", str(exc))
        actual = found.group(1) if found else "?"
        raise FetchError(
            f"layer {layer.id}: checksum mismatch for {layer.file} from {how} "
            f"(expected {layer.sha256[:12]}…, got {actual[:12]}…); the source changed or the "
            "copy is damaged — nothing was stored"
        ) from None
    return how if calls else "present"


def fetch_all(layers: list[Layer], dest: Path, mirror: Path | None = None, report: Report = print) -> list[str]:
    """Fetch every layer; keep going past failures and return their messages (empty = all good)."""
    failures = []
    for number, layer in enumerate(layers, 1):
        report(f"[{number}/{len(layers)}] {layer.id}: {layer.file}")
        try:
            how = fetch_layer(layer, dest, mirror, report)
            report(f"    ok ({how}, {layer.bytes / 1e6:.2f} MB, sha256 verified)")
        except FetchError as exc:
            report(f"    FAILED: {exc}")
            failures.append(str(exc))
    return failures
