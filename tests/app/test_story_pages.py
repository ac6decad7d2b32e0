"""AppTest: the story behind the curve on Fokusområder, the Handleplan page and subgroup goals on Mål and Overblik."""

from __future__ import annotations

from datetime import date

import pytest

from tests.app.conftest import new_app, texts

PTA = "plads_til_alle"
NOTE = "Målet gælder alle borgere i målgruppen"


def _write(fn):
    """Run a write on the app's own database connection (the file is held by the app process)."""
    from ui import data

    with data.writer() as con:
        return fn(con)


def test_fokusomraader_shows_the_comment_and_the_action_items_beside_the_indicator(demo_db):
    from metrics.story_write import save_action, set_comment

    at = new_app()
    at.query_params["periode"] = "2025"
    at.run()
    _write(lambda con: set_comment(con, PTA, "hjemloese_andel", "2025", "Flere boliger fra boligforeningerne.", "anna"))
    _write(
        lambda con: save_action(
            con,
            PTA,
            {
                "year": 2025,
                "title": "Bostøtte til unge",
                "focus_area": "At have stabile rammer om livet",
                "indicators": "hjemloese_andel",
                "responsible": "Socialcenter Vest",
                "start": "1.3.2025",
                "deadline": "31.12.2025",
                "status": "I gang",
            },
            "anna",
        )
    )
    at.switch_page("views/focus_areas.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Flere boliger fra boligforeningerne." in shown
    assert "Bostøtte til unge" in shown and "Socialcenter Vest" in shown and "I gang" in shown
    assert "Handleplan 2025" in shown


def test_a_comment_written_on_fokusomraader_is_stored_with_its_author(demo_db, monkeypatch):
    monkeypatch.setenv("PEJLING_USER", "testbruger")
    at = new_app()
    at.query_params["periode"] = "2025"
    at.run()
    at.switch_page("views/focus_areas.py").run()
    key = next(k for k in (t.key for t in at.text_area) if k and k.endswith("_hjemloese_andel"))
    suffix = key.removeprefix("comment_text_")
    at.text_area(key=key).input("Ny indsats virker.")
    at.button(key=f"comment_save_{suffix}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Kommentaren er gemt." in texts(at)
    assert "Ny indsats virker." in texts(at)
    from metrics.story import comment_history
    from ui import data

    with data.cursor() as cur:
        stored = comment_history(cur, PTA, "hjemloese_andel", "2025")[0]  # newest first (the demo wrote one)
    assert (stored.text, stored.user) == ("Ny indsats virker.", "testbruger")


def test_a_note_added_on_fokusomraader_is_drawn_on_the_trend_chart(demo_db):
    import json

    at = new_app()
    at.query_params["periode"] = "2025"
    at.run()
    at.switch_page("views/focus_areas.py").run()
    key = next(k for k in (t.key for t in at.text_input) if k and k.endswith("_hjemloese_andel"))
    suffix = key.removeprefix("note_txt_")
    at.date_input(key=f"note_day_{suffix}").set_value(date(2024, 3, 1))
    at.text_input(key=key).input("Ny indsats")
    at.button(key=f"note_save_{suffix}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Noten er tilføjet." in texts(at)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    labels = [a.get("text") for s in specs for a in s["layout"].get("annotations", [])]
    assert "1.3.2024: Ny indsats" in labels


def test_only_an_administrator_edits_the_story_and_the_plan(demo_db):
    from tests.app.test_auth import signed_in

    for who in ("læser", "analytiker"):
        at = signed_in(who).run()
        at.switch_page("views/focus_areas.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert not [t for t in at.text_area if (t.key or "").startswith("comment_text_")]
        at.switch_page("views/action_plan.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert not [b for b in at.button if b.key in ("plan_save", "plan_delete", "plan_import")]
    admin = signed_in("administrator").run()
    admin.switch_page("views/focus_areas.py").run()
    assert [t for t in admin.text_area if (t.key or "").startswith("comment_text_")]


def _first_area() -> str:
    from metrics.strategies import get_strategy

    return get_strategy(PTA).areas[0].id


def _fill_item(at, **values):
    at.text_input(key="plan_0_title").input(values.get("title", "Ny bostøtte"))
    at.selectbox(key="plan_0_focus_area").set_value(values.get("focus_area", "stabile_rammer"))
    at.multiselect(key="plan_0_indicators").set_value(values.get("indicators", ["hjemloese_andel"]))
    at.text_input(key="plan_0_responsible").input("Socialcenter Vest")
    at.date_input(key="plan_0_start").set_value(values.get("start", date(2025, 3, 1)))
    at.date_input(key="plan_0_deadline").set_value(values.get("deadline", date(2025, 12, 31)))
    at.selectbox(key="plan_0_status").set_value("I gang")


def test_handleplan_adds_an_item_and_shows_it_with_its_history(demo_db, monkeypatch):
    monkeypatch.setenv("PEJLING_USER", "testbruger")
    at = new_app()
    at.query_params["periode"] = "2025"
    at.run()
    at.switch_page("views/action_plan.py").run()
    assert not at.exception, [e.value for e in at.exception]
    before = len(at.dataframe[0].value)  # the demo plan's items for 2025
    area = _first_area()
    _fill_item(at, focus_area=area)
    at.button(key="plan_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Handlingen er gemt." in texts(at)
    table = at.dataframe[0].value
    assert len(table) == before + 1
    mine = table[table["Handling"] == "Ny bostøtte"]
    assert list(mine["Status"]) == ["I gang"] and list(mine["Frist"]) == ["31.12.2025"]
    history = at.dataframe[-1].value
    assert history.iloc[0]["Bruger"] == "testbruger"


def test_handleplan_refuses_a_deadline_before_the_start_and_stores_nothing(demo_db):
    at = new_app()
    at.query_params["periode"] = "2025"
    at.run()
    at.switch_page("views/action_plan.py").run()
    from metrics.story import action_history
    from ui import data

    with data.cursor() as cur:
        versions = len(action_history(cur, PTA))
    area = _first_area()
    _fill_item(at, focus_area=area, start=date(2025, 6, 1), deadline=date(2025, 5, 1))
    at.button(key="plan_save").click().run()
    assert not at.exception
    errors = " ".join(e.value for e in at.error)
    assert "Handlingen er ikke gemt" in errors and "Frist: 01.05.2025 ligger før start 01.06.2025." in errors
    with data.cursor() as cur:
        assert len(action_history(cur, PTA)) == versions


def _notes(at) -> int:
    return sum(NOTE in str(c.value) for c in at.caption)


def test_a_subgroup_view_is_judged_only_against_its_own_goal(demo_db):
    at = new_app()
    at.query_params["periode"] = "2025"
    at.query_params["aldersgruppe"] = "18-24"
    at.query_params["maalgruppe"] = "Hjemløshed"
    at.run()
    assert not at.exception
    before = _notes(at)
    assert before > 0, "every indicator with a goal says the goal is for everyone instead of showing a status"
    from metrics.goals import set_goal_values

    _write(
        lambda con: set_goal_values(
            con,
            PTA,
            "hjemloese_andel",
            [("baseline", 2024, 0.50), ("target", 2026, 0.40)],
            "anna",
            "aldersgruppe=18-24; målgruppe=Hjemløshed",
        )
    )
    at.run()
    assert not at.exception
    assert _notes(at) == before - 1  # Andel hjemløse now has a goal for exactly this subgroup
    shown = texts(at)
    assert "Forventet: 45,0 %" in shown  # 50 % in 2024 -> 40 % in 2026: 45 % in 2025


def test_mal_adds_a_goal_for_a_subgroup_and_edits_it_in_the_table(demo_db):
    at = new_app().run()
    at.switch_page("views/goals.py").run()
    at.selectbox(key="sub_indicator").set_value("hjemloese_andel")
    at.selectbox(key="sub_aldersgruppe").set_value("18-24")
    at.selectbox(key="sub_målgruppe").set_value("Hjemløshed")
    at.number_input(key="sub_target_year").set_value(2029)
    at.number_input(key="sub_target_value").set_value(8.0)
    at.button(key="sub_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "er gemt" in texts(at)
    editor = at.data_editor[0].value
    label = "Aldersgruppe 18-24 · Målgruppe Hjemløshed"
    row = editor[(editor["Indikator"] == "Andel hjemløse") & (editor["Delgruppe"] == label)]
    assert float(row.iloc[0]["Mål 2029"]) == pytest.approx(8.0)
    from metrics.goals import load_all_goals
    from ui import data

    subgroup = (("aldersgruppe", "18-24"), ("målgruppe", "Hjemløshed"))
    with data.cursor() as cur:
        assert load_all_goals(cur, PTA)[subgroup]["hjemloese_andel"].targets == [(2029, pytest.approx(0.08))]
    # The subgroup's row edits only the subgroup's goal.
    position = list(editor.index).index(row.index[0])
    at.session_state["goal_editor_plads_til_alle"] = {
        "edited_rows": {position: {"Mål 2029": 6.5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="goal_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with data.cursor() as cur:
        goals = load_all_goals(cur, PTA)
    assert goals[subgroup]["hjemloese_andel"].targets == [(2029, pytest.approx(0.065))]
    assert goals[()]["hjemloese_andel"].targets == [(2026, pytest.approx(0.14)), (2029, pytest.approx(0.10))]


def test_mal_refuses_a_subgroup_goal_without_a_subgroup(demo_db):
    at = new_app().run()
    at.switch_page("views/goals.py").run()
    at.number_input(key="sub_target_year").set_value(2029)
    at.number_input(key="sub_target_value").set_value(8.0)
    at.button(key="sub_save").click().run()
    assert "Vælg mindst én delgruppe" in " ".join(e.value for e in at.error)
