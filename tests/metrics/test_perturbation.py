"""Cell-key perturbation: the p-table's properties, hand-worked published figures, record keys, and the
property that the same contributors give the same published figure in every output.

The default p-table (N = 5, D = 3, V = 1), row by row, cell key → deviation (metrics/data/ptable.csv):
  count 5:   every key → 0 (a count of N is never published below N, and the mean must be 0)
  count 6:   0-80 → −1, 81-187 → 0, 188-243 → +1, 244-254 → +2, 255 → +3
  count 7:   0-13 → −2, 14-77 → −1, 78-179 → 0, 180-240 → +1, 241-254 → +2, 255 → +3
  count 8+:  0 → −3, 1-14 → −2, 15-76 → −1, 77-178 → 0, 179-240 → +1, 241-254 → +2, 255 → +3
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import settings as pejling_settings
from metrics import views
from metrics.engine import compute, compute_matrix, trend
from metrics.ptable import PTABLE_FILE, build_ptable, read_ptable
from metrics.suppression import REASON_NONE, Raw, primary
from store.db import connect
from store.record_keys import refresh_record_keys
from tests.metrics.conftest import add_answer, add_episode, set_keys
from tests.metrics.test_properties import FILTER_VALUES, _con, _load, answer, citizen

ROOT = Path(__file__).resolve().parents[2]
N, D = 5, 3


# ---------------------------------------------------------------- the p-table


def test_the_versioned_file_is_the_table_the_script_builds():
    stored = read_ptable(PTABLE_FILE)
    assert (stored.min_n, stored.max_dev, stored.variance) == (5, 3, 1.0)
    assert stored == build_ptable(5, 3, 1.0)


@pytest.mark.parametrize("params", [(5, 3, 1.0), (3, 2, 0.8), (10, 3, 2.0), (4, 1, 0.5)])
def test_p_table_rows_have_mean_zero_bounded_deviation_and_no_small_output(params):
    n_min, max_dev, variance = params
    table = build_ptable(*params)
    assert set(table.rows) == {0, *range(n_min, n_min + max_dev + 1)}
    for count, row in table.rows.items():
        assert len(row) == 256
        assert sum(row) == 0, (count, Counter(row))  # mean exactly zero over the 256 cell keys
        assert all(abs(e) <= max_dev for e in row)
        outputs = {count + e for e in row}
        assert all(o >= 0 for o in outputs)
        assert not any(1 <= o < n_min for o in outputs)  # never published in 1..N-1
        if count >= n_min:
            assert min(outputs) >= n_min  # a count of N or more never below N
    assert table.rows[0] == tuple([0] * 256)  # 0 stays 0
    free = table.free_row()
    assert sum(e * e for e in free) / 256 == pytest.approx(variance, abs=0.03)  # the stated variance


def test_a_threshold_below_3_is_refused_from_the_environment(monkeypatch, tmp_path):
    connect(tmp_path / "e.duckdb").close()
    monkeypatch.setenv("PEJLING_MIN_N", "2")
    with pytest.raises(pejling_settings.SettingError, match="under 3"):
        pejling_settings.min_n()
    out = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "indicators", "--db", str(tmp_path / "e.duckdb"), "--period", "2025"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**__import__("os").environ, "PEJLING_MIN_N": "1"},
        timeout=120,
    )
    assert out.returncode == 2 and "må ikke være under 3" in out.stderr and out.stdout == ""


def test_a_larger_deviation_than_3_is_refused(monkeypatch):
    monkeypatch.setenv("PEJLING_MAX_DEVIATION", "4")
    with pytest.raises(pejling_settings.SettingError):
        pejling_settings.max_deviation()


# ---------------------------------------------------------------- hand-worked published figures


def test_counts_are_published_with_the_deviation_of_their_cell_key():
    # (count, cell key) → published: 8 with key 0 → 8 − 3 = 5; 8 with 100 → 8; 8 with 200 → 9; 8 with 255 → 11;
    # 7 with 10 → 5; 6 with 250 → 8; 5 with anything → 5; 0 stays 0; 3 is hidden as '<5'.
    cases = [(8, 0, "5"), (8, 100, "8"), (8, 200, "9"), (8, 255, "11"), (7, 10, "5"), (6, 250, "8"), (5, 3, "5")]
    for count, key, shown in cases:
        assert primary(Raw("x", "2025", {}, "count", count, ck_n=key), N).display == shown, (count, key)
    assert primary(Raw("x", "2025", {}, "count", 0, ck_n=77), N).display == "0"
    assert primary(Raw("x", "2025", {}, "count", 3, ck_n=77), N).display == "<5"


def test_a_share_is_the_perturbed_numerator_over_the_perturbed_denominator():
    # 20 units with cell key 200 → 20 + 1 = 21; 9 in the numerator with key 10 → 9 − 2 = 7: 7/21 = 33,3 %.
    res = primary(Raw("s", "2025", {}, "share", 20, 9, ck_n=200, ck_k=10), N)
    assert (res.numerator, res.denominator, res.display) == (7, 21, "33,3 %")
    # Wilson of 7/21: centre (1/3 + 1.96²/42)/(1 + 1.96²/21) = 0.3591, half-width 0.1872 → [0.1719, 0.5463],
    # widened by 1.96·sqrt(V·(1 + p²))/n = 1.96·sqrt(1 + 1/9)/21 = 0.0984 per side.
    assert res.ci_low == pytest.approx(0.1719 - 0.0984, abs=2e-3)
    assert res.ci_high == pytest.approx(0.5463 + 0.0984, abs=2e-3)


def test_a_shown_share_keeps_numerator_and_complement_at_least_n():
    # 14 units (key 0 → 11) and 7 of them (key 255 → 10): 10 of 11 would leave a complement of 1, so the
    # numerator is capped at 11 − 5 = 6.
    res = primary(Raw("s", "2025", {}, "share", 14, 7, ck_n=0, ck_k=255), N)
    assert (res.numerator, res.denominator) == (6, 11)
    # 10 units (key 0 → 7) and 5 of them: 7 leaves no room for 5 and 5, so the share is not shown.
    res = primary(Raw("s", "2025", {}, "share", 10, 5, ck_n=0, ck_k=128), N)
    assert res.suppressed and res.display == "For få data"


def test_a_mean_moves_by_at_most_d_score_steps_over_n():
    # WHO-5 mean 60 over 8 answers, second key 200 → deviation +1 → 60 + 1·4/8 = 60,5; denominator 8 with
    # key 100 → 8.
    res = primary(Raw("trivsel_who5", "2025", {}, "mean", 8, 0, 60.0, ck_n=100, ck_v=200, step=4.0), N)
    assert (res.value, res.denominator, res.display) == (60.5, 8, "60,5")


def test_a_median_is_whole_days_moved_by_at_most_one():
    # Median 9.5 days → 10; second key 250 → +2 → round(2/3) = +1 → 11 days; key 100 → 0 → 10 days.
    def med(key):
        raw = Raw("w", "2025", {}, "share", 10, 5, None, 9.5, ("median_ventetid",), ck_n=100, ck_k=100, ck_v=key)
        return primary(raw, N).extra["median_ventetid"]

    assert (med(250), med(100), med(0)) == (11.0, 10.0, 9.0)


def test_the_engine_sums_record_keys_into_cell_keys(tmp_path):
    # 9 active citizens with record keys 30 each: cell key 270 mod 256 = 14 → row 8+ → −2 → 7.
    # The 4 aged under 30 are hidden ('<5'); the 5 aged 30+ have cell key 150 → row 5 → 5.
    con = connect(tmp_path / "k.duckdb")
    for i in range(9):
        add_episode(con, f"B{i}", 2000 if i < 4 else 1980, "Mentor", "2025-01-01")
    set_keys(con, {f"B{i}": 30 for i in range(9)})
    (total,) = compute(con, ["aktive_borgere"], "2025", min_n=5)
    assert total.display == "7"
    by_age = {r.group["under30"]: r.display for r in compute(con, ["aktive_borgere"], "2025", by="under30", min_n=5)}
    # Nobody has an unknown age, but the age band 25-29 beside it holds 4, so that 0 is shown like it.
    assert by_age == {"Under 30": "<5", "30 og derover": "Skjult", "Uoplyst": "<5"}
    (older,) = compute(con, ["aktive_borgere"], "2025", {"under30": ["30 og derover"]}, min_n=5)
    assert older.display == "5"


def test_record_keys_are_stable_across_undo_and_reopen_and_the_secret_never_leaves(tmp_path):
    path = tmp_path / "s.duckdb"
    con = connect(path)
    add_episode(con, "B1", 1990, "Mentor", "2025-01-01")
    add_answer(con, "A1", "2025-03-01")
    refresh_record_keys(con)
    first = con.execute("SELECT rk, rk2 FROM borger_keys WHERE borger_id = 'B1'").fetchone()
    secret = con.execute("SELECT secret FROM installation_secret").fetchone()[0]
    con.execute("DELETE FROM indsatser")  # as an undo would
    refresh_record_keys(con)
    con.close()
    con = connect(path)
    add_episode(con, "B1", 1990, "Mentor", "2025-02-01")
    refresh_record_keys(con)
    assert con.execute("SELECT rk, rk2 FROM borger_keys WHERE borger_id = 'B1'").fetchone() == first
    assert con.execute("SELECT count(*) FROM besvarelse_keys").fetchone()[0] == 1
    # HMAC-SHA256(secret, 'B1'): the first two bytes are the keys (checked against Python's hmac).
    import hashlib
    import hmac

    digest = hmac.new(bytes(secret), b"B1", hashlib.sha256).digest()
    assert first == (digest[0], digest[1])
    other = connect(tmp_path / "other.duckdb")
    assert bytes(other.execute("SELECT secret FROM installation_secret").fetchone()[0]) != bytes(secret)


def test_no_product_code_asks_for_unprotected_figures():
    """`protect=False` and `exact` exist for tests only: no module outside tests/ may use them."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in ("tests", ".venv", "bench") or rel.name == "suppression.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.keyword)
                and node.arg == "protect"
                and not (isinstance(node.value, ast.Constant) and node.value.value is True)
            ):
                if not (isinstance(node.value, ast.Name) and node.value.id == "protect"):
                    offenders.append(f"{rel}:{node.value.lineno}")
            if isinstance(node, ast.Name) and node.id == "exact" and rel.name != "engine.py":
                offenders.append(f"{rel}:{node.lineno}")
    assert not offenders


