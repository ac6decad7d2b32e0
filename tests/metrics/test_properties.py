"""Property tests: over random data, filters and breakdowns no output exposes a count 1..N-1, and no
hidden cell of a breakdown can be recovered from its total by subtraction."""

from __future__ import annotations

import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.dimensions import DIMENSIONS
from metrics.engine import compute
from metrics.suppression import is_exposed
from schemas.extracts import AFSLUTNINGSAARSAGER, BESKAEFTIGELSE, BOLIG, KOEN, LEVERANDOERER, MAALGRUPPER
from store.db import connect

INDSATSER = (
    "Mentor",
    "Bostøtte (SEL §85)",
    "Housing First – CTI",
    "Stofmisbrugsbehandling (SEL §101)",
    "Forsorgshjem (SEL §110)",
    "Gruppeforløb",
)
FILTER_VALUES = {
    "aldersgruppe": ["16-17", "18-24", "25-29", "30-39", "40-49", "50-59", "60+"],
    "under30": ["Under 30", "30 og derover"],
    "målgruppe": ["Alkohol", "Sindslidelse", "Hjemløshed", "Dobbeltdiagnose", "Uoplyst"],
    "fokusområde": ["Stabile rammer", "At kunne selv", "At være noget for nogen"],
    "indsats": list(INDSATSER),
    "leverandør": [*LEVERANDOERER, "Uoplyst"],
    "køn": list(KOEN),
}
_CON = None


def _con():
    global _CON
    if _CON is None:
        _CON = connect(":memory:")
    return _CON


episode = st.fixed_dictionaries(
    {
        "indsats": st.sampled_from(INDSATSER),
        "start": st.integers(0, 900),  # days after 2023-06-01
        "length": st.one_of(st.none(), st.integers(0, 400)),
        "aarsag": st.sampled_from(AFSLUTNINGSAARSAGER[:4]),
        "lev": st.one_of(st.none(), st.sampled_from(LEVERANDOERER)),
        "grupper": st.lists(st.sampled_from(MAALGRUPPER[:8]), max_size=3, unique=True),
        "bolig": st.one_of(st.none(), st.sampled_from(BOLIG)),
        "besk": st.one_of(st.none(), st.sampled_from(BESKAEFTIGELSE)),
        "skift": st.one_of(st.none(), st.integers(0, 3)),
        "hp": st.one_of(st.none(), st.booleans()),
        "wait": st.one_of(st.none(), st.integers(0, 30)),
    }
)
citizen = st.fixed_dictionaries(
    {
        "fa": st.sampled_from([1958, 1960, 1975, 1990, 1997, 2000, 2008, 2010]),
        "koen": st.one_of(st.none(), st.sampled_from(KOEN[:2])),
        "episodes": st.lists(episode, min_size=1, max_size=3),
    }
)
answer = st.fixed_dictionaries(
    {
        "fa": st.one_of(st.none(), st.sampled_from([1960, 1990, 2000, 2010])),
        "indsats": st.one_of(st.none(), st.sampled_from(INDSATSER)),
        "likert": st.one_of(st.none(), st.integers(1, 5)),
        "who5": st.one_of(st.none(), st.integers(0, 5)),
    }
)


@st.composite
def filter_sets(draw):
    dims = draw(st.lists(st.sampled_from(list(FILTER_VALUES)), max_size=2, unique=True))
    return {d: draw(st.lists(st.sampled_from(FILTER_VALUES[d]), min_size=1, max_size=2, unique=True)) for d in dims}


