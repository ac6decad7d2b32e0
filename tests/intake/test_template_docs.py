"""Schemas, template and docs are generated from one definition and agree; the committed docs are current."""

import io
import re

import openpyxl

from schemas.catalogue import KATALOG
from schemas.columns import Kind
from schemas.describe import allowed_values
from schemas.docs import DOC_PATH, columns_markdown
from schemas.extracts import EXTRACTS
from schemas.pandera_schemas import SCHEMAS
from schemas.template import GUIDE_SHEET, LISTS_SHEET, build_template
from store.imports import import_file
from tests.intake.conftest import TODAY, row

ALL = (*EXTRACTS.values(), KATALOG)


def _template():
    return openpyxl.load_workbook(io.BytesIO(build_template()))


def test_committed_docs_equal_the_generated_text():
    assert DOC_PATH.read_text(encoding="utf-8") == columns_markdown()


def test_schemas_template_and_docs_list_the_same_columns():
    wb = _template()
    docs = columns_markdown()
    for extract in ALL:
        names = [c.name for c in extract.columns]
        assert list(SCHEMAS[extract.id].columns) == names
        assert [c.value for c in wb[extract.sheet][1]] == names
        section = docs.split(f"## {extract.title} ")[1].split("\n## ")[0]
        assert re.findall(r"^\| `([^`]+)` \|", section, flags=re.M) == names


def _isin_values(extract, column):
    for check in SCHEMAS[extract.id].columns[column.name].checks:
        if check.name == "isin":
            return tuple(check.statistics["allowed_values"])
    return None


def test_schemas_template_and_docs_list_the_same_categories():
    wb = _template()
    lists = wb[LISTS_SHEET]
    by_header = {col[0].value: tuple(c.value for c in col[1:] if c.value is not None) for col in lists.iter_cols()}
    docs = columns_markdown()
    for extract in ALL:
        for c in extract.columns:
            values = allowed_values(c)
            if c.kind == Kind.CATEGORY:
                assert _isin_values(extract, c) == values
            if values:
                assert by_header[c.name] == values
                line = next(ln for ln in docs.splitlines() if ln.startswith(f"| `{c.name}` |"))
                assert all(f"`{v}`" in line for v in values)


def test_template_has_dropdowns_notes_and_a_guide_for_every_column():
    wb = _template()
    ws = wb["Indsatser"]
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert formulas["C2"] == "Lister!$A$2:$A$5"  # køn
    assert all(cell.comment is not None for cell in ws[1])
    guide = [r[0] for r in wb[GUIDE_SHEET].iter_rows(values_only=True) if r[0]]
    for extract in ALL:
        for c in extract.columns:
            assert c.name in guide


def test_a_filled_template_imports(con):
    wb = _template()
    ws = wb["Indsatser"]
    values = dict(
        zip(
            ["borger_id", "fødselsår", "køn", "indsats", "startdato", "slutdato", "afslutningsårsag", "målgrupper"],
            row(),
            strict=True,
        )
    )
    ws.append([values.get(c.value) for c in ws[1]])
    buf = io.BytesIO()
    wb.save(buf)
    result = import_file(con, buf.getvalue(), "skabelon.xlsx", today=TODAY)
    assert (result.status, result.extract, result.inserted) == ("imported", "indsatser", 1), result.errors
