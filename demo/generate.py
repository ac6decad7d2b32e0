"""Deterministic synthetic demo data: the three extracts as an analyst in Ballerup would upload them.

Everything here is invented. The generator draws a Ballerup-sized picture (about 1,200 citizens,
4,000 intervention episodes, progression measurements for about half of them and 1,500 survey
answers) from one fixed seed, so the same `today` always gives the same files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from schemas.catalogue import DEFAULT_CATALOGUE
from schemas.extracts import BORGEROPLEVELSE, DOMAENER, HJEMLOES_BOLIG, INDSATSER, MAALGRUPPER, PROGRESSION

DEMO_SEED = 20221129  # the day Plads til alle was adopted, more or less; any fixed number will do
FIRST_DAY = date(2021, 1, 1)
N_CITIZENS = 1200
N_ANSWERS = 1500

_STEP = {row["indsats"]: row["trin"] for row in DEFAULT_CATALOGUE}
_TREATMENT = {row["indsats"] for row in DEFAULT_CATALOGUE if row["behandling"]}
_HOUSING_FIRST = {row["indsats"] for row in DEFAULT_CATALOGUE if row["metode"].startswith("Housing First")}

GADEPLAN = "Opsøgende gadeplansarbejde"
RAADGIVNING = "Rådgivning og vejledning"
SAMVAER = "Aktivitets- og samværstilbud (SEL §104)"
GRUPPE = "Gruppeforløb"
BROBYGNING = "Brobygning til foreningsliv"
MENTOR = "Mentor"
BOSTOETTE = "Bostøtte (SEL §85)"
HF_CTI = "Housing First – CTI"
HF_ICM = "Housing First – ICM"
HF_ACT = "Housing First – ACT"
SKAEV_BOLIG = "Skæv bolig med social vicevært"
STOF = "Stofmisbrugsbehandling (SEL §101)"
ALKOHOL = "Alkoholbehandling (SUL §141)"
FORSORGSHJEM = "Forsorgshjem (SEL §110)"
SEL107 = "Midlertidigt botilbud (SEL §107)"
SEL108 = "Længerevarende botilbud (SEL §108)"

# Share of citizens with each target group (before the dual-diagnosis rule); several per citizen.
_GROUP_P = {
    "Alkohol": 0.30,
    "Hash": 0.24,
    "Stoffer": 0.17,
    "Spil": 0.03,
    "Sindslidelse": 0.42,
    "Ensomhed": 0.26,
    "Hjemløshed": 0.0,  # decided by the housing situation at entry
    "Svære opvækstvilkår": 0.12,
    "Forælder eller venter barn": 0.08,
    "Kriminalitet": 0.10,
    "Prostitution": 0.015,
    "Vold": 0.06,
}
# Typical episode length in days (low, high) per intervention.
_DURATION = {
    GADEPLAN: (30, 240),
    RAADGIVNING: (20, 180),
    SAMVAER: (60, 500),
    GRUPPE: (60, 180),
    BROBYGNING: (60, 300),
    MENTOR: (90, 420),
    BOSTOETTE: (120, 720),
    HF_CTI: (200, 300),
    HF_ICM: (240, 720),
    HF_ACT: (300, 900),
    SKAEV_BOLIG: (300, 1200),
    STOF: (90, 365),
    ALKOHOL: (60, 270),
    FORSORGSHJEM: (20, 200),
    SEL107: (180, 720),
    SEL108: (700, 3000),
}
_SUBSTANCES = ("Alkohol", "Hash", "Stoffer")
_INTEGER_COLUMNS = {"fødselsår", "skift_kontaktperson", "score", *(f"who5_{i}" for i in range(1, 6))}
_INTEGER_COLUMNS |= {f"ensom_{i}" for i in range(1, 4)}


@dataclass
class _Citizen:
    """One synthetic citizen and the state the episode chain moves through."""

    borger_id: str
    birth_year: int
    gender: str
    groups: list[str]
    entry: date
    housing: str
    employment: str
    episodes: list[dict] = field(default_factory=list)

    @property
    def homeless(self) -> bool:
        return self.housing in HJEMLOES_BOLIG

    def age(self, when: date) -> int:
        return when.year - self.birth_year


def _days(rng: np.random.Generator, low: int, high: int) -> int:
    return int(rng.integers(low, high + 1))


def _choice(rng: np.random.Generator, options: list, weights: list[float]):
    w = np.asarray(weights, dtype=float)
    return options[int(rng.choice(len(options), p=w / w.sum()))]


def _chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)


def _random_date(rng: np.random.Generator, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=int(rng.integers(0, span + 1))) if span > 0 else start


def _year_trend(when: date) -> float:
    """0 in 2021, 1 in 2026: how far the strategy has come, for gentle trends."""
    return min(max((when.year - 2021 + when.timetuple().tm_yday / 366) / 5.5, 0.0), 1.2)


# --- citizens -----------------------------------------------------------------------------------


def _make_citizens(rng: np.random.Generator, today: date) -> list[_Citizen]:
    numbers = rng.choice(np.arange(1000, 999_999), size=N_CITIZENS, replace=False)
    citizens: list[_Citizen] = []
    for number in numbers:
        # A fifth have been known since before 2021 (long-running support); the rest enter 2021..today.
        if _chance(rng, 0.2):
            entry = _random_date(rng, date(2016, 1, 1), date(2020, 12, 31))
        else:
            entry = _random_date(rng, FIRST_DAY, today)
        trend = _year_trend(entry)
        young = _chance(rng, 0.24 + 0.16 * trend)
        if young:
            age = int(_choice(rng, [16, 17, 18, 20, 22, 24, 26, 28], [0.4, 0.7, 1.2, 1.5, 1.5, 1.4, 1.2, 1.1]))
            age += _days(rng, 0, 1)
        else:
            age = _days(rng, 30, 62)
        birth_year = entry.year - age
        gender = _choice(rng, ["Mand", "Kvinde", "Andet", "Uoplyst"], [0.61, 0.36, 0.01, 0.02])
        groups = [
            g
            for g, p in _GROUP_P.items()
            if _chance(rng, p * (1.4 if young and g in ("Hash", "Svære opvækstvilkår") else 1.0))
        ]
        homeless_p = 0.30 - 0.10 * trend
        if _chance(rng, homeless_p):
            housing = _choice(rng, ["Gade", "Sofasover", "Forsorgshjem/herberg"], [0.3, 0.45 if young else 0.3, 0.4])
            groups.append("Hjemløshed")
        else:
            housing = _choice(rng, ["Egen bolig", "Botilbud", "Institution/hospital/fængsel"], [0.86, 0.08, 0.06])
        if "Sindslidelse" in groups and any(s in groups for s in _SUBSTANCES) and _chance(rng, 0.45):
            groups.append("Dobbeltdiagnose")
        elif _chance(rng, 0.02):
            groups.append("Dobbeltdiagnose")
        if not groups and _chance(rng, 0.85):
            groups.append(_choice(rng, ["Ensomhed", "Sindslidelse", "Alkohol"], [0.4, 0.4, 0.2]))
        if young:
            employment = _choice(rng, ["Uddannelse", "Ledig", "Job", "Sygemeldt", "Andet"], [0.25, 0.45, 0.1, 0.1, 0.1])
        else:
            employment = _choice(
                rng, ["Ledig", "Sygemeldt", "Førtidspension", "Job", "Andet"], [0.35, 0.2, 0.3, 0.08, 0.07]
            )
        citizens.append(
            _Citizen(
                f"BA-{int(number):06d}",
                birth_year,
                gender,
                sorted(groups, key=_group_order),
                entry,
                housing,
                employment,
            )
        )
    _add_outside_target_range(citizens, rng, today)
    return citizens


def _group_order(group: str) -> int:
    return MAALGRUPPER.index(group)


def _add_outside_target_range(citizens: list[_Citizen], rng: np.random.Generator, today: date) -> None:
    """A handful of citizens outside 16..pension age, so the data-quality note has something to show."""
    recent = max(date(today.year, 1, 1), today - timedelta(days=200))
    for citizen, age in zip(citizens[:4], (15, 70, 68, 69), strict=True):
        citizen.entry = _random_date(rng, recent, today)
        citizen.birth_year = citizen.entry.year - age
        if age == 15:
            citizen.employment = "Uddannelse"


# --- episodes -----------------------------------------------------------------------------------


def _pick_intervention(rng: np.random.Generator, step: int, c: _Citizen, when: date) -> str:
    substance = any(s in c.groups for s in _SUBSTANCES)
    mental = "Sindslidelse" in c.groups or "Dobbeltdiagnose" in c.groups
    young = c.age(when) < 30
    hf_ok = when >= date(2019, 6, 1)
    if step == 1:
        options = [GADEPLAN, RAADGIVNING, SAMVAER, GRUPPE, BROBYGNING]
        weights = [3.0 if c.homeless else 0.3, 2.0, 2.0 if "Ensomhed" in c.groups else 1.0, 1.0, 0.6 + 0.6 * young]
    elif step == 2:
        return (
            MENTOR if young or _chance(rng, 0.4) else _pick_intervention(rng, 1 + 2 * int(_chance(rng, 0.5)), c, when)
        )
    elif step == 3:
        options = [BOSTOETTE, HF_CTI, HF_ICM, STOF, ALKOHOL]
        weights = [
            3.0,
            (5.0 if c.homeless else 0.05) * hf_ok,
            (3.0 if c.homeless else 0.05) * hf_ok,
            1.5 if ("Stoffer" in c.groups or "Hash" in c.groups) else 0.0,
            1.5 if "Alkohol" in c.groups else 0.0,
        ]
        if not substance:
            weights[3] = weights[4] = 0.0
    elif step == 4:
        options = [HF_ACT, SKAEV_BOLIG]
        weights = [(2.0 if c.homeless and mental else 0.4) * hf_ok + 0.01, 1.0 if c.homeless or substance else 0.5]
    elif step == 5:
        options = [FORSORGSHJEM, SEL107]
        weights = [3.0 if c.homeless else 0.1, 2.0 if mental or not c.homeless else 0.5]
    else:
        return SEL108
    return _choice(rng, options, weights)


def _initial_step(rng: np.random.Generator, c: _Citizen) -> int:
    trend = _year_trend(c.entry)
    if c.homeless:
        return int(_choice(rng, [1, 3, 5], [0.35, 0.35 + 0.15 * trend, 0.30 - 0.15 * trend]))
    young = c.age(c.entry) < 30
    weights = [0.40 + 0.10 * trend, 0.10 + 0.10 * young, 0.33, 0.04, 0.08 - 0.03 * trend, 0.05 - 0.02 * trend]
    return int(_choice(rng, [1, 2, 3, 4, 5, 6], weights))


def _housing_after(rng: np.random.Generator, indsats: str, c: _Citizen, end: date) -> str:
    trend = _year_trend(end)
    if indsats in _HOUSING_FIRST:
        if c.homeless or _chance(rng, 0.3):
            ok = 0.50 + 0.30 * trend
            return _choice(rng, ["Egen bolig", "Forsorgshjem/herberg", "Sofasover", "Ukendt"], [ok, 0.2, 0.1, 0.08])
        return "Egen bolig"
    if indsats == FORSORGSHJEM:
        return _choice(
            rng, ["Forsorgshjem/herberg", "Egen bolig", "Gade", "Sofasover"], [0.45, 0.2 + 0.1 * trend, 0.15, 0.2]
        )
    if indsats in (SEL107, SEL108):
        return _choice(rng, ["Botilbud", "Egen bolig"], [0.4, 0.6])
    if indsats == SKAEV_BOLIG:
        return _choice(rng, ["Egen bolig", "Gade", "Forsorgshjem/herberg"], [0.8, 0.1, 0.1])
    if c.homeless:
        return _choice(rng, [c.housing, "Egen bolig", "Sofasover"], [0.7, 0.15 + 0.1 * trend, 0.15])
    if c.housing == "Egen bolig" and _chance(rng, 0.03):
        return "Sofasover"
    if c.housing == "Institution/hospital/fængsel":
        return _choice(rng, ["Egen bolig", "Botilbud", "Institution/hospital/fængsel"], [0.6, 0.2, 0.2])
    return c.housing


def _employment_after(rng: np.random.Generator, c: _Citizen, end: date) -> str:
    trend = _year_trend(end)
    if c.age(end) < 30:
        if _chance(rng, 0.25 + 0.25 * trend):
            return _choice(rng, ["Job", "Uddannelse"], [0.45, 0.55])
        return _choice(rng, ["Ledig", "Sygemeldt", "Andet", c.employment], [0.4, 0.15, 0.1, 0.35])
    if c.employment == "Førtidspension":
        return "Førtidspension"
    if _chance(rng, 0.08 + 0.06 * trend):
        return "Job"
    return _choice(rng, [c.employment, "Ledig", "Sygemeldt", "Førtidspension"], [0.7, 0.12, 0.1, 0.08])


def _episode(rng: np.random.Generator, c: _Citizen, indsats: str, start: date, today: date) -> dict:
    """Draw one episode's fields; the end date is None when it is still running on `today`."""
    low, high = _DURATION[indsats]
    end = start + timedelta(days=_days(rng, low, high))
    ongoing = end > today
    step = _STEP[indsats]
    trend = _year_trend(start)
    row: dict = {
        "borger_id": c.borger_id,
        "fødselsår": c.birth_year,
        "køn": c.gender,
        "indsats": indsats,
        "henvisningsdato": None,
        "startdato": start,
        "slutdato": None if ongoing else end,
        "afslutningsårsag": None,
        "leverandør": None,
        "målgrupper": _episode_groups(rng, c, indsats),
        "bolig_start": None,
        "bolig_slut": None,
        "beskæftigelse_start": None,
        "beskæftigelse_slut": None,
        "skift_kontaktperson": None,
        "handleplan": None,
    }
    if indsats in _TREATMENT:
        if _chance(rng, 0.93):
            on_time = 0.74 + 0.14 * trend
            wait = _days(rng, 1, 14) if _chance(rng, on_time) else _days(rng, 15, 42)
            row["henvisningsdato"] = start - timedelta(days=wait)
    elif step >= 3 and _chance(rng, 0.55):
        row["henvisningsdato"] = start - timedelta(days=_days(rng, 5, 120))
    elif _chance(rng, 0.15):
        row["henvisningsdato"] = start - timedelta(days=_days(rng, 0, 30))
    if row["henvisningsdato"] is not None and row["henvisningsdato"] < date(2000, 1, 1):
        row["henvisningsdato"] = None

    if not _chance(rng, 0.06):
        if indsats in (SEL107, SEL108):
            weights = [0.45 + 0.15 * trend, 0.2, 0.05, 0.35]
        elif indsats in _TREATMENT:
            weights = [0.85, 0.05, 0.05, 0.05]
        else:
            weights = [0.72 + 0.12 * trend, 0.1, 0.04, 0.1]
        row["leverandør"] = _choice(rng, ["Egen kommune", "Anden kommune", "Region", "Privat/selvejende"], weights)

    row["bolig_start"] = None if _chance(rng, 0.07) else ("Ukendt" if _chance(rng, 0.04) else c.housing)
    row["beskæftigelse_start"] = None if _chance(rng, 0.10) else ("Ukendt" if _chance(rng, 0.04) else c.employment)

    if step >= 3:
        p_yes = 0.78 + 0.12 * trend
        row["handleplan"] = None if _chance(rng, 0.05) else ("Ja" if _chance(rng, p_yes) else "Nej")
    elif not _chance(rng, 0.35):
        row["handleplan"] = "Ja" if _chance(rng, 0.35) else "Nej"

    if not _chance(rng, 0.10):
        months = ((min(end, today) - start).days) / 30.4
        lam = 0.12 * months * (1.0 - 0.3 * trend)
        row["skift_kontaktperson"] = int(min(rng.poisson(lam), 3))

    if not ongoing:
        housing_end = _housing_after(rng, indsats, c, end)
        employment_end = _employment_after(rng, c, end)
        row["bolig_slut"] = None if _chance(rng, 0.08) else housing_end
        row["beskæftigelse_slut"] = None if _chance(rng, 0.12) else employment_end
        c.housing = housing_end if housing_end != "Ukendt" else c.housing
        c.employment = employment_end
    return row


