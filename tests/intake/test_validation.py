"""Row and cross-row rules: every error reported with sheet, Excel row, contract column, value and message."""

import pytest

from store.imports import import_file
from tests.intake.conftest import HEADER, TODAY, row, snapshot, xlsx


def _errors(con, rows, sheet="Indsatser", **kw):
    before = snapshot(con)
    result = import_file(con, xlsx(rows, sheet=sheet), "x.xlsx", today=TODAY, **kw)
    assert result.status == "refused"
    assert snapshot(con) == before
    return [(e.sheet, e.row, e.column, e.value, e.message) for e in result.errors]


def test_every_error_in_the_file_is_reported_at_once(con):
    rows = [HEADER, row(aar=1850), row(borger="x", start="05.01.2024"), row(borger="CD34", indsats="Bostøtte 85")]
    assert _errors(con, rows) == [
        ("Indsatser", 2, "fødselsår", "1850", "Værdien skal ligge mellem 1900 og 2011"),
        ("Indsatser", 3, "borger_id", "x", "Værdien skal være 4-64 tegn: bogstaver, tal, - og _"),
        ("Indsatser", 4, "indsats", "Bostøtte 85", '"Bostøtte 85" findes ikke – mente du "Bostøtte (SEL §85)"?'),
    ]


def test_birth_year_upper_limit_is_this_year_minus_15(con):
    assert _errors(con, [HEADER, row(aar=2012)]) == [
        ("Indsatser", 2, "fødselsår", "2012", "Værdien skal ligge mellem 1900 og 2011")
    ]


def test_required_value_missing(con):
    assert _errors(con, [HEADER, row(indsats=None)]) == [("Indsatser", 2, "indsats", "", "'indsats' skal udfyldes")]


def test_start_date_before_2000_and_after_upload_date(con):
    rows = [HEADER, row(start="31.12.1999"), row(borger="CD34", start="24.11.2026")]
    assert _errors(con, rows) == [
        ("Indsatser", 2, "startdato", "31.12.1999", "Værdien må ikke ligge før 01.01.2000"),
        ("Indsatser", 3, "startdato", "24.11.2026", "Datoen ligger efter uploaddatoen (23.11.2026)"),
    ]


def test_date_order_and_reason_required_with_end_date(con):
    header = [*HEADER, "henvisningsdato"]
    rows = [
        header,
        [*row(start="05.01.2024", slut="01.01.2024", aarsag="Mål nået"), None],
        [*row(borger="CD34", slut="01.02.2024"), "06.01.2024"],
    ]
    assert _errors(con, rows) == [
        ("Indsatser", 2, "slutdato", "01.01.2024", "Slutdatoen ligger før startdatoen (05.01.2024)"),
        ("Indsatser", 3, "henvisningsdato", "06.01.2024", "Henvisningsdatoen ligger efter startdatoen (05.01.2024)"),
        ("Indsatser", 3, "afslutningsårsag", "", "Afslutningsårsag skal udfyldes, når slutdato er udfyldt"),
    ]


def test_category_case_and_aliases_are_accepted(con):
    result = import_file(
        con, xlsx([HEADER, row(koen="m", indsats="  mentor ", mg="hash ; ALKOHOL")]), "x.xlsx", today=TODAY
    )
    assert result.status == "imported", result.errors
    assert con.execute("SELECT koen, indsats, maalgrupper FROM indsatser").fetchall() == [
        ("Mand", "Mentor", ["Alkohol", "Hash"])
    ]


def test_unknown_list_member_is_named_with_suggestion(con):
    assert _errors(con, [HEADER, row(mg="Alkohol; Hjemloshed")]) == [
        ("Indsatser", 2, "målgrupper", "Alkohol; Hjemloshed", '"Hjemloshed" findes ikke – mente du "Hjemløshed"?')
    ]


def test_duplicate_key_in_file(con):
    rows = [HEADER, row(), row(borger="CD34"), row()]
    assert _errors(con, rows) == [
        (
            "Indsatser",
            4,
            "borger_id, indsats, startdato",
            "AB12 / Mentor / 05.01.2024",
            "Nøglen (borger_id, indsats, startdato) forekommer også i række 2; hver nøgle må kun forekomme én gang",
        )
    ]


def test_one_birth_year_and_sex_per_citizen_in_file(con):
    rows = [HEADER, row(), row(indsats="Gruppeforløb", aar=1991, koen="M")]
    assert _errors(con, rows) == [
        (
            "Indsatser",
            3,
            "fødselsår",
            "1991",
            "fødselsår 1991 passer ikke med 1990 for borger_id 'AB12' (række 3 og række 2); en borger har ét fødselsår",
        ),
        (
            "Indsatser",
            3,
            "køn",
            "M",
            "køn Mand passer ikke med Kvinde for borger_id 'AB12' (række 3 og række 2); en borger har ét køn",
        ),
    ]


