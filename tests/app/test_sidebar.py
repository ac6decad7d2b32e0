"""The sidebar offers only the controls that change the page; values survive pages that do not show them."""

from __future__ import annotations

import pytest

from tests.app.conftest import new_app
from ui.nav import PAGES

FOLLOW_UP_KEYS = {"flt_aldersgruppe", "flt_maalgruppe", "flt_fokusomraade", "flt_indsats", "flt_leverandoer"}
# What each page uses, written out by hand from what the page shows.
EXPECTED = {
    "views/overview.py": {"flt_strategi", "flt_periode", *FOLLOW_UP_KEYS},
    "views/focus_areas.py": {"flt_strategi", "flt_periode", *FOLLOW_UP_KEYS},
    "views/target_groups.py": {"flt_strategi", "flt_periode", *FOLLOW_UP_KEYS},
    "views/ladder.py": {"flt_strategi", "flt_periode", *FOLLOW_UP_KEYS},
    "views/citizen_experience.py": {"flt_strategi", "flt_periode", *FOLLOW_UP_KEYS},
    "views/meeting.py": {"flt_strategi", "flt_periode", *FOLLOW_UP_KEYS},
    "views/file_upload.py": set(),
    "views/import_history.py": {"flt_periode"},  # data-quality notes are per period, for all citizens
    "views/goals.py": {"flt_strategi"},  # goals belong to a strategy
    "views/action_plan.py": {"flt_strategi"},  # the action plan belongs to a strategy
    "views/admin.py": set(),  # the catalogue, sign-in and settings belong to no strategy or period
    "views/about.py": set(),
}


def _sidebar_keys(at) -> set[str]:
    keys = {w.key for w in at.sidebar.selectbox} | {w.key for w in at.sidebar.multiselect}
    return {k for k in keys if k and k.startswith("flt_")}


def test_every_page_has_an_expectation():
    assert set(EXPECTED) == {p.file for p in PAGES}


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_the_sidebar_shows_only_what_applies(demo_db, page):
    at = new_app().run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _sidebar_keys(at) == EXPECTED[page]


def test_filters_come_back_after_a_page_without_them(demo_db):
    at = new_app().run()
    at.multiselect(key="flt_maalgruppe").set_value(["Hjemløshed"]).run()
    at.selectbox(key="flt_periode").set_value("2024").run()
    at.switch_page("views/file_upload.py").run()
    assert not at.exception
    at.switch_page("views/goals.py").run()
    at.switch_page("views/overview.py").run()
    assert not at.exception
    assert at.multiselect(key="flt_maalgruppe").value == ["Hjemløshed"]
    assert at.selectbox(key="flt_periode").value == "2024"