def _episode_groups(rng: np.random.Generator, c: _Citizen, indsats: str) -> str:
    groups = list(c.groups)
    if "Hjemløshed" in groups and not c.homeless and _chance(rng, 0.6):
        groups.remove("Hjemløshed")
    if len(groups) > 2 and _chance(rng, 0.15):
        groups.pop(int(rng.integers(0, len(groups))))
    return "; ".join(groups)


def _end_reason(rng: np.random.Generator, transition: str | None) -> str:
    if transition == "down":
        return "Overgang til mindre indgribende indsats"
    if transition == "up":
        return "Overgang til mere indgribende indsats"
    return _choice(
        rng,
        ["Mål nået", "Afbrudt af borger", "Fraflyttet", "Død", "Andet"],
        [0.5, 0.25, 0.1, 0.03, 0.12],
    )


def _make_episodes(rng: np.random.Generator, c: _Citizen, today: date) -> None:
    """A main chain of episodes up and down the ladder, plus parallel side episodes."""
    step = _initial_step(rng, c)
    start = c.entry
    n_main = 1 + int(rng.poisson(2.4))
    for k in range(n_main):
        indsats = _pick_intervention(rng, step, c, start)
        row = _episode(rng, c, indsats, start, today)
        c.episodes.append(row)
        end = row["slutdato"]
        if end is None:
            break
        trend = _year_trend(end)
        if k < n_main - 1 and _chance(rng, 0.35 if step == 1 else 0.7):
            down = step == 6 or (step > 1 and _chance(rng, 0.55 + 0.15 * trend))
            next_step = max(1, step - _days(rng, 1, 2)) if down else min(6, step + _days(rng, 1, 2))
            row["afslutningsårsag"] = _end_reason(rng, "down" if down else "up")
            seamless = _chance(rng, 0.72 + 0.15 * trend)
            gap = _days(rng, 0, 14) if seamless else _days(rng, 16, 75)
            step = next_step
        else:
            row["afslutningsårsag"] = _end_reason(rng, None)
            if row["afslutningsårsag"] in ("Død", "Fraflyttet"):
                break
            gap = _days(rng, 60, 500)
            step = max(1, min(6, step + int(_choice(rng, [-1, 0, 1], [0.4, 0.4, 0.2]))))
        start = end + timedelta(days=gap)
        if start > today:
            break
    _side_episodes(rng, c, today)


