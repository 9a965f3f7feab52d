"""Get every catalogued layer into the local boundary directory, verified by checksum.

From a mirror directory when one is given (laid out like shared/geodata), else from the layer's public
URL. A file is written under a temporary name and only renamed into place once its checksum matches,
so an interrupted fetch never leaves a half file that a later build would trust.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from .catalogue import Layer
from .errors import FetchError

Report = Callable[[str], None]
CHUNK = 64 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def is_current(layer: Layer, dest: Path) -> bool:
    target = dest / layer.file
    return target.is_file() and target.stat().st_size == layer.bytes and sha256_of(target) == layer.sha256


def extract_lines(raw: bytes, first: int, last: int) -> bytes:
    """Lines first..last (1-based, inclusive) — used where a published blob wraps the data."""
    lines = raw.splitlines(keepends=True)
    if len(lines) < last:
        raise FetchError(f"expected at least {last} lines, got {len(lines)}")
    return b"".join(lines[first - 1 : last])


def _download(url: str, out: Path, report: Report, timeout: float) -> None:
    request = urllib.request.Request(url, headers={"User-Agent": "border_map-fetch"})
    with urllib.request.urlopen(request, timeout=timeout) as response, open(out, "wb") as handle:
        total = int(response.headers.get("Content-Length") or 0)
        done, shown = 0, -1
        while True:
            block = response.read(CHUNK)
            if not block:
                break
            handle.write(block)
            done += len(block)
            if total:
                tenth = done * 10 // total
                if tenth != shown:
                    shown = tenth
                    report(f"    {done / 1e6:.1f} / {total / 1e6:.1f} MB")
    if total and done != total:
        raise FetchError(f"connection dropped after {done} of {total} bytes")


def fetch_layer(
    layer: Layer,
    dest: Path,
    mirror: Path | None = None,
    report: Report = print,
    timeout: float = 60.0,
    retries: int = 2,
) -> str:
    """Fetch one layer; return 'present', 'mirror' or 'download'. Raise FetchError with a remedy."""
    target = dest / layer.file
    if is_current(layer, dest):
        return "present"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".part-", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if mirror is not None:
            source = mirror / layer.file
            if not source.is_file():
                raise FetchError(
                    f"layer {layer.id}: {source} is not in the mirror; check the mirror path "
                    "or run without --mirror on a connected machine"
                )
            shutil.copyfile(source, tmp)
            how = "mirror"
        else:
            how = "download"
            for attempt in range(retries + 1):
                try:
                    _download(layer.url, tmp, report, timeout)
                    break
                except (urllib.error.URLError, OSError, FetchError, ValueError) as exc:
                    reason = getattr(exc, "reason", exc)
                    if attempt == retries:
                        raise FetchError(
                            f"layer {layer.id}: download of {layer.url} failed ({reason}); "
                            "check the connection or pass --mirror DIR"
                        ) from None
                    report(f"    retrying ({reason})")
            if layer.extract_lines:
                first, last = layer.extract_lines
                tmp.write_bytes(extract_lines(tmp.read_bytes(), first, last))
        actual = sha256_of(tmp)
        if actual != layer.sha256:
            raise FetchError(
                f"layer {layer.id}: checksum mismatch for {layer.file} from {how} "
                f"(expected {layer.sha256[:12]}…, got {actual[:12]}…); the source changed or the "
                "copy is damaged — nothing was stored"
            )
        os.replace(tmp, target)
        return how
    finally:
        tmp.unlink(missing_ok=True)


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
