"""Fokusområder answers "why": each indicator once per focus area, a contents list, breakdowns on demand
(also by intervention type, provider and sex), and a drill-through from a card on Overblik."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs

from tests.app.conftest import new_app, texts

# In strategies/plads_til_alle.toml, "Andel hjemløse" measures two bearings of "At have stabile rammer om livet".
SHARED = "Andel hjemløse"
BEARING_1 = "Så mange som muligt skal have deres eget hjem"
BEARING_2 = "Særligt fokus på unge i risiko for hjemløshed"
# The area's indicators in order of first mention, each once (the TOML's bearings list them).
STABLE_FRAMES = [
    "Andel hjemløse",
    "Egen bolig efter Housing First",
    "Behandling startet inden 14 dage",
    "Trivsel (WHO-5)",
    "Lav trivsel",
    "Sammenhængende overgange",
    "Stabil kontaktperson",
    "Oplevede stabile rammer",
]


def _focus_page(query: dict | None = None):
    at = new_app()
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/focus_areas.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def _segment(at, section: int):
    """The 'Opdel efter' control of the n-th indicator section (0-based)."""
    return [s for s in at.segmented_control if s.label == "Opdel efter"][section]


def test_an_indicator_shared_by_two_bearings_is_drawn_once_with_both_bearings(demo_db):
    at = _focus_page()
    assert at.header[0].value == "At have stabile rammer om livet"
    assert [m.label for m in at.metric].count(SHARED) == 1
    assert [s.value for s in at.subheader].count(SHARED) == 1
    # One trend chart per indicator and nothing else until a breakdown is asked for.
    assert len(at.get("plotly_chart")) == len(STABLE_FRAMES)
    bearings = next(m.value for m in at.markdown if "Pejlemærker:" in m.value)
    assert BEARING_1 in bearings and BEARING_2 in bearings


def test_the_contents_list_links_to_every_indicator_once(demo_db):
    at = _focus_page()
    contents = next(m.value for m in at.markdown if m.value.startswith("**Indhold**"))
    links = re.findall(r"\[(.+?)\]\(#([a-z0-9-]+)\)", contents)
    names = [name.replace("\\", "") for name, _ in links]
    assert names == [*STABLE_FRAMES, "Ikke målt endnu"]
    anchors = {s.anchor: s.value for s in at.subheader}
    for name, anchor in zip(names, (a for _, a in links), strict=True):
        assert anchors.get(anchor) == name, f"no section with anchor #{anchor} for {name}"
    assert f"{SHARED}](#indikator-hjemloese-andel) (2 pejlemærker)" in contents


def _bar_labels(at) -> list[str]:
    bars = [c for c in _charts(at) if c["data"] and c["data"][0].get("type") == "bar"]
    assert len(bars) == 1, "exactly the chosen breakdown is drawn"
    return [str(y) for y in bars[0]["data"][0]["y"]]


def test_breakdowns_by_intervention_type_provider_and_sex_on_demand(demo_db):
    at = _focus_page()
    control = _segment(at, 1)  # Egen bolig efter Housing First: episodes of Housing First interventions
    assert set(control.options) >= {"Indsatstype", "Leverandør", "Køn", "Aldersgruppe", "Målgruppe"}
    control.set_value("indsats").run()
    assert not at.exception
    labels = _bar_labels(at)
    assert labels and all(label.startswith("Housing First") or label == "Uoplyst" for label in labels)
    _segment(at, 1).set_value("leverandør").run()
    assert set(_bar_labels(at)) <= {"Egen kommune", "Anden kommune", "Region", "Privat/selvejende", "Uoplyst"}
    _segment(at, 1).set_value("køn").run()
    assert "Kvinde" in _bar_labels(at) and "Mand" in _bar_labels(at)
    # Only the chosen breakdown is computed and drawn: the trend charts plus one bar chart.
    assert len(at.get("plotly_chart")) == len(STABLE_FRAMES) + 1


def test_survey_indicators_offer_no_provider_breakdown(demo_db):
    at = _focus_page()
    who5 = STABLE_FRAMES.index("Trivsel (WHO-5)")
    assert "Leverandør" not in _segment(at, who5).options
    assert "Indsatstype" in _segment(at, who5).options


def _link_to(at, indicator_id: str):
    links = [p for p in at.get("page_link") if f"indikator={indicator_id}" in p.proto.query_string]
    assert len(links) == 1, f"one drill-through link for {indicator_id}"
    return links[0].proto


def test_a_card_on_overblik_links_to_the_indicator_on_fokusomraader_with_the_same_filters(demo_db):
    at = new_app()
    at.query_params["periode"] = "2024"
    at.query_params["maalgruppe"] = ["Hjemløshed", "Alkohol"]
    at.query_params["leverandoer"] = "Egen kommune"
    at.run()
    assert not at.exception
    link = _link_to(at, "stabil_kontaktperson")
    assert link.page == "fokusomraader"
    params = parse_qs(link.query_string)
    assert params["periode"] == ["2024"]
    assert params["maalgruppe"] == ["Hjemløshed", "Alkohol"]
    assert params["leverandoer"] == ["Egen kommune"]
    assert params["omraade"] == ["stabile_rammer"]

    # Following the link: a fresh session opening that URL on Fokusområder.
    landed = new_app()
    for key, values in params.items():
        landed.query_params[key] = values if len(values) > 1 else values[0]
    landed.run()
    landed.switch_page("views/focus_areas.py").run()
    assert not landed.exception
    assert landed.multiselect(key="flt_maalgruppe").value == ["Hjemløshed", "Alkohol"]
    assert landed.multiselect(key="flt_leverandoer").value == ["Egen kommune"]
    assert "Målgruppe: Hjemløshed, Alkohol" in texts(landed)
    assert landed.header[0].value == "At have stabile rammer om livet"
    # The indicator it landed on comes first, marked, and is still drawn only once.
    assert landed.subheader[0].value == "Stabil kontaktperson"
    assert [s.value for s in landed.subheader].count("Stabil kontaktperson") == 1
    assert "Valgt fra Overblik" in texts(landed)


def test_a_drill_through_link_picks_the_indicators_focus_area(demo_db):
    at = _focus_page({"indikator": "progression"})
    assert at.header[0].value == "At kunne selv"
    assert at.subheader[0].value == "Borgere i fremgang"
    assert at.query_params["omraade"] == "kunne_selv"


def test_an_unknown_indicator_in_the_link_is_ignored_with_a_danish_warning(demo_db):
    at = _focus_page({"indikator": "findes_ikke"})
    assert at.header[0].value == "At have stabile rammer om livet"
    assert "Valgt fra Overblik" not in texts(at)
    assert any("«findes\\_ikke» findes ikke i fokusområdet" in w.value for w in at.warning)
    assert [s.value for s in at.subheader][: len(STABLE_FRAMES)] == STABLE_FRAMES


def test_choosing_another_area_drops_the_indicator_a_link_landed_on(demo_db):
    at = _focus_page({"indikator": "stabil_kontaktperson"})
    assert at.subheader[0].value == "Stabil kontaktperson"
    at.segmented_control(key="area_plads_til_alle").set_value("kunne_selv").run()
    assert not at.exception
    assert at.header[0].value == "At kunne selv"
    assert "indikator" not in at.query_params
    assert not at.warning or all("findes ikke" not in w.value for w in at.warning)