def _side_episodes(rng: np.random.Generator, c: _Citizen, today: date) -> None:
    span_end = max((e["slutdato"] or today) for e in c.episodes)
    if c.episodes[-1]["afslutningsårsag"] in ("Død", "Fraflyttet"):
        return
    candidates: list[tuple[str, float]] = []
    if "Alkohol" in c.groups:
        candidates.append((ALKOHOL, 0.45))
    if "Stoffer" in c.groups or "Hash" in c.groups:
        candidates.append((STOF, 0.45))
    if "Ensomhed" in c.groups:
        candidates.append((_choice(rng, [SAMVAER, BROBYGNING, GRUPPE], [0.5, 0.3, 0.2]), 0.4))
    if c.age(c.entry) < 30:
        candidates.append((MENTOR, 0.3))
    candidates.append((_choice(rng, [RAADGIVNING, SAMVAER, GRUPPE], [0.5, 0.3, 0.2]), 0.45))
    for indsats, p in candidates:
        if not _chance(rng, p):
            continue
        start = _random_date(rng, c.entry, min(span_end, today))
        row = _episode(rng, c, indsats, start, today)
        if row["slutdato"] is not None:
            row["afslutningsårsag"] = _end_reason(rng, None)
        c.episodes.append(row)


def _indsatser_frame(citizens: list[_Citizen]) -> pd.DataFrame:
    rows: list[dict] = []
    seen: set[tuple[str, str, date]] = set()
    for c in citizens:
        for row in sorted(c.episodes, key=lambda r: (r["startdato"], r["indsats"])):
            key = (row["borger_id"], row["indsats"], row["startdato"])
            if key in seen:  # the natural key is unique in a real extract
                continue
            seen.add(key)
            rows.append(row)
    columns = [col.name for col in INDSATSER.columns]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["startdato", "borger_id", "indsats"], kind="stable").reset_index(drop=True)


