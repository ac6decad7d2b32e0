"""Given/expect tests of `progression` (period 2025; every citizen has an active Mentor episode unless noted)."""

from __future__ import annotations

from tests.metrics.conftest import add_episode, add_measure, figure


def test_progression_first_ever_vs_latest_90_days_and_latest_in_period(con):
    for b in ("R001", "R002", "R003", "R004", "R005", "R006", "R008", "R009", "R010"):
        add_episode(con, b, 1990, "Mentor", "2024-01-01")
    # R001: Bolig 3 → 5 (+2), Økonomi 4 → 4 (0): mean +1.0 → counted, in progress (boundary 1.0).
    add_measure(con, "R001", "2024-01-01", "Bolig", 3)
    add_measure(con, "R001", "2025-06-01", "Bolig", 5)
    add_measure(con, "R001", "2024-01-01", "Økonomi", 4)
    add_measure(con, "R001", "2025-06-01", "Økonomi", 4)
    # R002: Bolig 89 days apart (2025-01-01 → 2025-03-31) does not qualify; Økonomi 5 → 5 qualifies: 0 → not.
    add_measure(con, "R002", "2025-01-01", "Bolig", 3)
    add_measure(con, "R002", "2025-03-31", "Bolig", 8)
    add_measure(con, "R002", "2024-06-01", "Økonomi", 5)
    add_measure(con, "R002", "2025-04-01", "Økonomi", 5)
    # R003: qualifies, but the latest measurement (2024-06-01) is not in the period → not counted.
    add_measure(con, "R003", "2023-01-01", "Bolig", 2)
    add_measure(con, "R003", "2024-06-01", "Bolig", 6)
    # R004: 5 → 7 (+2); a 2026 measurement after period_end is ignored → in progress.
    add_measure(con, "R004", "2024-01-01", "Bolig", 5)
    add_measure(con, "R004", "2025-02-01", "Bolig", 7)
    add_measure(con, "R004", "2026-03-01", "Bolig", 1)
    # R005: exactly 90 days (2025-02-01 → 2025-05-02), 4 → 6 → in progress.
    add_measure(con, "R005", "2025-02-01", "Bolig", 4)
    add_measure(con, "R005", "2025-05-02", "Bolig", 6)
    # R006: a single measurement → no domain qualifies → not counted.
    add_measure(con, "R006", "2025-03-01", "Bolig", 4)
    # R007: measurements qualify, but no active episode → not counted.
    add_measure(con, "R007", "2024-01-01", "Bolig", 1)
    add_measure(con, "R007", "2025-06-01", "Bolig", 9)
    # R008: first measurement ever is after period_end → nothing on or before it → not counted.
    add_measure(con, "R008", "2026-01-05", "Bolig", 1)
    # R009: Bolig 6 → 4 (−2), Rusmidler 2 → 5 (+3): mean +0.5 → counted, not in progress.
    add_measure(con, "R009", "2024-01-01", "Bolig", 6)
    add_measure(con, "R009", "2025-05-01", "Bolig", 4)
    add_measure(con, "R009", "2024-01-01", "Rusmidler", 2)
    add_measure(con, "R009", "2025-05-01", "Rusmidler", 5)
    # R010: Bolig 3 → 6 (+3) qualifies with latest 2024-12-01, and the latest measurement of all (Økonomi
    # 2025-03-01, single) lies in the period → counted, in progress (change over qualifying domains only).
    add_measure(con, "R010", "2024-01-01", "Bolig", 3)
    add_measure(con, "R010", "2024-12-01", "Bolig", 6)
    add_measure(con, "R010", "2025-03-01", "Økonomi", 2)
    res = figure(con, "progression")
    # Counted R001, R002, R004, R005, R009, R010 = 6; change ≥ 1.0: R001, R004, R005, R010 = 4.
    assert (res.numerator, res.denominator) == (4, 6)