def test_birth_year_conflict_with_stored_data_names_both_places(con):
    assert import_file(con, xlsx([HEADER, row()]), "a.xlsx", today=TODAY).status == "imported"
    rows = [HEADER, row(borger="CD34"), row(indsats="Gruppeforløb", aar=1991)]
    assert _errors(con, rows) == [
        (
            "Indsatser",
            3,
            "fødselsår",
            "1991",
            "fødselsår 1991 passer ikke med 1990 for borger_id 'AB12' (række 3 og allerede gemt fra import 1); "
            "en borger har ét fødselsår",
        )
    ]


def test_correcting_birth_year_of_the_same_episode_is_an_update_not_a_conflict(con):
    assert import_file(con, xlsx([HEADER, row()]), "a.xlsx", today=TODAY).status == "imported"
    result = import_file(con, xlsx([HEADER, row(aar=1991)]), "b.xlsx", today=TODAY)
    assert (result.status, result.updated) == ("imported", 1)


def test_indsats_is_checked_against_the_stored_catalogue(con):
    con.execute("INSERT INTO katalog VALUES ('Natcafé', 'SEL §104', 1, ['At være noget for nogen'], '', false)")
    result = import_file(con, xlsx([HEADER, row(indsats="natcafé")]), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors
    con.execute("DELETE FROM katalog WHERE indsats = 'Mentor'")
    assert _errors(con, [HEADER, row(borger="CD34")]) == [
        (
            "Indsatser",
            2,
            "indsats",
            "Mentor",
            '"Mentor" findes ikke. Se de tilladte værdier i skabelonens ark Vejledning.',
        )
    ]


@pytest.mark.parametrize(("text", "expected"), [("Ja", True), ("n", False), ("1", True), ("0", False), ("NEJ", False)])
def test_yes_no_forms(con, text, expected):
    result = import_file(con, xlsx([[*HEADER, "handleplan"], [*row(), text]]), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors
    assert con.execute("SELECT handleplan FROM indsatser").fetchall() == [(expected,)]


def test_crosses_column_empty_means_no(con):
    rows = [[*HEADER, "handleplan"], [*row(), "x"], [*row(borger="CD34"), None]]
    assert import_file(con, xlsx(rows), "x.xlsx", today=TODAY).status == "imported"
    assert con.execute("SELECT borger_id, handleplan FROM indsatser ORDER BY 1").fetchall() == [
        ("AB12", True),
        ("CD34", False),
    ]


def test_yes_no_nonsense_is_an_error(con):
    assert _errors(con, [[*HEADER, "handleplan"], [*row(), "måske"]]) == [
        ("Indsatser", 2, "handleplan", "måske", "Værdien skal være Ja eller Nej (eller J/N, 1/0, x/tom)")
    ]


def test_likert_numbers_text_and_missing(con):
    header = ["besvarelse_id", "dato", "kan_selv", "stabile_rammer", "who5_1"]
    rows = [
        header,
        ["S001", "01.03.2024", "Helt enig", 2, 5],
        ["S002", "01.03.2024", "Ved ikke", None, 0],
        ["S003", "01.03.2024", "hverken enig eller uenig", "4", None],
    ]
    result = import_file(con, xlsx(rows, sheet="Borgeroplevelse"), "x.xlsx", today=TODAY)
    assert result.status == "imported", result.errors
    assert con.execute(
        "SELECT besvarelse_id, kan_selv, stabile_rammer, who5_1 FROM borgeroplevelse ORDER BY 1"
    ).fetchall() == [
        ("S001", 5, 2, 5),
        ("S002", None, None, 0),
        ("S003", 3, 4, None),
    ]


def test_likert_and_score_ranges(con):
    rows = [["besvarelse_id", "dato", "kan_selv", "who5_1", "ensom_1"], ["S001", "01.03.2024", 6, 6, 0]]
    assert _errors(con, rows, sheet="Borgeroplevelse") == [
        (
            "Borgeroplevelse",
            2,
            "kan_selv",
            "6",
            "Værdien skal være 1-5 eller Helt uenig, Uenig, Hverken enig eller uenig, Enig, Helt enig "
            "(tom eller Ved ikke = ikke besvaret)",
        ),
        ("Borgeroplevelse", 2, "who5_1", "6", "Værdien skal ligge mellem 0 og 5"),
        ("Borgeroplevelse", 2, "ensom_1", "0", "Værdien skal ligge mellem 1 og 3"),
    ]


def test_progression_score_range_and_duplicate_key(con):
    rows = [
        ["borger_id", "måledato", "domæne", "score"],
        ["AB12", "01.03.2024", "Bolig", 11],
        ["AB12", "01.03.2024", "bolig", 4],
    ]
    assert _errors(con, rows, sheet="Progression") == [
        ("Progression", 2, "score", "11", "Værdien skal ligge mellem 1 og 10"),
        (
            "Progression",
            3,
            "borger_id, måledato, domæne",
            "AB12 / 01.03.2024 / Bolig",
            "Nøglen (borger_id, måledato, domæne) forekommer også i række 2; hver nøgle må kun forekomme én gang",
        ),
    ]