# --- progression --------------------------------------------------------------------------------


def _progression_frame(rng: np.random.Generator, citizens: list[_Citizen], today: date) -> pd.DataFrame:
    rows: list[dict] = []
    for c in citizens:
        if not _chance(rng, 0.52):
            continue
        n_domains = _days(rng, 3, 6)
        domains = sorted(rng.choice(len(DOMAENER), size=n_domains, replace=False).tolist())
        first = min(e["startdato"] for e in c.episodes) + timedelta(days=_days(rng, 5, 60))
        last = max(e["slutdato"] or today for e in c.episodes)
        last = min(last, today)
        occasions = [first]
        while True:
            nxt = occasions[-1] + timedelta(days=_days(rng, 100, 240))  # >= 90 days apart
            if nxt > last:
                break
            occasions.append(nxt)
        if first > today:
            continue
        drift = float(rng.normal(0.45, 0.55))  # per measurement: slight average improvement
        for d in domains:
            score = float(np.clip(rng.normal(4.2, 1.6), 1, 9))
            for when in occasions:
                rows.append(
                    {"borger_id": c.borger_id, "måledato": when, "domæne": DOMAENER[d], "score": int(round(score))}
                )
                score = float(np.clip(score + drift + rng.normal(0, 0.8), 1, 10))
    frame = pd.DataFrame(rows, columns=[col.name for col in PROGRESSION.columns])
    return frame.sort_values(["måledato", "borger_id", "domæne"], kind="stable").reset_index(drop=True)


