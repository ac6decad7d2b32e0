"""Read a sheet as text: every cell a string (or missing), with the Excel row number of each row."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import zipfile
from dataclasses import dataclass

import fastexcel
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from defusedxml import ElementTree
from openpyxl.utils import get_column_letter

from intake import limits
from intake.result import Refused

CSV_CHUNK_ROWS = 100_000  # records per chunk on the slow path (title rows, blank lines)
_DIMENSION = re.compile(rb'<dimension[^>]*ref="([A-Z]+)\d+')


@dataclass
class RawSheet:
    """A sheet as read: positional text columns, Excel row numbers and the first column's Excel index."""

    name: str
    frame: pd.DataFrame  # columns 0..n-1, dtype str, missing = NA
    rows: np.ndarray  # Excel row number (1-based) of each frame row
    first_col: int = 0  # 0 = column A


def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 → A, 26 → AA)."""
    return get_column_letter(index + 1)


def _letters_to_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


class Workbook:
    """An opened .xlsx (via fastexcel/calamine): sheet names and sheets read as text."""

    def __init__(self, data: bytes) -> None:
        try:
            self._reader = fastexcel.read_excel(data)
        except Exception:  # calamine reports corrupt workbooks with several exception types
            raise Refused(
                "Filen er beskadiget og kan ikke læses som Excel-fil. Gem den igen i Excel og upload den."
            ) from None
        self._data = data
        self.sheet_names: list[str] = list(self._reader.sheet_names)

    def read(self, name: str, n_rows: int | None = None) -> RawSheet:
        """Read one sheet with every cell as text; real dates come as ISO text, numbers without '.0'."""
        try:
            sheet = self._reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string", n_rows=n_rows)
            table = sheet.to_arrow()
        except Exception:
            raise Refused(f"Arket '{name}' kan ikke læses. Gem filen igen i Excel og upload den.", sheet=name) from None
        frame = clean_table(table)
        return RawSheet(name, frame, np.arange(1, len(frame) + 1), self._first_col(name))

    def _first_col(self, name: str) -> int:
        """The sheet's first column from its <dimension ref>, so that reported column letters match Excel."""
        try:
            zf = zipfile.ZipFile(io.BytesIO(self._data))
            path = _sheet_part(zf, name)
            if path is None:
                return 0
            with zf.open(path) as fh:
                m = _DIMENSION.search(fh.read(4096))
            return _letters_to_index(m.group(1).decode()) if m else 0
        except (zipfile.BadZipFile, KeyError, OSError, ElementTree.ParseError):
            return 0


