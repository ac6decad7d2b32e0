"""Independent contract review: the indicator table (ids, Danish names, direction), goals and status,
the Wilson interval and the data-quality note for citizens outside the target range (INDICATORS.md)."""

from __future__ import annotations

import pytest

from metrics.engine import compute
from metrics.goals import Goal, evaluate_status, expected_value
from metrics.registry import INDICATORS
from metrics.views import data_quality
from store.db import connect

# The contract's tables: id -> (Danish name, better).
CONTRACT = {
    "aktive_borgere": ("Borgere i målgruppen", None),
    "nye_borgere": ("Nye borgere", None),
    "andel_unge": ("Andel under 30 år", None),
    "hjemloese_andel": ("Andel hjemløse", "lower"),
    "egen_bolig_efter_hf": ("Egen bolig efter Housing First", "higher"),
    "behandling_inden_14_dage": ("Behandling startet inden 14 dage", "higher"),
    "sammenhaengende_overgange": ("Sammenhængende overgange", "higher"),
    "trappe_ned": ("Bevægelse ned ad indsatstrappen", "higher"),
    "tidlig_rette_indsats": ("Første indsats på lavt trin", "higher"),
    "unge_job_uddannelse": ("Unge i job eller uddannelse", "higher"),
    "lokale_tilbud": ("Lokale tilbud", "higher"),
    "handleplan_andel": ("Borgere med handleplan", "higher"),
    "stabil_kontaktperson": ("Stabil kontaktperson", "higher"),
    "progression": ("Borgere i fremgang", "higher"),
    "princip_ressourcer": ("Udgangspunkt i borgerens ressourcer", "higher"),
    "princip_oensker": ("Udgangspunkt i borgerens ønsker og håb", "higher"),
    "princip_kompetente": ("Kompetente og ambitiøse medarbejdere", "higher"),
    "princip_kommunikation": ("Tydelig kommunikation og dialog", "higher"),
    "oplevet_stabile_rammer": ("Oplevede stabile rammer", "higher"),
    "oplevet_kan_selv": ("Oplevet selvbestemmelse", "higher"),
    "oplevet_faellesskab": ("Oplevet fællesskab", "higher"),
    "trivsel_who5": ("Trivsel (WHO-5)", "higher"),
    "lav_trivsel": ("Lav trivsel", "lower"),
    "ensomhed": ("Alvorlig ensomhed", "lower"),
}


@pytest.fixture
def db(tmp_path):
    con = connect(tmp_path / "review.duckdb", engine_kind="duckdb")
    yield con
    con.close()


def test_registry_has_exactly_the_contract_indicators():
    assert set(INDICATORS) == set(CONTRACT)


@pytest.mark.parametrize("indicator", list(CONTRACT))
def test_registry_name_and_direction_match_the_contract(indicator):
    name, better = CONTRACT[indicator]
    ind = INDICATORS[indicator]
    assert ind.name == name
    assert (ind.direction if ind.direction in ("higher", "lower") else None) == better


# ---------------------------------------------------------------- goals


def test_expected_value_lies_on_the_straight_line_between_baseline_and_targets():
    # Baseline 2024: 0.40, targets 2026: 0.50 and 2029: 0.80.
    # 2025 = 0.40 + 0.10 * 1/2 = 0.45; 2027 = 0.50 + 0.30 * 1/3 = 0.60; 2028 = 0.70; years on points exact.
    goal = Goal("s", "lokale_tilbud", (2024, 0.40), [(2026, 0.50), (2029, 0.80)])
    assert expected_value(goal, 2024) == pytest.approx(0.40)
    assert expected_value(goal, 2025) == pytest.approx(0.45)
    assert expected_value(goal, 2026) == pytest.approx(0.50)
    assert expected_value(goal, 2027) == pytest.approx(0.60)
    assert expected_value(goal, 2028) == pytest.approx(0.70)
    assert expected_value(goal, 2029) == pytest.approx(0.80)


