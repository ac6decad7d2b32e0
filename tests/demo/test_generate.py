"""The demo generator: deterministic, contract-shaped, Ballerup-sized and free of anything CPR-like."""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pandas as pd
import pytest

from demo.generate import generate_frames, write_demo_files
from schemas.extracts import (
    AFSLUTNINGSAARSAGER,
    BESKAEFTIGELSE,
    BOLIG,
    BORGEROPLEVELSE,
    DOMAENER,
    INDSATS_NAMES,
    INDSATSER,
    KOEN,
    LEVERANDOERER,
    LIKERT_TEXT,
    MAALGRUPPER,
    PROGRESSION,
)

TODAY = date(2026, 11, 24)
CPR = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})-?\d{4}(?!\d)")
ID = re.compile(r"^[A-Za-z0-9_-]{4,64}$")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return generate_frames(TODAY)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict:
    return write_demo_files(tmp_path_factory.mktemp("demo"), TODAY)


def _dates(series: pd.Series) -> list[date]:
    return [d for d in series if d is not None and not pd.isna(d)]


def test_same_seed_and_day_give_identical_frames(frames):
    again = generate_frames(TODAY)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, again[name])


def test_same_seed_and_day_give_byte_identical_files(tmp_path, files):
    again = write_demo_files(tmp_path, TODAY)
    for name, path in files.items():
        assert path.read_bytes() == again[name].read_bytes()


def test_another_seed_gives_other_data(frames):
    other = generate_frames(TODAY, seed=1)
    assert not frames["indsatser"]["borger_id"].equals(other["indsatser"]["borger_id"])


def test_files_have_the_contract_sheet_and_headers(files):
    expected = {"indsatser": INDSATSER, "progression": PROGRESSION, "borgeroplevelse": BORGEROPLEVELSE}
    assert set(files) == set(expected)
    for name, path in files.items():
        wb = openpyxl.load_workbook(path, read_only=True)
        assert wb.sheetnames == [expected[name].sheet]
        rows = wb.active.iter_rows(max_row=5, values_only=True)
        header = next(r for r in rows if r[0] in ("borger_id", "besvarelse_id"))
        assert [h for h in header if h is not None] == [c.name for c in expected[name].columns]


def test_indsatser_has_a_title_row_above_the_header(files):
    wb = openpyxl.load_workbook(files["indsatser"], read_only=True)
    first = next(wb.active.iter_rows(max_row=1, values_only=True))
    assert "syntetiske demodata" in first[0]


def test_sizes_are_ballerup_sized(frames):
    ind, prog, svar = frames["indsatser"], frames["progression"], frames["borgeroplevelse"]
    assert 1100 <= ind["borger_id"].nunique() <= 1300
    assert 3500 <= len(ind) <= 4500
    assert 0.4 <= prog["borger_id"].nunique() / ind["borger_id"].nunique() <= 0.6
    assert 1400 <= len(svar) <= 1600
    assert set(ind["indsats"]) == set(INDSATS_NAMES)  # the whole catalogue is in use


def test_every_citizen_has_one_birth_year_and_one_gender(frames):
    per_citizen = frames["indsatser"].groupby("borger_id")[["fødselsår", "køn"]].nunique()
    assert (per_citizen == 1).all().all()


def test_ids_are_pseudonyms_and_nothing_looks_like_a_cpr_number(files):
    for path in files.values():
        for row in openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    for m in CPR.finditer(value):
                        day, month = int(m.group(1)), int(m.group(2))
                        assert not (1 <= day <= 31 and 1 <= month <= 12), value
                elif isinstance(value, int | float):
                    assert len(str(int(value))) != 10, value


def test_borger_ids_follow_the_ballerup_pattern(frames):
    ids = frames["indsatser"]["borger_id"]
    assert ids.str.fullmatch(r"BA-\d{6}").all()
    assert ids.map(lambda s: bool(ID.match(s))).all()


def test_indsatser_follow_the_contract_rules(frames):
    ind = frames["indsatser"]
    assert not ind.duplicated(["borger_id", "indsats", "startdato"]).any()
    assert ind["indsats"].isin(INDSATS_NAMES).all()
    assert ind["køn"].isin(KOEN).all()
    assert ind["fødselsår"].between(1900, TODAY.year - 15).all()
    assert ind["leverandør"].dropna().isin(LEVERANDOERER).all()
    for col, allowed in (("bolig_start", BOLIG), ("bolig_slut", BOLIG)):
        assert ind[col].dropna().isin(allowed).all()
    for col in ("beskæftigelse_start", "beskæftigelse_slut"):
        assert ind[col].dropna().isin(BESKAEFTIGELSE).all()
    groups = {g.strip() for cell in ind["målgrupper"] for g in cell.split(";") if g.strip()}
    assert groups <= set(MAALGRUPPER)
    assert all(date(2000, 1, 1) <= d <= TODAY for d in ind["startdato"])
    ended = ind["slutdato"].notna()
    assert ind.loc[ended, "afslutningsårsag"].isin(AFSLUTNINGSAARSAGER).all()
    assert ind.loc[~ended, "afslutningsårsag"].isna().all()
    assert all(s <= e <= TODAY for s, e in zip(ind.loc[ended, "startdato"], ind.loc[ended, "slutdato"], strict=True))
    ref = ind["henvisningsdato"].notna()
    assert all(h <= s for h, s in zip(ind.loc[ref, "henvisningsdato"], ind.loc[ref, "startdato"], strict=True))
    assert ind["skift_kontaktperson"].dropna().between(0, 3).all()
    assert ind["handleplan"].dropna().isin(["Ja", "Nej"]).all()


