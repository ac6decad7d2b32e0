"""The size limits of an upload, checked on what is really read, each refused with one Danish message naming it."""

from __future__ import annotations

import settings
from intake.result import Refused

HEADER_SCAN_ROWS = 50  # the header row must stand in one of the first rows; title rows above it are allowed


def thousands(n: int) -> str:
    """`1234567` as `1.234.567` (Danish thousands separator)."""
    return f"{n:,}".replace(",", ".")


def max_rows() -> int:
    """Largest number of data rows in one file."""
    return int(settings.get("max_rows"))


def max_columns() -> int:
    """Largest number of columns in one sheet or CSV file."""
    return int(settings.get("max_columns"))


def max_cells() -> int:
    """Largest extent (rows × columns) of an .xlsx sheet."""
    return int(settings.get("max_cells"))


def max_unpacked_bytes() -> int:
    """Largest number of bytes an .xlsx may unpack to, counted while unpacking."""
    return int(settings.get("max_unpacked_mb")) * 1024 * 1024


def too_many_rows(rows: int | None = None) -> Refused:
    """The refusal for a file with more rows than allowed."""
    limit = max_rows()
    found = f"Filen har {thousands(rows)} rækker" if rows else "Filen har for mange rækker"
    return Refused(f"{found}; højst {thousands(limit)} datarækker er tilladt pr. fil. Del filen op i flere filer.")


def too_many_columns(columns: int | None = None) -> Refused:
    """The refusal for a sheet with more columns than allowed."""
    limit = max_columns()
    found = f"Filen har {thousands(columns)} kolonner" if columns else "Filen har for mange kolonner"
    return Refused(
        f"{found}; højst {thousands(limit)} kolonner er tilladt. "
        "Slet de kolonner, der ikke hører til udtrækket, og upload filen igen."
    )


def too_large_extent(rows: int, columns: int) -> Refused:
    """The refusal for an .xlsx sheet whose cells span more than the allowed rows × columns."""
    return Refused(
        f"Arket spænder over {thousands(rows)} rækker × {thousands(columns)} kolonner; højst "
        f"{thousands(max_cells())} celler (rækker × kolonner) er tilladt. Slet tomme rækker og kolonner "
        "med formatering eller indhold langt fra data (Ctrl+End i Excel viser arkets sidste celle), og upload igen."
    )


def too_large_unpacked() -> Refused:
    """The refusal for an .xlsx that unpacks to more than allowed (or lies about its size)."""
    limit_mb = int(settings.get("max_unpacked_mb"))
    return Refused(
        f"Filen afvises: udpakket fylder den mere end de tilladte {thousands(limit_mb)} MB "
        "(den kan være en såkaldt zip-bombe). Del data op i flere filer, eller kontakt en administrator."
    )


def check_shape(rows: int, columns: int) -> None:
    """Refuse a sheet read as text with more columns, or more rows (beyond the header rows), than allowed."""
    if columns > max_columns():
        raise too_many_columns(columns)
    if rows > max_rows() + HEADER_SCAN_ROWS:
        raise too_many_rows(rows)
