"""A tiny hand-made database for the per-route tests, imported through the real import path.

Period 2025, N = 5. Citizens (age = 2025 - birth year), every one with target group Alkohol:

| age band | citizens | episodes                                                                  |
| -------- | -------- | ------------------------------------------------------------------------- |
| 16-17    | 2        | Mentor from 01.06.2024, open                                              |
| 18-24    | 7        | Mentor from 01.06.2024, open                                              |
| 25-29    | 5        | Mentor from 01.06.2024, open                                              |
| 30-39    | 7        | Alkoholbehandling (see below), open                                       |
| 40-49    | 6        | Alkoholbehandling (see below), open                                       |

Treatment starts (13): Q1 2025: 5 (Jan 10, Feb 3, Feb 20, Mar 3, Mar 25), referred 7 days before;
Q2: 2 (May 12, Jun 2), referred 10 days before; Q3: 6 (Jul 7, Aug 4, Aug 18, Sep 1, Sep 22, Sep 29),
referred 20 days before; Q4: none.

So aktive_borgere 2025 = 27; by age 2, 7, 5, 7, 6; Under 30 = 14; andel_unge = 14 of 27.
behandling_inden_14_dage: 2025 n = 13, k = 7 (waits 7 and 10 days), Q1 5 of 5, Q2 2 of 2, Q3 0 of 6,
Q4 none. Waiting-time bins 2025: 0-7 dage 5, 8-14 dage 2, 15-28 dage 6, 29+ dage 0.

Survey answers 2025 (WHO-5 items; score = 4 x sum): 2 answers aged 17 with all items 1 (score 20, bin
0-20) dated 12.05.2025; aged 40: 5 with items 2,2,2,1,1 (score 32, bin 21-35), 5 with all 2 (40, bin
36-50), 6 with all 3 (60, bin 51-70), 6 with all 4 (80, bin 71-100), dated in the other quarters.
So trivsel_who5 2025: n = 24, sum 2*20 + 5*32 + 5*40 + 6*60 + 6*80 = 1240; lav_trivsel: n 24, k 12.

Survey answers 2024 (age = 2024 - birth year): four, one in each of the bands 16-17 (born 2007), 18-24
(2004), 30-39 (1990) and 40-49 (1980), all items 3, dated 01.09.2024: trivsel_who5 2024 n = 4 (hidden),
by age 1, 1, 0, 1, 1, 0, 0.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from store.db import connect
from tests.privacy.data import fix_secret, import_frame

INDSATS_COLS = [
    "borger_id", "fødselsår", "køn", "indsats", "henvisningsdato", "startdato", "slutdato", "afslutningsårsag",
    "leverandør", "målgrupper", "bolig_start", "bolig_slut", "beskæftigelse_start", "beskæftigelse_slut",
    "skift_kontaktperson", "handleplan",
]  # fmt: skip
TREATMENT = "Alkoholbehandling (SUL §141)"
TREATMENT_STARTS = [
    dt.date(2025, 1, 10), dt.date(2025, 2, 3), dt.date(2025, 2, 20), dt.date(2025, 3, 3), dt.date(2025, 3, 25),
    dt.date(2025, 5, 12), dt.date(2025, 6, 2),
    dt.date(2025, 7, 7), dt.date(2025, 8, 4), dt.date(2025, 8, 18), dt.date(2025, 9, 1), dt.date(2025, 9, 22),
    dt.date(2025, 9, 29),
]  # fmt: skip
WAIT_DAYS = {1: 7, 2: 10, 3: 20}  # by quarter of the start
AGES = {"16-17": (2008, 2), "18-24": (2005, 7), "25-29": (1998, 5), "30-39": (1990, 7), "40-49": (1985, 6)}


def episode(borger: str, year: int, indsats: str = "Mentor", start=dt.date(2024, 6, 1), referred=None) -> dict:
    """One open episode row with the contract's column names."""
    row = dict.fromkeys(INDSATS_COLS)
    row.update(
        {
            "borger_id": borger,
            "fødselsår": year,
            "køn": "Kvinde",
            "indsats": indsats,
            "henvisningsdato": referred,
            "startdato": start,
            "leverandør": "Egen kommune",
            "målgrupper": "Alkohol",
        }
    )
    return row


def episodes() -> pd.DataFrame:
    """The 27 citizens' episodes of the table above."""
    rows = []
    starts = iter(TREATMENT_STARTS)
    for band, (year, count) in AGES.items():
        for i in range(count):
            borger = f"T{band[:2]}-{i + 1:02d}"
            if band in ("30-39", "40-49"):
                start = next(starts)
                wait = WAIT_DAYS[(start.month - 1) // 3 + 1]
                rows.append(episode(borger, year, TREATMENT, start, start - dt.timedelta(days=wait)))
            else:
                rows.append(episode(borger, year))
    return pd.DataFrame(rows, columns=INDSATS_COLS)


def answers() -> pd.DataFrame:
    """The 24 survey answers of the table above."""
    rows = []
    plan = [(2, 2008, [1] * 5, [dt.date(2025, 5, 12)])]
    plan += [(5, 1985, [2, 2, 2, 1, 1], [dt.date(2025, 2, 1)]), (5, 1985, [2] * 5, [dt.date(2025, 8, 1)])]
    plan += [(6, 1985, [3] * 5, [dt.date(2025, 3, 1)]), (6, 1985, [4] * 5, [dt.date(2025, 10, 1)])]
    plan += [(1, born, [3] * 5, [dt.date(2024, 9, 1)]) for born in (2007, 2004, 1990, 1980)]
    n = 0
    for count, year, items, (day,) in plan:
        for _ in range(count):
            n += 1
            row = {"besvarelse_id": f"S-{n:03d}", "dato": day, "fødselsår": year, "køn": "Kvinde"}
            row.update({f"who5_{i + 1}": v for i, v in enumerate(items)})
            rows.append(row)
    return pd.DataFrame(rows)


def tiny_db(path: Path):
    """The tiny database (a connection)."""
    con = connect(path)
    fix_secret(con)
    import_frame(con, episodes(), "indsatser", "tiny_indsatser")
    import_frame(con, answers(), "borgeroplevelse", "tiny_svar")
    return con
