"""A file with a CPR number reports every error at once (issue 11): the CPR cells masked among the others."""

from __future__ import annotations

from intake.locate import CPR_MESSAGE
from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, snapshot, xlsx


def test_cpr_cells_are_reported_beside_the_other_errors_and_the_file_is_refused(con):
    before = snapshot(con)
    data = xlsx([[*HEADER, "Note"], [*row(aar="19x0"), "ring 010190-1234"], [*row(borger="CD34", koen="Q"), None]])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert result.status == "refused"
    found = [(e.row, e.column, e.value) for e in result.errors]
    assert (2, "Note", "ring 010190-****") in found  # the CPR cell, masked, in the unknown column "Note"
    assert (2, "fødselsår", "19x0") in found  # and the other errors of the same round
    assert any(e.row == 3 and e.column == "køn" for e in result.errors)
    assert [e.message for e in result.errors if e.column == "Note"] == [CPR_MESSAGE]
    assert "0101901234" not in repr(result.to_json()) and "010190-1234" not in repr(result.to_json())
    assert snapshot(con) == before


def test_a_cpr_number_in_a_contract_column_gives_only_the_cpr_error_for_that_cell(con):
    data = xlsx([HEADER, row(borger="0101901234")])
    result = import_file(con, data, "x.xlsx", today=TODAY)
    assert result.status == "refused"
    assert [(e.row, e.column, e.value, e.message) for e in result.errors] == [
        (2, "borger_id", "010190-****", CPR_MESSAGE)
    ]


def test_cpr_and_missing_columns_are_reported_together(con):
    data = xlsx([["borger_id", "noget"], ["0101901234", "x"]])
    result = import_file(con, data, "x.xlsx", extract="indsatser", today=TODAY)
    assert result.status == "refused"
    assert result.errors[0].value == "010190-****"
    assert result.errors[-1].message.startswith("Kolonnerne 'fødselsår', 'indsats', 'startdato', 'målgrupper' mangler")
