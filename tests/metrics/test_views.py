"""Given/expect tests of the page views: citizens by step, flows, waiting times, WHO-5 bands, data quality."""

from __future__ import annotations

from datetime import date, timedelta

from metrics.views import citizens_by_step, data_quality, step_flows, waiting_times, who5_distribution
from tests.metrics.conftest import add_answer, add_episode

MENTOR, BOST, FORSORG = "Mentor", "Bostøtte (SEL §85)", "Forsorgshjem (SEL §110)"  # steps 2, 3, 5
STOF = "Stofmisbrugsbehandling (SEL §101)"


def test_citizens_by_step_counts_a_citizen_at_each_step_of_active_episodes(con):
    add_episode(con, "C001", 1990, MENTOR, "2024-01-01")  # 2024 and 2025: step 2
    add_episode(con, "C001", 1990, BOST, "2025-03-01")  # 2025: step 3 as well
    add_episode(con, "C002", 1990, BOST, "2024-02-01", "2024-12-01")  # 2024: step 3
    add_episode(con, "C003", 1990, FORSORG, "2025-05-01")  # 2025: step 5
    add_episode(con, "C004", 2010, FORSORG, "2025-05-01")  # aged 15: left out
    df = citizens_by_step(con, [2024, 2025], protect=False)
    got = {(r.year, r.trin): r.value for r in df.itertuples()}
    assert got[(2024, 2)] == 1 and got[(2024, 3)] == 1 and got[(2024, 5)] == 0
    assert got[(2025, 2)] == 1 and got[(2025, 3)] == 1 and got[(2025, 5)] == 1 and got[(2025, 1)] == 0
    assert list(df.columns) == ["year", "trin", "display", "value"]
    hidden = citizens_by_step(con, [2025], min_n=5)
    assert set(hidden[hidden.value.isna()].display) <= {"<5", "Skjult"}
    assert hidden.set_index("trin").loc[2, "display"] == "<5"


def test_step_flows_seamless_transitions_between_steps(con):
    for b in ("F001", "F002"):  # step 3 → 2, twice
        add_episode(
            con, b, 1990, BOST, "2024-01-01", "2025-03-01", afslutningsaarsag="Overgang til mindre indgribende indsats"
        )
        add_episode(con, b, 1990, MENTOR, "2025-03-10")
    add_episode(
        con, "F003", 1990, MENTOR, "2024-01-01", "2025-04-01", afslutningsaarsag="Overgang til mere indgribende indsats"
    )
    add_episode(con, "F003", 1990, FORSORG, "2025-04-20")  # 19 days: not seamless → no flow
    df = step_flows(con, "2025", protect=False)
    assert df.to_dict("records") == [{"from_trin": 3, "to_trin": 2, "count": 2, "display": "2"}]
    # Beside the hidden 3 → 2 every other pair of the catalogue's steps (1-6 here) is listed and shown like it,
    # so '<5' does not say which transitions happened.
    steps = [r[0] for r in con.execute("SELECT DISTINCT trin FROM katalog ORDER BY 1").fetchall()]
    assert steps == [1, 2, 3, 4, 5, 6]
    assert step_flows(con, "2025", min_n=5).to_dict("records") == [
        {"from_trin": a, "to_trin": b, "count": None, "display": "<5"} for a in steps for b in steps
    ]


def test_waiting_times_buckets_with_boundaries(con):
    for i, days in enumerate((0, 7, 8, 14, 15, 28, 29, 90)):
        add_episode(con, f"W{i:03d}", 1990, STOF, "2025-06-01", henvisningsdato=date(2025, 6, 1) - timedelta(days))
    add_episode(con, "W100", 1990, MENTOR, "2025-06-01", henvisningsdato="2025-01-01")  # not treatment
    df = waiting_times(con, "2025", protect=False)
    # 0, 7 → 0-7; 8, 14 → 8-14; 15, 28 → 15-28; 29, 90 → 29+.
    assert df.to_dict("records") == [
        {"bucket": "0-7 dage", "count": 2, "display": "2"},
        {"bucket": "8-14 dage", "count": 2, "display": "2"},
        {"bucket": "15-28 dage", "count": 2, "display": "2"},
        {"bucket": "29+ dage", "count": 2, "display": "2"},
    ]


