"""Comments and chart notes: stored per strategy, indicator and period with author, time and every version."""

from __future__ import annotations

from datetime import date

import pytest

from metrics.story import annotation_history, annotations_for, comment_history, comments_for
from metrics.story_write import add_annotation, set_comment, update_annotation
from store.db import connect, data_version

PTA = "plads_til_alle"


@pytest.fixture
def con(tmp_path):
    connection = connect(tmp_path / "story.duckdb")
    yield connection
    connection.close()


def test_a_comment_is_stored_with_author_and_shown_for_its_period_only(con):
    assert set_comment(con, PTA, "hjemloese_andel", "2025", "  Flere boliger fra BL.  ", "anna") is True
    found = comments_for(con, PTA, "2025")
    assert list(found) == ["hjemloese_andel"]
    assert (found["hjemloese_andel"].text, found["hjemloese_andel"].user, found["hjemloese_andel"].version) == (
        "Flere boliger fra BL.",
        "anna",
        1,
    )
    assert comments_for(con, PTA, "2024") == {}
    assert comments_for(con, "socialomraadet_2024_2026", "2025") == {}


def test_every_edit_is_a_new_version_and_the_newest_is_in_force(con):
    set_comment(con, PTA, "hjemloese_andel", "2025", "Første tekst", "anna")
    set_comment(con, PTA, "hjemloese_andel", "2025", "Anden tekst", "bo")
    assert set_comment(con, PTA, "hjemloese_andel", "2025", "Anden tekst", "bo") is False  # unchanged: no version
    set_comment(con, PTA, "hjemloese_andel", "2025", "", "carl")  # removed
    assert comments_for(con, PTA, "2025") == {}
    history = comment_history(con, PTA, "hjemloese_andel", "2025")
    assert [(c.version, c.user, c.text) for c in history] == [
        (3, "carl", ""),
        (2, "bo", "Anden tekst"),
        (1, "anna", "Første tekst"),
    ]


def test_a_saved_comment_changes_the_data_version_so_pages_reload(con):
    before = data_version(con)
    set_comment(con, PTA, "progression", "2025-Q3", "Nyt screeningsværktøj.", "anna")
    assert data_version(con) != before
    assert comments_for(con, PTA, "2025-Q3")["progression"].text == "Nyt screeningsværktøj."


@pytest.mark.parametrize(
    ("indicator", "period", "text", "message"),
    [
        ("findes_ikke", "2025", "x", "Ukendt indikator 'findes_ikke' i strategien Plads til alle"),
        ("lokale_tilbud", "2025", "x", "Ukendt indikator 'lokale_tilbud'"),  # not in this strategy
        ("hjemloese_andel", "sidste år", "x", "Perioden 'sidste år' kan ikke læses"),
        ("hjemloese_andel", "2025-Q5", "x", "Perioden '2025-Q5' kan ikke læses"),
        ("hjemloese_andel", "2025", "x" * 2001, "Kommentaren er for lang (2001 tegn; højst 2000)"),
    ],
)
def test_bad_comments_are_refused_in_danish_and_nothing_is_stored(con, indicator, period, text, message):
    before = data_version(con)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        set_comment(con, PTA, indicator, period, text, "anna")
    assert comment_history(con, PTA) == []
    assert data_version(con) == before


def test_notes_are_pinned_to_dates_edited_and_deleted_with_history(con):
    first = add_annotation(con, PTA, "hjemloese_andel", "1.3.2024", "Ny indsats fra 1.3.2024", "anna")
    second = add_annotation(con, PTA, "hjemloese_andel", date(2023, 9, 15), "Nyt herberg", "anna")
    add_annotation(con, PTA, "progression", "2025-01-10", "Ny metode", "anna")
    notes = annotations_for(con, PTA, "hjemloese_andel")
    assert [(n.date, n.text) for n in notes] == [
        (date(2023, 9, 15), "Nyt herberg"),
        (date(2024, 3, 1), "Ny indsats fra 1.3.2024"),
    ]
    assert update_annotation(con, second, "15.10.2023", "Nyt herberg åbnet", "bo") is True
    assert update_annotation(con, first, None, "", "bo", delete=True) is True
    notes = annotations_for(con, PTA, "hjemloese_andel")
    assert [(n.id, n.date, n.text, n.version) for n in notes] == [(second, date(2023, 10, 15), "Nyt herberg åbnet", 2)]
    history = annotation_history(con, PTA, "hjemloese_andel")
    assert sorted((h.id, h.version, h.deleted) for h in history) == [
        (first, 1, False),
        (first, 2, True),
        (second, 1, False),
        (second, 2, False),
    ]


@pytest.mark.parametrize(
    ("when", "text", "message"),
    [
        ("31.2.2024", "x", "Datoen '31.2.2024' er ikke en dato"),
        ("i morgen", "x", "Datoen 'i morgen' er ikke en dato"),
        ("1.3.2024", "  ", "Skriv en kort tekst til noten"),
    ],
)
def test_bad_notes_are_refused_in_danish_and_nothing_is_stored(con, when, text, message):
    with pytest.raises(ValueError, match=message):
        add_annotation(con, PTA, "hjemloese_andel", when, text, "anna")
    assert annotation_history(con, PTA) == []