# --- survey -------------------------------------------------------------------------------------

_LIKERT_WORDS = {1: "Helt uenig", 2: "Uenig", 3: "Hverken enig eller uenig", 4: "Enig", 5: "Helt enig"}
_LIKERT_COLUMNS = {
    "p_ressourcer": 0.0,
    "p_ønsker": -0.1,
    "p_kompetente": 0.15,
    "p_kommunikation": -0.2,
    "stabile_rammer": -0.35,
    "kan_selv": 0.05,
    "noget_for_nogen": -0.45,
}


def _likert_cell(rng: np.random.Generator, latent: float) -> object:
    if _chance(rng, 0.05):
        return None
    if _chance(rng, 0.04):
        return "Ved ikke"
    value = int(np.clip(round(latent + rng.normal(0, 0.9)), 1, 5))
    if _chance(rng, 0.12):
        return _LIKERT_WORDS[value]
    return value


def _survey_frame(rng: np.random.Generator, citizens: list[_Citizen], today: date) -> pd.DataFrame:
    first = min(date(2022, 3, 1), today - timedelta(days=365))
    rows: list[dict] = []
    in_range = citizens[4:]  # the handful outside the target range do not answer
    for i in range(N_ANSWERS):
        when = _random_date(rng, first, today)
        if _chance(rng, 0.5):  # half the answers come in the autumn survey weeks
            autumn = date(when.year, 10, 1) + timedelta(days=_days(rng, 0, 45))
            when = autumn if autumn <= today else when
        trend = _year_trend(when)
        c = in_range[int(rng.integers(0, len(in_range)))]
        active = [e for e in c.episodes if e["startdato"] <= when]
        episode = active[-1] if active else c.episodes[0]
        latent = float(rng.normal(3.35 + 0.35 * trend, 0.8))
        row: dict = {
            "besvarelse_id": f"SVAR-{when.year}-{i + 1:05d}",
            "dato": when,
            "fødselsår": None if _chance(rng, 0.08) else c.birth_year,
            "køn": None if _chance(rng, 0.06) else c.gender,
            "målgrupper": None if _chance(rng, 0.15) else episode["målgrupper"],
            "indsats": None if _chance(rng, 0.12) else episode["indsats"],
        }
        for column, shift in _LIKERT_COLUMNS.items():
            row[column] = _likert_cell(rng, latent + shift)
        wellbeing = float(np.clip(rng.normal(2.1 + 0.35 * trend + 0.3 * (latent - 3.4), 1.0), 0, 5))
        for k in range(1, 6):
            row[f"who5_{k}"] = None if _chance(rng, 0.04) else int(np.clip(round(wellbeing + rng.normal(0, 0.8)), 0, 5))
        lonely = float(rng.normal(1.95 - 0.15 * trend - 0.2 * (latent - 3.4), 0.55))
        for k in range(1, 4):
            row[f"ensom_{k}"] = None if _chance(rng, 0.04) else int(np.clip(round(lonely + rng.normal(0, 0.5)), 1, 3))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=[col.name for col in BORGEROPLEVELSE.columns])
    frame = frame.sort_values(["dato", "besvarelse_id"], kind="stable").reset_index(drop=True)
    return frame


