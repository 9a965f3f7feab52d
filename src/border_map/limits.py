"""What border_map agrees to read from a file someone hands it: the pairs table (`build --table`, and the upload
on the Data & sources page) and replacement boundary layers (`build --boundary`). One definition, read by the
command line and by the app, whose upload limit is TABLE_MB (Streamlit counts whole megabytes).

Why these numbers:
- TABLE_MB: the programme's table is 46 rows, 2 KB as CSV and about 10 KB as a workbook; a table of every Thai
  border district with two neighbours each stays under 100 KB. 2 MB leaves room for a workbook with other sheets,
  styles and a logo, and is read in well under a second.
- ROWS: Thailand has 928 districts; a table pairing every one of them with two neighbours would be under 2,000
  rows. More than that is not a pairs table (a whole gazetteer pasted in by mistake) and would make the
  matching report unreadable.
- INFLATED_MB: XLSX and ODS are zip archives; what counts for memory is what they inflate to. A 2,000-row sheet
  inflates to about 2 MB; 20 MB is ten times that. The sizes the archive declares are checked before anything
  is inflated, and each part is then read only up to its declared size, so a "zip bomb" (kilobytes that inflate
  to gigabytes) is refused without being inflated.
- ZIP_ENTRIES: a workbook has 10 to 30 parts; thousands mean something else.
- BOUNDARY_MB: a replacement boundary layer (a zipped shapefile, GeoPackage, GeoJSON): the catalogued layers are
  0.4 to 1.5 MB and a full-resolution national district layer is 50 to 150 MB. 300 MB, checked on the file and,
  for a zip, on the sizes it declares, keeps a build within the memory of a small machine.
"""

from __future__ import annotations

MB = 1024 * 1024

TABLE_MB = 2
TABLE_BYTES = TABLE_MB * MB
ROWS = 2000
INFLATED_MB = 20
INFLATED_BYTES = INFLATED_MB * MB
ZIP_ENTRIES = 500
BOUNDARY_MB = 300
BOUNDARY_BYTES = BOUNDARY_MB * MB

UPLOAD_MB = TABLE_MB  # Streamlit's upload limit for the table (server.maxUploadSize / file_uploader)


def megabytes(size: int) -> str:
    """A size as a person reads it: '0.4 MB', '35 MB', '4,096 MB'."""
    value = size / MB
    return f"{value:.1f} MB" if value < 10 else f"{value:,.0f} MB"