# ---------------------------------------------------------------- the same contributors, the same figure


def _published(results):
    return {(r.indicator, tuple(sorted(r.group.items()))): r for r in results}


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    citizens=st.lists(citizen, min_size=1, max_size=30),
    answers=st.lists(answer, max_size=15),
    dim=st.sampled_from(list(FILTER_VALUES)),
    n_min=st.integers(3, 6),
)
def test_same_contributors_give_the_same_figure_everywhere(citizens, answers, dim, n_min):
    con = _con()
    _load(con, citizens, answers)
    exact_cells = _published(compute(con, None, "2025", None, dim, protect=False))
    cells = _published(compute(con, None, "2025", None, dim, n_min))
    for value in FILTER_VALUES[dim]:
        # The group of a breakdown and the total filtered on that group have the same contributors.
        filtered = {r.indicator: r for r in compute(con, None, "2025", {dim: [value]}, None, n_min)}
        for ind, res in filtered.items():
            cell = cells.get((ind, ((dim, value),)))
            if cell is None:  # a group the breakdown leaves out holds nobody and has no small neighbour
                assert res.display == "0" or res.reason == REASON_NONE, (ind, value, res)
            elif cell.display != "Skjult":  # hidden or not, and how, is the same in both
                got = (res.numerator, res.denominator, res.display, res.reason)
                assert got == (cell.numerator, cell.denominator, cell.display, cell.reason), (ind, value)
    for key, res in cells.items():
        if res.suppressed:
            continue
        true = exact_cells[key]
        for pub, exact in ((res.numerator, true.numerator), (res.denominator, true.denominator)):
            if pub is not None and exact is not None:
                assert abs(pub - exact) <= D  # within the stated maximum of the definition
                assert not 1 <= pub < n_min
    # Trend year = compute of that year; matrix cells = compute filtered on both dimensions.
    by_year = _published(trend(con, ["aktive_borgere"], years=[2025], min_n=n_min))
    assert by_year == _published(compute(con, ["aktive_borgere"], "2025", min_n=n_min))
    matrix = compute_matrix(con, "aktive_borgere", "2025", min_n=n_min)
    for (grp, age), res in matrix.items():
        if res.suppressed:
            continue
        (direct,) = compute(con, ["aktive_borgere"], "2025", {"målgruppe": [grp], "aldersgruppe": [age]}, min_n=n_min)
        assert direct.display == res.display


def test_views_cli_and_engine_publish_the_same_count(tmp_path):
    # 12 WHO-5 answers, all scoring 60 (band 51-70); the band and the indicator's denominator have the same
    # contributors, so the view's count equals the engine's published denominator and the CLI's.
    db = tmp_path / "v.duckdb"
    con = connect(db)
    for i in range(12):
        add_answer(con, f"A{i:02d}", "2025-03-01", foedselsaar=1990, who5_1=3, who5_2=3, who5_3=3, who5_4=3, who5_5=3)
    set_keys(con, {f"A{i:02d}": 20 for i in range(12)}, answers=True)  # 240 → +1 → 13
    dist = views.who5_distribution(con, "2025", min_n=5)
    band = dist.set_index("bucket").loc["51-70"]
    (mean,) = compute(con, ["trivsel_who5"], "2025", min_n=5)
    assert band["count"] == 13 and mean.denominator == 13
    con.close()
    out = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "indicators", "--db", str(db), "--period", "2025",
         "--indicator", "lav_trivsel"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    (row,) = json.loads(out.stdout)
    assert row["denominator"] == 13  # lav_trivsel: 0 of 12 are low → 0 of 13 published
