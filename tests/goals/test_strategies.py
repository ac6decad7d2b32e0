"""Strategies are data: the shipped files load, map to known indicators, and a new strategy is a new file."""

from __future__ import annotations

from pathlib import Path

import pytest

from metrics.strategies import (
    FALLBACK_INDICATOR_IDS,
    STRATEGIES_DIR,
    StrategyError,
    default_strategy_id,
    get_strategy,
    known_indicator_ids,
    load_strategies,
)

FOURTH = """
id = "glostrup_test"
name = "Sammen om et godt liv"
municipality = "Glostrup Kommune"
period = "2025-2030"
description = "En prøvestrategi."
source = "Testfil."

[[areas]]
id = "bolig"
name = "Alle har et hjem"
description = ""

  [[areas.bearings]]
  id = "faerre_hjemloese"
  text = "Færre er hjemløse."
  indicators = ["hjemloese_andel", "egen_bolig_efter_hf"]
  note = ""

  [[areas.bearings]]
  id = "naboer"
  text = "Naboerne er med."
  indicators = []
  note = "Ikke målt endnu."
"""


def _copy_shipped(tmp_path: Path) -> None:
    for path in STRATEGIES_DIR.glob("*.toml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")


def test_the_three_shipped_strategies_load_with_the_default_first():
    strategies = load_strategies()
    assert list(strategies)[0] == default_strategy_id() == "plads_til_alle"
    assert set(strategies) == {"plads_til_alle", "socialomraadet_2024_2026", "roedovre_udsatte"}


def test_plads_til_alle_has_its_three_focus_areas():
    pta = get_strategy("plads_til_alle")
    assert [a.name for a in pta.areas] == [
        "At have stabile rammer om livet",
        "At kunne selv",
        "At være noget for nogen",
    ]
    assert pta.municipality == "Ballerup Kommune" and pta.years == (2022, 2029)


def test_socialomraadet_has_the_principles_and_three_focus_areas():
    s = get_strategy("socialomraadet_2024_2026")
    assert [a.name for a in s.areas][1:] == [
        "Mestring af egen tilværelse",
        "Borgeren i udvikling",
        "Et stærkt fagligt fundament",
    ]
    assert s.areas[0].indicator_ids() == [
        "princip_ressourcer",
        "princip_oensker",
        "princip_kompetente",
        "princip_kommunikation",
    ]
    assert s.years == (2024, 2026)


def test_roedovre_has_the_five_strategic_goals():
    assert len(get_strategy("roedovre_udsatte").areas) == 5


def test_every_bearing_uses_known_indicators_and_unmeasured_ones_say_why():
    known = set(known_indicator_ids())
    for strategy in load_strategies().values():
        for area in strategy.areas:
            for bearing in area.bearings:
                assert set(bearing.indicators) <= known
                if not bearing.indicators:
                    assert "Ikke målt endnu" in bearing.note


def test_every_indicator_is_in_some_strategy():
    used = {i for s in load_strategies().values() for i in s.indicator_ids()}
    assert set(known_indicator_ids()) <= used
    assert set(FALLBACK_INDICATOR_IDS) <= used


def test_indicator_ids_are_in_order_without_repeats():
    pta = get_strategy("plads_til_alle")
    ids = pta.indicator_ids()
    assert ids[:2] == ["hjemloese_andel", "egen_bolig_efter_hf"]
    assert len(ids) == len(set(ids))
    assert [b.id for _, b in pta.bearings_for("hjemloese_andel")] == ["eget_hjem", "unge_i_risiko_for_hjemloeshed"]


def test_a_fourth_strategy_is_a_fourth_file(tmp_path):
    _copy_shipped(tmp_path)
    (tmp_path / "glostrup.toml").write_text(FOURTH, encoding="utf-8")
    strategies = load_strategies(tmp_path)
    assert len(strategies) == 4
    new = strategies["glostrup_test"]
    assert new.indicator_ids() == ["hjemloese_andel", "egen_bolig_efter_hf"]
    assert new.areas[0].bearings[1].measured is False


def test_an_unknown_indicator_gives_a_danish_error(tmp_path):
    (tmp_path / "fejl.toml").write_text(FOURTH.replace('"egen_bolig_efter_hf"', '"egen_bolig"'), encoding="utf-8")
    with pytest.raises(StrategyError, match=r"fejl\.toml.*ukendt indikator 'egen_bolig'"):
        load_strategies(tmp_path)


def test_a_broken_toml_file_gives_a_danish_error(tmp_path):
    (tmp_path / "brudt.toml").write_text('id = "x\nname = ', encoding="utf-8")
    with pytest.raises(StrategyError, match=r"Strategifilen brudt\.toml kan ikke læses"):
        load_strategies(tmp_path)


def test_duplicate_ids_are_refused(tmp_path):
    twice = FOURTH.replace('id = "naboer"', 'id = "faerre_hjemloese"')
    (tmp_path / "dobbelt.toml").write_text(twice, encoding="utf-8")
    with pytest.raises(StrategyError, match="pejlemærket 'faerre_hjemloese' findes to gange"):
        load_strategies(tmp_path)
    (tmp_path / "dobbelt.toml").write_text(FOURTH, encoding="utf-8")
    (tmp_path / "kopi.toml").write_text(FOURTH, encoding="utf-8")
    with pytest.raises(StrategyError, match="'glostrup_test' bruges i både dobbelt.toml og kopi.toml"):
        load_strategies(tmp_path)


def test_a_bearing_without_indicators_needs_a_note(tmp_path):
    (tmp_path / "uden.toml").write_text(FOURTH.replace('note = "Ikke målt endnu."', 'note = ""'), encoding="utf-8")
    with pytest.raises(StrategyError, match="skal have en 'note'"):
        load_strategies(tmp_path)


def test_an_unknown_strategy_id_is_a_danish_error():
    with pytest.raises(StrategyError, match="Strategien 'findes_ikke' findes ikke"):
        get_strategy("findes_ikke")


def test_an_empty_directory_is_a_danish_error(tmp_path):
    with pytest.raises(StrategyError, match="ingen strategifiler"):
        load_strategies(tmp_path)