# --- public API ---------------------------------------------------------------------------------


def generate_frames(today: date | None = None, seed: int = DEMO_SEED) -> dict[str, pd.DataFrame]:
    """Return the three demo extracts as data frames with the contract's column names."""
    today = today or date.today()
    rng = np.random.default_rng(seed)
    citizens = _make_citizens(rng, today)
    for c in citizens:
        _make_episodes(rng, c, today)
    frames = {
        "indsatser": _indsatser_frame(citizens),
        "progression": _progression_frame(rng, citizens, today),
        "borgeroplevelse": _survey_frame(rng, citizens, today),
    }
    for frame in frames.values():
        for column in frame.columns:
            if column in _INTEGER_COLUMNS:
                frame[column] = frame[column].astype("Int64")
    return frames


def _write_sheet(
    workbook: xlsxwriter.Workbook, sheet: str, frame: pd.DataFrame, title: str | None, formats: dict
) -> None:
    ws = workbook.add_worksheet(sheet)
    first_row = 0
    if title:
        ws.write_string(0, 0, title, formats["title"])
        first_row = 2  # a title row and a blank row above the header, as many exports have
    for j, name in enumerate(frame.columns):
        ws.write_string(first_row, j, name, formats["header"])
        ws.set_column(j, j, max(12, min(40, len(name) + 4)))
    for i, values in enumerate(frame.itertuples(index=False, name=None), start=first_row + 1):
        for j, value in enumerate(values):
            if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
                continue
            if isinstance(value, date):
                ws.write_datetime(i, j, datetime(value.year, value.month, value.day), formats["date"])
            elif isinstance(value, int | np.integer | float | np.floating):
                ws.write_number(i, j, float(value))
            elif value != "":
                ws.write_string(i, j, str(value))
    ws.freeze_panes(first_row + 1, 0)