def _sheet_part(zf: zipfile.ZipFile, name: str) -> str | None:
    """The zip path of the worksheet with this name (workbook.xml + its relationships)."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "p": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    rid = next(
        (s.get(f"{{{ns['r']}}}id") for s in book.iterfind("m:sheets/m:sheet", ns) if s.get("name") == name), None
    )
    if rid is None:
        return None
    rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    target = next((r.get("Target") for r in rels.iterfind("p:Relationship", ns) if r.get("Id") == rid), None)
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def clean_table(table: pa.Table) -> pd.DataFrame:
    """Trim text and turn blank cells into NA, in Arrow, for every cell at once; columns become 0..n-1."""
    limits.check_shape(table.num_rows, table.num_columns)
    if table.num_columns == 0:
        return pd.DataFrame()
    n = table.num_rows
    columns = [c if c.type == pa.string() else pc.cast(c, pa.string()) for c in table.columns]
    # One kernel call over the columns laid end to end (no work per column), then zero-copy slices back.
    pieces = [chunk for c in columns for chunk in (c.chunks if isinstance(c, pa.ChunkedArray) else [c])]
    stacked = pa.chunked_array(pieces, type=pa.string())
    del columns
    trimmed = pc.utf8_trim_whitespace(stacked)
    del stacked
    cleaned = pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    del trimmed
    return pd.DataFrame({i: cleaned.slice(i * n, n).to_pandas() for i in range(table.num_columns)}, copy=False)


def decode_text(data: bytes) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise Refused("Filen er ikke et regneark (.xlsx) eller en læsbar tekstfil (.csv).") from None


def sniff_delimiter(text: str) -> str:
    """';' when the first non-empty lines hold more semicolons than commas (Danish Excel), else ','."""
    lines = [ln for ln in text[:65536].splitlines() if ln.strip()][:2000]  # title rows may come first
    semi = sum(ln.count(";") for ln in lines)
    comma = sum(ln.count(",") for ln in lines)
    tab = sum(ln.count("\t") for ln in lines)
    if tab > semi and tab > comma:
        return "\t"
    return ";" if semi >= comma and semi > 0 else ","


_CHUNK = 1 << 24


def _is_utf8(data: bytes) -> bool:
    """Validate UTF-8 chunk by chunk (no full-size text copy)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for i in range(0, len(data), _CHUNK):
            decoder.decode(data[i : i + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def utf8_bytes(data: bytes) -> bytes:
    """The CSV as UTF-8 bytes without BOM (plain UTF-8 input is returned as is, without a copy)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return decode_text(data).encode("utf-8")
    if _is_utf8(data):
        return data
    out = io.BytesIO()  # Windows-1252 is one byte per character: convert in chunks
    try:
        for i in range(0, len(data), _CHUNK):
            out.write(data[i : i + _CHUNK].decode("cp1252").encode("utf-8"))
    except UnicodeDecodeError:
        raise Refused("Filen er ikke et regneark (.xlsx) eller en læsbar tekstfil (.csv).") from None
    return out.getvalue()


def _arrow_csv(payload: bytes, head: str, delim: str) -> pa.Table | None:
    """Fast path for rectangular files (no title rows, no blank lines): pyarrow reads every field as text."""
    end = payload.find(b"\n", 0, _CHUNK)  # the whole first line, not only the part in `head`
    line = payload[: end if end >= 0 else _CHUNK].decode("utf-8", errors="ignore")
    first = next(csv.reader(io.StringIO(line, newline=""), delimiter=delim), None)
    if not first:
        return None
    width = len(first)
    limits.check_shape(0, width)  # a wide header is refused before Arrow builds a column for each field
    names = [f"c{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(payload),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pa_csv.ParseOptions(
                delimiter=delim, quote_char='"', double_quote=True, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    return table


def _python_csv(text: str, delim: str) -> pd.DataFrame:
    """Any shape (title rows, blank lines, ragged rows), read in chunks into compact Arrow text columns."""
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a long cell is the file's size at most
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    columns: list[list[pa.Array]] = []
    rows_before = 0
    while chunk := list(itertools.islice(reader, CSV_CHUNK_ROWS)):
        width = max(len(r) for r in chunk)
        limits.check_shape(rows_before + len(chunk), width)  # before any work per row or column
        while len(columns) < width:  # a wider row appeared: earlier rows have nothing in the new column
            columns.append([pa.nulls(rows_before, pa.string())] if rows_before else [])
        for i, col in enumerate(columns):
            col.append(pa.array([r[i] if i < len(r) else None for r in chunk], type=pa.string()))
        rows_before += len(chunk)
    return clean_table(pa.table({f"c{i}": pa.chunked_array(cols, type=pa.string()) for i, cols in enumerate(columns)}))


def read_csv(data: bytes, name: str = "CSV") -> RawSheet:
    """Read a CSV file as text; row numbers are record numbers as Excel shows them."""
    payload = utf8_bytes(data)
    head = payload[:65536].decode("utf-8", errors="ignore")
    delim = sniff_delimiter(head)
    try:
        table = _arrow_csv(payload, head, delim)
        if table is not None:
            del payload  # the converted copy is no longer needed (plain UTF-8 input is the caller's own bytes)
            frame = clean_table(table)
        else:
            frame = _python_csv(payload.decode("utf-8", errors="replace"), delim)
    except csv.Error:
        raise Refused("CSV-filen kan ikke læses (fejl i anførselstegn eller linjeskift).") from None
    if frame.empty:
        raise Refused("Filen indeholder ingen rækker.")
    return RawSheet(name, frame, np.arange(1, len(frame) + 1), 0)
