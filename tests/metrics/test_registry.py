"""Registry guard: every indicator of INDICATORS.md is declared, documented, tested and used by a strategy."""

from __future__ import annotations

from pathlib import Path

from metrics.registry import INDICATORS, get_indicator
from schemas.extracts import EXTRACTS

# Names exactly as in INDICATORS.md.
NAMES = {
    "aktive_borgere": "Borgere i målgruppen",
    "nye_borgere": "Nye borgere",
    "andel_unge": "Andel under 30 år",
    "hjemloese_andel": "Andel hjemløse",
    "egen_bolig_efter_hf": "Egen bolig efter Housing First",
    "behandling_inden_14_dage": "Behandling startet inden 14 dage",
    "sammenhaengende_overgange": "Sammenhængende overgange",
    "trappe_ned": "Bevægelse ned ad indsatstrappen",
    "tidlig_rette_indsats": "Første indsats på lavt trin",
    "unge_job_uddannelse": "Unge i job eller uddannelse",
    "lokale_tilbud": "Lokale tilbud",
    "handleplan_andel": "Borgere med handleplan",
    "stabil_kontaktperson": "Stabil kontaktperson",
    "progression": "Borgere i fremgang",
    "princip_ressourcer": "Udgangspunkt i borgerens ressourcer",
    "princip_oensker": "Udgangspunkt i borgerens ønsker og håb",
    "princip_kompetente": "Kompetente og ambitiøse medarbejdere",
    "princip_kommunikation": "Tydelig kommunikation og dialog",
    "oplevet_stabile_rammer": "Oplevede stabile rammer",
    "oplevet_kan_selv": "Oplevet selvbestemmelse",
    "oplevet_faellesskab": "Oplevet fællesskab",
    "trivsel_who5": "Trivsel (WHO-5)",
    "lav_trivsel": "Lav trivsel",
    "ensomhed": "Alvorlig ensomhed",
}
LOWER = {"hjemloese_andel", "lav_trivsel", "ensomhed"}
NONE = {"aktive_borgere", "nye_borgere", "andel_unge"}


def test_registry_holds_exactly_the_documented_indicators_with_their_names():
    assert {i: ind.name for i, ind in INDICATORS.items()} == NAMES


def test_every_indicator_is_documented_with_unit_direction_and_source():
    for ind in INDICATORS.values():
        assert len(ind.description) > 80 and "Kilde" in ind.description, ind.id
        assert ind.unit in {"andel", "antal", "gennemsnit", "dage"}
        expected = "lower" if ind.id in LOWER else None if ind.id in NONE else "higher"
        assert ind.direction == expected, ind.id
        assert ind.source in EXTRACTS
        assert ind.level in {"citizen", "episode", "answer"}
        assert get_indicator(ind.id) is ind


def test_every_indicator_has_a_given_expect_test():
    here = Path(__file__).parent
    text = "\n".join(p.read_text() for p in here.glob("test_*.py") if p.name != Path(__file__).name)
    missing = [i for i in INDICATORS if f'"{i}"' not in text]
    assert not missing, f"no test mentions {missing}"


def test_every_indicator_serves_at_least_one_strategy():
    from metrics.strategies import load_strategies

    used = {i for s in load_strategies().values() for i in s.indicator_ids()}
    assert set(INDICATORS) <= used, sorted(set(INDICATORS) - used)


def test_docs_indikatorer_is_generated_from_the_registry():
    from metrics.docs import DOC_PATH, render

    assert DOC_PATH.read_text(encoding="utf-8") == render(), "run: python -m metrics.docs > docs/indikatorer.md"