def _load(con, citizens, answers):
    con.execute("DELETE FROM indsatser")
    con.execute("DELETE FROM borgeroplevelse")
    # Spread-out record keys (citizen i: 37·i + 11 mod 256), so the cell keys vary across cells.
    con.execute("DELETE FROM borger_keys")
    con.execute("DELETE FROM besvarelse_keys")
    con.execute(
        "INSERT INTO borger_keys SELECT 'B' || lpad(i::VARCHAR, 4, '0'), (i * 37 + 11) % 256, (i * 91 + 5) % 256 "
        "FROM range(?) t(i)",
        [len(citizens)],
    )
    con.execute(
        "INSERT INTO besvarelse_keys SELECT 'S' || lpad(i::VARCHAR, 4, '0'), (i * 53 + 7) % 256, (i * 29 + 3) % 256 "
        "FROM range(?) t(i)",
        [len(answers)],
    )
    base = date(2023, 6, 1)
    rows = []
    for i, c in enumerate(citizens):
        seen = set()
        for e in c["episodes"]:
            start = base + timedelta(days=e["start"])
            if (e["indsats"], start) in seen:
                continue
            seen.add((e["indsats"], start))
            end = None if e["length"] is None else start + timedelta(days=e["length"])
            ref = None if e["wait"] is None else start - timedelta(days=e["wait"])
            rows.append(
                (
                    f"B{i:04d}",
                    c["fa"],
                    c["koen"],
                    e["indsats"],
                    ref,
                    start,
                    end,
                    e["aarsag"] if end else None,
                    e["lev"],
                    e["grupper"],
                    e["bolig"],
                    e["bolig"] if end else None,
                    e["besk"] if end else None,
                    e["skift"],
                    e["hp"],
                )
            )
    if rows:
        con.executemany(
            "INSERT INTO indsatser (borger_id, foedselsaar, koen, indsats, henvisningsdato, startdato, slutdato, "
            "afslutningsaarsag, leverandoer, maalgrupper, bolig_start, bolig_slut, beskaeftigelse_slut, "
            "skift_kontaktperson, handleplan, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            rows,
        )
    arows = [
        (f"S{i:04d}", date(2025, 3, 1), a["fa"], a["indsats"], a["likert"], *([a["who5"]] * 5))
        for i, a in enumerate(answers)
    ]
    if arows:
        con.executemany(
            "INSERT INTO borgeroplevelse (besvarelse_id, dato, foedselsaar, indsats, p_ressourcer, who5_1, who5_2, "
            "who5_3, who5_4, who5_5, batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            arows,
        )


_ALLOWED_HIDDEN = re.compile(r"^(<\d+|For få data|Skjult|under \d+ %|over \d+ %)$")


def _check_result(res, n_min):
    if res.suppressed:
        assert (res.numerator, res.denominator, res.value) == (None, None, None)
        assert _ALLOWED_HIDDEN.match(res.display), res.display
        assert res.ci_low is None and res.ci_high is None
        return
    for number in (res.numerator, res.denominator):
        assert not is_exposed(number, n_min), res
    if res.denominator is not None and res.numerator is not None:
        assert not is_exposed(res.denominator - res.numerator, n_min), res
        assert not is_exposed(res.value * res.denominator, n_min), res
        assert res.denominator >= n_min
    if res.numerator is None and res.denominator is not None:  # a mean
        assert res.denominator >= n_min


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    citizens=st.lists(citizen, max_size=25),
    answers=st.lists(answer, max_size=15),
    flt=filter_sets(),
    by=st.one_of(st.none(), st.sampled_from(list(DIMENSIONS))),
    n_min=st.integers(3, 6),
)
def test_no_output_exposes_a_small_count_and_no_hidden_cell_is_recoverable(citizens, answers, flt, by, n_min):
    con = _con()
    _load(con, citizens, answers)
    totals = {r.indicator: r for r in compute(con, None, "2025", flt, None, n_min)}
    for res in totals.values():
        _check_result(res, n_min)
    if by is None:
        return
    cells = compute(con, None, "2025", flt, by, n_min)
    raw = compute(con, None, "2025", flt, by, protect=False)
    raw_totals = {r.indicator: r for r in compute(con, None, "2025", flt, None, protect=False)}
    for res in cells:
        _check_result(res, n_min)
    for ind, total in totals.items():
        mine = [r for r in cells if r.indicator == ind]
        hidden = [r for r in mine if r.suppressed]
        if not total.suppressed:
            # Total minus the shown groups never isolates exactly one hidden group.
            assert len(hidden) != 1, (ind, by, [(r.group, r.display) for r in mine])
        groups_raw = [r for r in raw if r.indicator == ind]
        if groups_raw and not any(r.multi_membership for r in groups_raw):
            # Non-overlapping breakdowns really partition the total (so the rule above is the right one).
            key = "numerator" if raw_totals[ind].denominator is None else "denominator"
            assert sum(getattr(r, key) or 0 for r in groups_raw) == (getattr(raw_totals[ind], key) or 0)