def test_who5_distribution_bands(con):
    # Sums 5, 6, 9, 12, 13, 18 → scores 20, 24, 36, 48, 52, 72.
    for i, items in enumerate(
        ([1, 1, 1, 1, 1], [2, 1, 1, 1, 1], [2, 2, 2, 2, 1], [3, 3, 2, 2, 2], [3, 3, 3, 2, 2], [4, 4, 4, 3, 3])
    ):
        add_answer(con, f"V{i:03d}", "2025-05-01", **{f"who5_{j + 1}": v for j, v in enumerate(items)})
    df = who5_distribution(con, "2025", protect=False)
    assert dict(zip(df.bucket, df["count"], strict=True)) == {
        "0-20": 1,
        "21-35": 1,
        "36-50": 2,
        "51-70": 1,
        "71-100": 1,
    }
    hidden = who5_distribution(con, "2025", min_n=5)
    assert set(hidden.display) == {"<5"}  # every band 1..4; the total (6) is not a cell here


def test_data_quality_counts_citizens_outside_the_range_and_missing_values(con):
    add_episode(con, "D001", 2010, MENTOR, "2025-01-01")  # 15: under 16
    add_episode(con, "D002", 1958, MENTOR, "2025-01-01")  # 67: pension age
    add_episode(con, "D003", 1990, MENTOR, "2025-01-01", koen="Mand")
    con.execute(
        "INSERT INTO indsatser (borger_id, foedselsaar, indsats, startdato, slutdato, maalgrupper, batch) "
        "VALUES ('D004', 1990, 'Mentor', DATE '2025-01-01', DATE '2025-02-01', [], 1)"
    )  # ended without afslutningsårsag
    add_answer(con, "Q001", "2025-05-01", foedselsaar=2010)  # outside the range
    q = data_quality(con, "2025", protect=False)
    assert [(r["årsag"], r["antal"]) for r in q["uden_for_aldersgruppen"]] == [
        ("Under 16 år", 1),
        ("Folkepensionsalderen eller derover", 1),
    ]
    assert q["slutdato_uden_afslutningsaarsag"]["antal"] == 1
    assert q["besvarelser_uden_for_aldersgruppen"]["antal"] == 1
    koen = next(r for r in q["manglende_vaerdier"] if r["udtræk"] == "Indsatser" and r["kolonne"] == "køn")
    assert koen["andel_mangler"] == 0.75  # 3 of 4 episodes lack køn
    assert q["noter"] and all(isinstance(n, str) for n in q["noter"])
    q5 = data_quality(con, "2025", min_n=5)
    assert q5["uden_for_aldersgruppen"][0] == {"årsag": "Under 16 år", "antal": None, "visning": "<5"}


def test_the_views_counts_carry_their_citizens_record_keys_as_the_indicators_do(con):
    # One cell is published the same way in every output: a view's count gets the noise of its citizens' record
    # keys (summed mod 256), exactly as the indicator counting the same citizens does. Keys picked by hand.
    from metrics.engine import compute
    from metrics.suppression import publish_count
    from tests.metrics.conftest import set_keys

    keys = {f"K{i}": rk for i, rk in enumerate((10, 20, 30, 40, 50, 101), start=1)}  # sum 251
    for borger in keys:  # treatment at step 3 after 2 days' wait, then seamlessly on to a mentor (step 2)
        add_episode(
            con, borger, 1990, STOF, "2025-06-01", "2025-09-01", henvisningsdato="2025-05-30",
            afslutningsaarsag="Overgang til mindre indgribende indsats",
        )  # fmt: skip
        add_episode(con, borger, 1990, MENTOR, "2025-09-05")
    set_keys(con, keys)
    expected = publish_count(6, 251, 5)
    assert expected not in (publish_count(6, 0, 5), publish_count(6, 2, 5))  # the keys decide the noise here

    steps = citizens_by_step(con, [2025], min_n=5).set_index("trin")
    assert steps.loc[3, "value"] == expected
    waits = waiting_times(con, "2025", min_n=5).set_index("bucket")
    assert waits.loc["0-7 dage", "count"] == expected
    flows = step_flows(con, "2025", min_n=5).set_index(["from_trin", "to_trin"])
    assert flows.loc[(3, 2), "count"] == expected
    (active,) = compute(con, ["aktive_borgere"], "2025", {"indsats": [STOF]}, min_n=5)
    assert active.value == expected
