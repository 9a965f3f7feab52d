"""Spreadsheets for the tests, made from rows of cells (text, or numbers written as numbers), so the fixtures are
plain to read and free of binary blobs: XLSX by openpyxl (merged cells when asked); ODS, the smallest a
spreadsheet program opens, written here (a zip of three parts: no ODS writer is among the project's
dependencies); and zips no library would write, for the upload's limits."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from openpyxl import Workbook

Cell = str | int | float | None
Sheets = dict[str, list[list[Cell]]]


def xlsx_bytes(sheets: Sheets, merged: dict[str, list[str]] | None = None) -> bytes:
    """An XLSX workbook as openpyxl writes one; `merged` maps a sheet name to ranges such as "A2:A3" (the value
    sits in the first cell). Text is stored as text, even text beginning with `=`."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, cells in enumerate(rows, 1):
            for c, value in enumerate(cells, 1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(r, c, value)
                if isinstance(value, str):
                    cell.data_type = "s"
        for ref in (merged or {}).get(name, []):
            sheet.merge_cells(ref)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods_cell(value: Cell, rows_spanned: int = 1) -> str:
    span = f' table:number-rows-spanned="{rows_spanned}" table:number-columns-spanned="1"' if rows_spanned > 1 else ""
    if value is None or value == "":
        return f"<table:table-cell{span}/>"
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"{span}><text:p>{value}</text:p>'
            "</table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"{span}><text:p>{escape(value)}</text:p></table:table-cell>'


def ods_bytes(sheets: Sheets) -> bytes:
    """An OpenDocument spreadsheet (as LibreOffice saves one: `mimetype` first and stored)."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join("<table:table-row>" + "".join(_ods_cell(v) for v in cells) + "</table:table-row>" for cells in rows)
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS} office:version="1.2">'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written byte by byte from (name, deflated data, crc32, size it declares inflated), so a test can
    make archives no zip library would: a part that inflates to gigabytes, or one that lies about its size."""
    import struct

    body, directory = b"", b""
    for name, data, crc, size in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
        body += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0)
    return body + directory + end


def spaces_deflated(mebibytes: int) -> tuple[bytes, int]:
    """A raw deflate stream of `mebibytes` MiB of spaces, made from one flushed block repeated (so gigabytes
    cost a few kilobytes and no time), and the CRC-32 of what it inflates to."""
    import zlib

    chunk = b" " * (1 << 20)
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    one = block.compress(chunk) + block.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(chunk, crc)
    return one * mebibytes + final, crc


def workbook_bomb(mebibytes: int = 1536) -> bytes:
    """An XLSX whose sheet inflates to `mebibytes` MiB of spaces (1.5 GiB by default; about 1.5 MB on disk,
    within the file size limit, so only the inflation check can refuse it)."""
    import zlib

    small = xlsx_bytes({"Pairs": [["no"]]})
    entries = []
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        for info in archive.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                continue
            raw = archive.read(info)
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            entries.append((info.filename, packer.compress(raw) + packer.flush(), zlib.crc32(raw), len(raw)))
    data, crc = spaces_deflated(mebibytes)
    entries.append(("xl/worksheets/sheet1.xml", data, crc, mebibytes << 20))
    return raw_zip(entries)