def write_demo_files(out_dir: Path, today: date | None = None, seed: int = DEMO_SEED) -> dict[str, Path]:
    """Write the three demo extracts as .xlsx files in `out_dir`; return {extract id: path}."""
    today = today or date.today()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    frames = generate_frames(today, seed)
    stamp = today.strftime("%Y%m%d")
    titles = {
        "indsatser": f"Udtræk fra fagsystemet: indsatsforløb, voksne i social udsathed (syntetiske demodata) – "
        f"dannet {today.strftime('%d.%m.%Y')}",
        "progression": None,
        "borgeroplevelse": None,
    }
    sheets = {"indsatser": INDSATSER.sheet, "progression": PROGRESSION.sheet, "borgeroplevelse": BORGEROPLEVELSE.sheet}
    paths: dict[str, Path] = {}
    for extract_id, frame in frames.items():
        path = out_dir / f"demo_{extract_id}_{stamp}.xlsx"
        workbook = xlsxwriter.Workbook(str(path))
        workbook.set_properties(
            {
                "title": f"Pejling demodata – {sheets[extract_id]}",
                "author": "Pejling (syntetiske data)",
                "created": datetime(today.year, today.month, today.day),
            }
        )
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
            "date": workbook.add_format({"num_format": "dd-mm-yyyy"}),
        }
        _write_sheet(workbook, sheets[extract_id], frame, titles[extract_id], formats)
        workbook.close()
        paths[extract_id] = path
    return paths