def test_indsatser_look_real(frames):
    ind = frames["indsatser"]
    assert (~ind["slutdato"].notna()).sum() > 200  # ongoing episodes
    assert (ind["leverandør"] == "Egen kommune").mean() > 0.5
    assert ind["leverandør"].isna().any() and ind["bolig_start"].isna().any()  # realistic gaps
    dual = ind["målgrupper"].str.contains("Dobbeltdiagnose")
    assert dual.any()
    treat = ind[ind["indsats"].str.contains("behandling") & ind["henvisningsdato"].notna()]
    wait = pd.Series([(s - h).days for s, h in zip(treat["startdato"], treat["henvisningsdato"], strict=True)])
    assert 0.7 < (wait <= 14).mean() < 0.98  # most within the guarantee, a tail above
    assert (ind["afslutningsårsag"] == "Overgang til mindre indgribende indsats").sum() > 100
    assert (ind["afslutningsårsag"] == "Overgang til mere indgribende indsats").sum() > 100


def test_young_share_grows_and_some_citizens_fall_outside_the_target_range(frames):
    ind = frames["indsatser"]

    def young_share(year: int) -> float:
        active = ind[
            [
                s.year <= year and (e is None or pd.isna(e) or e.year >= year)
                for s, e in zip(ind["startdato"], ind["slutdato"], strict=True)
            ]
        ]
        people = active.drop_duplicates("borger_id")
        return float(((year - people["fødselsår"]) < 30).mean())

    assert young_share(2026) > young_share(2021)
    ages_now = TODAY.year - ind.drop_duplicates("borger_id")["fødselsår"]
    assert (ages_now == 15).any() and (ages_now >= 68).any()


def test_progression_follows_the_contract_and_improves_slightly(frames):
    prog = frames["progression"]
    assert not prog.duplicated(["borger_id", "måledato", "domæne"]).any()
    assert prog["domæne"].isin(DOMAENER).all()
    assert prog["score"].between(1, 10).all()
    assert max(prog["måledato"]) <= TODAY
    assert set(prog["borger_id"]) <= set(frames["indsatser"]["borger_id"])
    dates = prog.drop_duplicates(["borger_id", "måledato"]).sort_values(["borger_id", "måledato"])
    gaps = dates.groupby("borger_id")["måledato"].apply(
        lambda s: [(b - a).days for a, b in zip(s.iloc[:-1], s.iloc[1:], strict=True)]
    )
    assert all(g >= 90 for gs in gaps for g in gs)
    ordered = prog.sort_values("måledato")
    change = ordered.groupby(["borger_id", "domæne"])["score"].agg(lambda s: s.iloc[-1] - s.iloc[0])
    assert 0 < change.mean() < 3


def test_survey_follows_the_contract_with_text_and_missing_answers(frames):
    svar = frames["borgeroplevelse"]
    assert svar["besvarelse_id"].is_unique
    assert max(svar["dato"]) <= TODAY
    likert = svar["p_ressourcer"]
    texts = {v for v in likert if isinstance(v, str)}
    assert texts and {t.lower() for t in texts} <= set(LIKERT_TEXT) | {"ved ikke"}
    assert "Ved ikke" in texts
    assert likert.isna().any()
    numbers = [v for v in likert if isinstance(v, int)]
    assert numbers and all(1 <= v <= 5 for v in numbers)
    assert svar["who5_1"].dropna().between(0, 5).all()
    assert svar["ensom_1"].dropna().between(1, 3).all()
    assert svar["fødselsår"].isna().any()


@pytest.mark.parametrize("today", [date(2022, 6, 1), date(2026, 1, 1)])
def test_no_date_lies_after_today_whatever_today_is(today):
    f = generate_frames(today)
    ind = f["indsatser"]
    dates = [
        *ind["startdato"],
        *_dates(ind["slutdato"]),
        *_dates(ind["henvisningsdato"]),
        *f["progression"]["måledato"],
        *f["borgeroplevelse"]["dato"],
    ]
    assert max(dates) <= today
    assert ind["fødselsår"].max() <= today.year - 15
