"""Files refused outright get one clear Danish message and change nothing."""

import io
import struct
import zipfile

import pytest

from intake.result import Refused
from intake.sniff import detect_format
from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, snapshot, xlsx


def _refusal(con, data: bytes, name: str = "fil.xlsx"):
    before = snapshot(con)
    result = import_file(con, data, name, today=TODAY)
    assert result.status == "refused"
    assert snapshot(con) == before
    assert len(result.errors) >= 1
    return result


def _with_entry(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr(name, content)
    return buf.getvalue()


def _replace_entry(data: bytes, name: str, content: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, content if info.filename == name else src.read(info))
    return buf.getvalue()


GOOD = xlsx([HEADER, row()])


def test_workbook_with_vba_project_is_refused_with_save_as_hint(con):
    result = _refusal(con, _with_entry(GOOD, "xl/vbaProject.bin", b"\x00" * 100))
    assert "makro" in result.errors[0].message
    assert "Filer > Gem som > Excel-projektmappe (*.xlsx)" in result.errors[0].message


def test_macro_content_type_is_refused(con):
    ct = zipfile.ZipFile(io.BytesIO(GOOD)).read("[Content_Types].xml")
    ct = ct.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    result = _refusal(con, _replace_entry(GOOD, "[Content_Types].xml", ct))
    assert "makroaktiveret" in result.errors[0].message


def test_legacy_xls_ole2_is_refused(con):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 100
    result = _refusal(con, data, "gammel.xls")
    assert ".xls" in result.errors[0].message
    assert "Excel-projektmappe (*.xlsx)" in result.errors[0].message


def test_password_protected_xlsx_gets_specific_message(con):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100
    result = _refusal(con, data, "hemmelig.xlsx")
    assert "Filen er beskyttet med adgangskode" in result.errors[0].message


def test_corrupt_zip_is_refused(con):
    result = _refusal(con, GOOD[: len(GOOD) // 2])
    assert "beskadiget" in result.errors[0].message


def test_zip_that_is_not_a_workbook_is_refused(con):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hej")
    result = _refusal(con, buf.getvalue(), "data.xlsx")
    assert "ikke en Excel-projektmappe" in result.errors[0].message


def test_pdf_is_refused_as_not_a_spreadsheet(con):
    result = _refusal(con, b"%PDF-1.7\n...", "rapport.xlsx")
    assert "ikke et regneark" in result.errors[0].message


def test_binary_garbage_is_refused(con):
    result = _refusal(con, bytes(range(256)) * 4, "x.csv")
    assert "ikke et regneark" in result.errors[0].message


def test_file_over_the_upload_limit_is_refused(con, monkeypatch):
    monkeypatch.setenv("PEJLING_MAX_UPLOAD_MB", "1")
    result = _refusal(con, b"a;b\n" * 300_000, "stor.csv")
    assert "for stor" in result.errors[0].message


def _bomb_with_declared_size(declared: int) -> bytes:
    """A workbook whose sheet entry claims a huge uncompressed size in the central directory."""
    data = bytearray(GOOD)
    name = b"xl/worksheets/sheet1.xml"
    cd = data.rfind(b"PK\x01\x02" + b"", 0)
    # walk central directory entries
    eocd = data.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack("<I", data[eocd + 16 : eocd + 20])[0]
    pos = cd_offset
    while data[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        if data[pos + 46 : pos + 46 + n] == name:
            data[pos + 24 : pos + 28] = struct.pack("<I", declared)
        pos += 46 + n + m + k
    del cd
    return bytes(data)


def test_zip_bomb_is_refused_from_the_central_directory_before_unpacking(con):
    result = _refusal(con, _bomb_with_declared_size(4_000_000_000))
    assert "zip-bombe" in result.errors[0].message


def test_real_high_ratio_entry_is_refused(con, monkeypatch):
    monkeypatch.setenv("PEJLING_MAX_UNPACKED_MB", "5")
    big = b"<x/>" * (2 * 1024 * 1024)  # 8 MB of one repeated tag
    result = _refusal(con, _with_entry(GOOD, "xl/media/padding.xml", big))
    assert "zip-bombe" in result.errors[0].message


def _understate_size(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite an entry's uncompressed size in both the local header and the central directory."""
    out = bytearray(data)
    pos = 0
    while (pos := out.find(b"PK\x03\x04", pos)) >= 0:
        n, m = struct.unpack("<HH", out[pos + 26 : pos + 30])
        if out[pos + 30 : pos + 30 + n] == name:
            out[pos + 22 : pos + 26] = struct.pack("<I", size)
        pos += 4
    eocd = out.rfind(b"PK\x05\x06")
    pos = struct.unpack("<I", out[eocd + 16 : eocd + 20])[0]
    while out[pos : pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", out[pos + 28 : pos + 34])
        if out[pos + 46 : pos + 46 + n] == name:
            out[pos + 24 : pos + 28] = struct.pack("<I", size)
        pos += 46 + n + m + k
    return bytes(out)


def test_entry_larger_than_its_declared_size_is_refused(con):
    result = _refusal(con, _understate_size(GOOD, b"xl/worksheets/sheet1.xml", 10))
    assert "fylder mere udpakket, end den selv angiver" in result.errors[0].message


def test_sheet_xml_with_doctype_is_refused(con):
    sheet = zipfile.ZipFile(io.BytesIO(GOOD)).read("xl/worksheets/sheet1.xml")
    evil = (
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + sheet
        if not sheet.startswith(b"<?xml")
        else sheet.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
    )
    result = _refusal(con, _replace_entry(GOOD, "xl/worksheets/sheet1.xml", evil))
    assert "DTD" in result.errors[0].message


def test_empty_sheet_is_refused_with_missing_columns(con):
    result = _refusal(con, xlsx([]))
    assert "mangler" in result.errors[0].message


def test_header_without_data_rows_is_refused(con):
    result = _refusal(con, xlsx([HEADER, [None] * len(HEADER)]))
    assert result.errors[0].message == "Arket 'Indsatser' har ingen datarækker under overskrifterne."


def test_missing_required_column_is_named_and_found_headers_listed(con):
    header = [h for h in HEADER if h != "fødselsår"]
    data = xlsx([header, ["AB12", "K", "Mentor", "05.01.2024", None, None, "Alkohol"]])
    result = _refusal(con, data)
    assert result.extract == "indsatser"
    assert result.errors[0].message == (
        "Kolonnen 'fødselsår' mangler i arket 'Indsatser' (Indsatser). Fundne overskrifter: 'borger_id', 'køn', "
        "'indsats', 'startdato', 'slutdato', 'afslutningsårsag', 'målgrupper'. "
        "Overskriftsrækken skal stå i en af de første 50 rækker."
    )


@pytest.mark.parametrize("header", ["CPR", "Personnummer", "Borgerens navn", "Adresse", "Telefon", "E-mail", "mail"])
def test_direct_identifier_header_is_refused(con, header):
    data = xlsx([[*HEADER, header], [*row(), "noget"]])
    result = _refusal(con, data)
    assert f"'{header}'" in result.errors[0].message
    assert "direkte personoplysninger" in result.errors[0].message


def test_detect_format_refuses_empty_input():
    with pytest.raises(Refused, match="tom"):
        detect_format(b"   ")


def test_zip_with_too_many_entries_is_refused(con):
    src = zipfile.ZipFile(io.BytesIO(GOOD))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info))
        for i in range(10_001):
            out.writestr(f"xl/x/{i}.bin", b"")
    result = _refusal(con, buf.getvalue())
    assert "usædvanligt mange dele" in result.errors[0].message