@pytest.mark.parametrize(
    ("value", "direction", "code"),
    [
        # share, expected 0.45, tolerance 5 percentage points
        (0.45, "higher", "paa_sporet"),
        (0.50, "higher", "paa_sporet"),
        (0.41, "higher", "taet_paa"),
        (0.40, "higher", "taet_paa"),  # misses by exactly 5 pp: "no more than the tolerance"
        (0.39, "higher", "ikke_paa_sporet"),
        (0.40, "lower", "paa_sporet"),
        (0.50, "lower", "taet_paa"),
        (0.51, "lower", "ikke_paa_sporet"),
    ],
)
def test_status_for_a_share_uses_5_percentage_points(value, direction, code):
    assert evaluate_status(value, 0.45, direction, "andel").code == code


@pytest.mark.parametrize(("value", "code"), [(100.0, "paa_sporet"), (90.0, "taet_paa"), (89.0, "ikke_paa_sporet")])
def test_status_for_a_non_share_uses_10_percent_of_the_expected_value(value, code):
    # WHO-5 mean, expected 100 (higher): tolerance 10 -> 90 is 'Tæt på', 89 is not.
    assert evaluate_status(value, 100.0, "higher", "gennemsnit").code == code


def test_status_of_a_suppressed_figure_is_for_faa_data():
    assert evaluate_status(None, 0.45, "higher", "andel", suppressed=True).code == "for_faa_data"


def test_status_is_uncertain_when_the_wilson_interval_covers_the_expected_value():
    # 5 of 10 -> Wilson 95 % [0.237, 0.763] covers 0.60 -> uncertain; does not cover 0.80.
    assert evaluate_status(0.5, 0.60, "higher", "andel", ci=(0.237, 0.763)).uncertain
    assert not evaluate_status(0.5, 0.80, "higher", "andel", ci=(0.237, 0.763)).uncertain


def test_share_result_carries_the_wilson_95_interval(db):
    # 5 agree of 10: Wilson, z = 1.96: centre (0.5 + 1.96²/20) / (1 + 1.96²/10) = 0.5,
    # half-width 1.96 * sqrt(0.025 + 1.96²/400) / (1 + 1.96²/10) = 0.2634 -> [0.2366, 0.7634].
    for i, v in enumerate((5, 5, 5, 5, 5, 1, 1, 1, 1, 1)):
        db.execute(
            "INSERT INTO borgeroplevelse (besvarelse_id, dato, foedselsaar, kan_selv, batch) VALUES (?, ?, 1990, ?, 1)",
            [f"w-{i:03d}", "2025-05-01", v],
        )
    # Record keys: w-000 has 128, the others 0, so both the 10 answers and the 5 agreeing ones have cell key
    # 128, which the p-table maps to deviation 0 (rows 5 and 8+): the published share is the exact 5/10, and the
    # interval is Wilson widened by 1.96·sqrt(V·(1 + 0.5²))/10 = 1.96·sqrt(1.25)/10 = 0.2191 per side.
    db.execute("INSERT INTO besvarelse_keys VALUES ('w-000', 128, 0)")
    (res,) = compute(db, ["oplevet_kan_selv"], "2025", None, None, 5)
    assert res.value == pytest.approx(0.5)
    assert res.ci_low == pytest.approx(0.2366 - 0.2191, abs=1e-3)
    assert res.ci_high == pytest.approx(0.7634 + 0.2191, abs=1e-3)


# ---------------------------------------------------------------- data-quality note


def test_citizens_outside_the_target_range_are_counted_in_the_data_quality_note(db):
    # Period 2025, active: 6 born 2010 (15, under 16), 5 born 1958 (67 >= 67), 1 born 1990 (in range).
    rows = [(f"u{i}", 2010) for i in range(6)] + [(f"o{i}", 1958) for i in range(5)] + [("in0", 1990)]
    for borger, fy in rows:
        db.execute(
            "INSERT INTO indsatser (borger_id, foedselsaar, indsats, startdato, maalgrupper, batch) "
            "VALUES (?, ?, 'Mentor', DATE '2025-02-01', [], 1)",
            [borger, fy],
        )
    # No record keys (0): 6 under 16 → cell key 0 → row 6 → −1 → 5; 5 over → row 5 → 5.
    q = data_quality(db, "2025", min_n=5)
    shown = {row["årsag"]: row["visning"] for row in q["uden_for_aldersgruppen"]}
    assert shown == {"Under 16 år": "5", "Folkepensionsalderen eller derover": "5"}
