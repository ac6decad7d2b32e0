"""Every page renders in AppTest on demo data and on an empty database; filters follow the URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import ROOT, new_app, texts
from tests.app.files import bad_indsatser_xlsx, good_indsatser_xlsx
from ui.nav import PAGES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEY_TEXT = {
    "views/overview.py": "Overblik",
    "views/focus_areas.py": "Fokusområder",
    "views/target_groups.py": "flere målgrupper",
    "views/ladder.py": "Indsatstrappen",
    "views/citizen_experience.py": "De fire principper",
    "views/meeting.py": "side 1 af",
    "views/file_upload.py": "Upload af udtræk",
    "views/import_history.py": "Importhistorik og datakvalitet",
    "views/goals.py": "Mål",
    "views/action_plan.py": "Handleplan",
    "views/admin.py": "Indsatskatalog",
    "views/about.py": "Små tal (diskretionering)",
}


def test_every_page_file_is_registered_in_the_navigation():
    files = {f"views/{p.name}" for p in (ROOT / "views").glob("*.py")}
    assert files == {p.file for p in PAGES}
    assert set(KEY_TEXT) == files


def test_no_url_path_equals_a_page_file_name():
    # A url_path equal to its file's stem made the page's hash collide with the legacy pages/ hash (kept as a guard):
    # the page then runs without the frame (no sidebar, no banner) on reruns.
    assert all(Path(p.file).stem != p.url_path for p in PAGES)


def test_navigation_registers_every_page(demo_db):
    at = new_app().run()
    assert not at.exception
    for p in PAGES:
        at.switch_page(p.file)  # raises ValueError when st.navigation did not register the file


@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_page_renders_on_demo_data(demo_db, page):
    at = new_app().run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert KEY_TEXT[page] in shown
    assert "Syntetiske demodata" in shown


@pytest.mark.parametrize("page", [p.file for p in PAGES])
def test_page_renders_on_an_empty_database(empty_db, page):
    at = new_app().run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Syntetiske demodata" not in shown
    if page not in (
        "views/about.py",
        "views/goals.py",
        "views/file_upload.py",
        "views/action_plan.py",
        "views/admin.py",
    ):
        assert "Ingen data endnu" in shown


def test_first_page_is_overblik_with_status_words(demo_db):
    at = new_app().run()
    shown = texts(at)
    assert at.title[0].value == "Overblik"
    assert any(word in shown for word in ("På sporet", "Tæt på", "Ikke på sporet"))
    assert at.metric, "the overview shows figures"


def test_a_shared_link_sets_the_filters(demo_db):
    at = new_app()
    at.query_params["periode"] = "2024"
    at.query_params["aldersgruppe"] = "18-24"
    at.query_params["maalgruppe"] = ["Hjemløshed", "Alkohol"]
    at.run()
    assert not at.exception
    assert at.selectbox(key="flt_periode").value == "2024"
    assert at.multiselect(key="flt_aldersgruppe").value == ["18-24"]
    assert at.multiselect(key="flt_maalgruppe").value == ["Hjemløshed", "Alkohol"]
    assert "Målgruppe: Hjemløshed, Alkohol" in texts(at)
    assert at.query_params["maalgruppe"] == ["Hjemløshed", "Alkohol"]
    assert not at.warning or all("findes ikke" not in w.value for w in at.warning)


def test_unknown_values_in_a_link_are_ignored_with_a_danish_warning(demo_db):
    at = new_app()
    at.query_params["periode"] = "sidste-aar"
    at.query_params["maalgruppe"] = ["Hjemløshed", "Marsboere"]
    at.query_params["strategi"] = "findes_ikke"
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "Marsboere" in warnings and "findes ikke" in warnings
    assert "sidste-aar" in warnings
    assert at.multiselect(key="flt_maalgruppe").value == ["Hjemløshed"]
    assert at.query_params["maalgruppe"] == "Hjemløshed"
    assert at.query_params["periode"] != "sidste-aar"


def test_a_link_with_more_values_than_the_filter_limit_keeps_the_first_three(demo_db):
    at = new_app()
    at.query_params["aldersgruppe"] = ["16-17", "18-24", "25-29", "30-39"]
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "vælger 4 værdier" in warnings and "højst 3" in warnings
    assert at.multiselect(key="flt_aldersgruppe").value == ["16-17", "18-24", "25-29"]
    assert at.multiselect(key="flt_aldersgruppe").proto.max_selections == 3


def test_changing_a_filter_updates_the_url(demo_db):
    at = new_app().run()
    at.multiselect(key="flt_leverandoer").set_value(["Egen kommune"]).run()
    assert not at.exception
    assert at.query_params["leverandoer"] == "Egen kommune"
    at.selectbox(key="flt_periode").set_value("2025-Q3").run()
    assert at.query_params["periode"] == "2025-Q3"
    assert "3. kvartal 2025" in texts(at)


def test_filters_survive_a_page_switch(demo_db):
    at = new_app()
    at.query_params["maalgruppe"] = "Hjemløshed"
    at.run()
    at.switch_page("views/focus_areas.py").run()
    assert at.multiselect(key="flt_maalgruppe").value == ["Hjemløshed"]
    assert at.query_params.get("maalgruppe") == "Hjemløshed"


def test_moedevisning_pages_through_focus_areas(demo_db):
    at = new_app().run()
    at.switch_page("views/meeting.py").run()
    first = at.title[0].value
    at.button(key="m_next").click().run()
    assert not at.exception
    assert at.query_params["side"] == "2"
    assert at.title[0].value != first
    assert "side 2 af" in texts(at)
    at.button(key="m_prev").click().run()
    assert at.title[0].value == first
    labels = [b.label for b in at.download_button]
    assert labels == ["PDF-rapport", "PowerPoint", "Excel", "Udskriv"]


def _batches(path: Path) -> list[int]:
    from ui import data

    with data.cursor() as cur:
        return [r[0] for r in cur.execute("SELECT batch FROM imports").fetchall()]


def _count(path: Path, table: str) -> int:
    from ui import data

    with data.cursor() as cur:
        return cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_upload_previews_then_imports_a_good_file(demo_db):
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    before = _count(demo_db, "indsatser")
    at.file_uploader(key="upload_file").set_value(("nye.xlsx", good_indsatser_xlsx(), XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Forhåndsvisning" in texts(at)
    assert {m.label: m.value for m in at.metric}["Nye"] == "12"
    assert _count(demo_db, "indsatser") == before, "a preview changes nothing"
    at.button(key="upload_confirm").click().run()
    assert not at.exception
    assert "Importeret som kørsel" in texts(at)
    assert _count(demo_db, "indsatser") == before + 12


def test_upload_refuses_a_bad_file_and_changes_nothing(demo_db):
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    before = _count(demo_db, "indsatser")
    at.file_uploader(key="upload_file").set_value(("fejl.xlsx", bad_indsatser_xlsx(), XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Filen er afvist – intet er ændret" in texts(at)
    report = at.table[0].value
    assert len(report) >= 2 and set(report["Kolonne"]) >= {"fødselsår", "startdato"}
    assert any("fejlrapport" in b.label.lower() for b in at.download_button)
    assert not any(b.key == "upload_confirm" for b in at.button)
    assert _count(demo_db, "indsatser") == before


def test_undo_on_importhistorik_restores_the_data(demo_db):
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    before = _count(demo_db, "indsatser")
    at.file_uploader(key="upload_file").set_value(("nye.xlsx", good_indsatser_xlsx("TESTUNDO"), XLSX)).run()
    at.button(key="upload_confirm").click().run()
    assert _count(demo_db, "indsatser") == before + 12
    at.switch_page("views/import_history.py").run()
    assert not at.exception
    assert at.selectbox(key="undo_batch").value == max(_batches(demo_db)), "the newest batch is offered first"
    assert at.button(key="undo_go").disabled
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo_go").click().run()
    assert not at.exception
    assert "er fortrudt" in texts(at)
    assert _count(demo_db, "indsatser") == before


def test_suppressed_figures_say_why(demo_db):
    at = new_app()
    at.query_params["aldersgruppe"] = "16-17"
    at.query_params["maalgruppe"] = "Prostitution"
    at.run()
    assert not at.exception
    hidden = [m for m in at.metric if m.value.startswith("<") or m.value == "For få data"]
    assert hidden, "a narrow filter hides some figures"
    assert all(m.help for m in hidden)


def test_editing_a_goal_records_history(demo_db, monkeypatch):
    monkeypatch.setenv("PEJLING_USER", "testbruger")
    at = new_app().run()
    at.switch_page("views/goals.py").run()
    assert not at.exception
    editor = at.data_editor[0].value
    assert "Mål 2029" in editor.columns and editor.iloc[0]["Indikator"] == "Andel hjemløse"
    at.session_state["goal_editor_plads_til_alle"] = {
        "edited_rows": {0: {"Mål 2029": 12.5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="goal_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "ændring(er) er gemt" in texts(at)
    history = at.dataframe[-1].value
    first = history.iloc[0]
    assert (first["Bruger"], first["Indikator"], first["År"], first["Efter"]) == (
        "testbruger",
        "Andel hjemløse",
        2029,
        "12,5 %",
    )
    from ui import data

    with data.cursor() as cur:
        stored = cur.execute(
            "SELECT vaerdi FROM maal WHERE strategi = 'plads_til_alle' AND indikator = 'hjemloese_andel' "
            "AND type = 'target' AND aar = 2029"
        ).fetchone()[0]
    assert stored == pytest.approx(0.125)


@pytest.mark.parametrize("strategy", ["socialomraadet_2024_2026", "roedovre_udsatte"])
def test_other_strategies_render_by_configuration_alone(demo_db, strategy):
    at = new_app()
    at.query_params["strategi"] = strategy
    at.run()
    assert at.selectbox(key="flt_strategi").value == strategy
    for page in ("views/overview.py", "views/focus_areas.py", "views/meeting.py", "views/goals.py"):
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
    assert at.query_params["strategi"] == strategy


def test_a_missing_database_is_created_with_demo_data_on_first_start(tmp_path, monkeypatch):
    path = tmp_path / "ny" / "pejling.duckdb"
    monkeypatch.setenv("PEJLING_DB", str(path))
    try:
        at = new_app().run()
        assert not at.exception
        assert path.exists()
        assert "Syntetiske demodata" in texts(at)
        assert at.metric
    finally:
        import streamlit as st

        st.cache_resource.clear()
        st.cache_data.clear()


def _heatmap_columns(at) -> list[str]:
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return [str(x) for x in spec["data"][0]["x"]]


def test_heatmap_of_a_count_has_no_row_total_that_would_reveal_hidden_cells(demo_db):
    at = new_app()
    at.query_params["strategi"] = "roedovre_udsatte"
    at.run()
    at.switch_page("views/target_groups.py").run()
    at.selectbox(key="mg_indicator").set_value("aktive_borgere").run()
    assert not at.exception
    assert "Alle aldre" not in _heatmap_columns(at)
    at.selectbox(key="mg_indicator").set_value("hjemloese_andel").run()
    assert "Alle aldre" in _heatmap_columns(at)


def test_after_an_interrupted_import_the_upload_page_shows_what_the_store_recorded(demo_db):
    from store.imports import import_file
    from ui import data, intake

    content = good_indsatser_xlsx("AFBRUDT")
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    at.file_uploader(key="upload_file").set_value(("afbrudt.xlsx", content, XLSX)).run()
    assert "Bekræft og importér" in [b.label for b in at.button]
    # The confirm run marked the import as started, committed it, and was cut off before it could say so.
    at.session_state["_upload_pending"] = {(intake.digest(content), intake.AUTO)}
    with data.writer() as con:
        committed = import_file(con, content, "afbrudt.xlsx", user="test")
    assert committed.status == "imported"
    at.run()
    assert not at.exception
    assert f"Importeret som kørsel {committed.batch}: 12 nye og 0 ændrede rækker." in texts(at)
    assert "Bekræft og importér" not in [b.label for b in at.button]


def test_an_interrupted_import_that_never_committed_says_so(demo_db):
    from ui import intake

    content = good_indsatser_xlsx("ALDRIG")
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    at.file_uploader(key="upload_file").set_value(("aldrig.xlsx", content, XLSX)).run()
    at.session_state["_upload_pending"] = {(intake.digest(content), intake.AUTO)}
    at.run()
    assert not at.exception
    assert "Den afbrudte import blev ikke gennemført – intet er ændret." in texts(at)
    assert "Bekræft og importér" in [b.label for b in at.button]


def test_om_tallene_explains_the_zero_rule_and_the_filter_limit(demo_db):
    at = new_app()
    at.run()
    at.switch_page("views/about.py").run()
    assert not at.exception
    shown = texts(at)
    assert "Et 0 lige ved siden af sådan et tal" in shown and "vises også som `<5`" in shown
    assert "Et filter kan højst have 3 værdier valgt ad gangen" in shown
