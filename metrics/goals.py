"""Goals per strategy and indicator (baseline and targets), their history, expected values and status."""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from metrics.format import format_number
from metrics.strategies import Strategy, get_strategy, known_indicator_ids
from store.db import write

GOAL_TYPES = ("baseline", "target")
NO_GOAL_LABEL = "Intet mål"
SHARE_UNITS = ("andel", "share", "%", "procent")

# Used when the registry (metrics/registry.py) cannot be imported: (Danish name, unit, direction).
_FALLBACK_META: dict[str, tuple[str, str, str | None]] = {
    "aktive_borgere": ("Borgere i målgruppen", "antal", None),
    "nye_borgere": ("Nye borgere", "antal", None),
    "andel_unge": ("Andel under 30 år", "andel", None),
    "hjemloese_andel": ("Andel hjemløse", "andel", "lower"),
    "egen_bolig_efter_hf": ("Egen bolig efter Housing First", "andel", "higher"),
    "behandling_inden_14_dage": ("Behandling startet inden 14 dage", "andel", "higher"),
    "sammenhaengende_overgange": ("Sammenhængende overgange", "andel", "higher"),
    "trappe_ned": ("Bevægelse ned ad indsatstrappen", "andel", "higher"),
    "tidlig_rette_indsats": ("Første indsats på lavt trin", "andel", "higher"),
    "unge_job_uddannelse": ("Unge i job eller uddannelse", "andel", "higher"),
    "lokale_tilbud": ("Lokale tilbud", "andel", "higher"),
    "handleplan_andel": ("Borgere med handleplan", "andel", "higher"),
    "stabil_kontaktperson": ("Stabil kontaktperson", "andel", "higher"),
    "progression": ("Borgere i fremgang", "andel", "higher"),
    "princip_ressourcer": ("Udgangspunkt i borgerens ressourcer", "andel", "higher"),
    "princip_oensker": ("Udgangspunkt i borgerens ønsker og håb", "andel", "higher"),
    "princip_kompetente": ("Kompetente og ambitiøse medarbejdere", "andel", "higher"),
    "princip_kommunikation": ("Tydelig kommunikation og dialog", "andel", "higher"),
    "oplevet_stabile_rammer": ("Oplevede stabile rammer", "andel", "higher"),
    "oplevet_kan_selv": ("Oplevet selvbestemmelse", "andel", "higher"),
    "oplevet_faellesskab": ("Oplevet fællesskab", "andel", "higher"),
    "trivsel_who5": ("Trivsel (WHO-5)", "score", "higher"),
    "lav_trivsel": ("Lav trivsel", "andel", "lower"),
    "ensomhed": ("Alvorlig ensomhed", "andel", "lower"),
}


@dataclass(frozen=True)
class IndicatorMeta:
    """What goals need to know about an indicator: Danish name, unit and direction."""

    id: str
    name: str
    unit: str
    direction: str | None

    @property
    def is_share(self) -> bool:
        """True for shares (stored as 0..1, shown as percent)."""
        return is_share_unit(self.unit)


def is_share_unit(unit: str | None) -> bool:
    """True when the unit is a share (0..1)."""
    return (unit or "").lower() in SHARE_UNITS


def indicator_meta(indicator_id: str) -> IndicatorMeta:
    """Name, unit and direction of an indicator, from the registry or the documented fallback."""
    try:
        from metrics.registry import get_indicator
    except ImportError:
        get_indicator = None
    if get_indicator is not None:
        try:
            ind = get_indicator(indicator_id)
        except KeyError:
            ind = None
        if ind is not None:
            direction = getattr(ind, "direction", None)
            direction = direction if direction in ("higher", "lower") else None
            return IndicatorMeta(indicator_id, ind.name, ind.unit, direction)
    if indicator_id not in _FALLBACK_META:
        raise KeyError(indicator_id)
    name, unit, direction = _FALLBACK_META[indicator_id]
    return IndicatorMeta(indicator_id, name, unit, direction)


@dataclass
class Goal:
    """An indicator's goal in one strategy: a baseline (year, value) and targets [(year, value)]."""

    strategy: str
    indicator: str
    baseline: tuple[int, float] | None = None
    targets: list[tuple[int, float]] = field(default_factory=list)
    subgroup: Subgroup = ()  # () = the whole target group

    @property
    def has_target(self) -> bool:
        """True when at least one target year is set."""
        return bool(self.targets)


# --- subgroups ----------------------------------------------------------------------------------

Subgroup = tuple[tuple[str, str], ...]  # sorted (dimension id, value) pairs; () = the whole target group
WHOLE_GROUP = "Alle borgere i målgruppen"
WHOLE_GROUP_NOTE = "Målet gælder alle borgere i målgruppen"


def subgroup_text(subgroup: Subgroup) -> str:
    """The stored form of a subgroup: 'aldersgruppe=18-24; målgruppe=Hjemløshed' ('' = the whole target group)."""
    return "; ".join(f"{dim}={value}" for dim, value in sorted(subgroup))


def subgroup_label(subgroup: Subgroup) -> str:
    """A subgroup in Danish for pages and documents, e.g. 'Aldersgruppe 18-24 · Målgruppe Hjemløshed'."""
    from metrics.dimensions import DIMENSIONS

    if not subgroup:
        return WHOLE_GROUP
    return " · ".join(f"{DIMENSIONS[d].label_da if d in DIMENSIONS else d} {v}" for d, v in sorted(subgroup))


def parse_subgroup(text: object, con: duckdb.DuckDBPyConnection | None = None) -> Subgroup:
    """A subgroup from its text ('under30=Under 30; målgruppe=Hjemløshed'); Danish ValueError when unknown.

    Dimensions and values are those of `metrics.dimensions` (one value per dimension). Empty text,
    or the words for everyone, is the whole target group.
    """
    from metrics.dimensions import DIMENSIONS, dimension_values, get_dimension

    raw = str(text or "").strip()
    if not raw or raw.lower() in (WHOLE_GROUP.lower(), "alle", "hele målgruppen"):
        return ()
    pairs: dict[str, str] = {}
    for part in (p.strip() for p in raw.split(";")):
        if not part:
            continue
        if "=" not in part:
            raise ValueError(
                f"Delgruppen '{part}' skal skrives som dimension=værdi, fx 'aldersgruppe=18-24' eller "
                f"'målgruppe=Hjemløshed'."
            )
        dim_text, value = (x.strip() for x in part.split("=", 1))
        try:
            dim = get_dimension(dim_text.lower())
        except ValueError:
            raise ValueError(
                f"Ukendt dimension '{dim_text}' i delgruppen. Vælg en af: {', '.join(DIMENSIONS)}."
            ) from None
        if dim.id in pairs:
            raise ValueError(f"Delgruppen nævner '{dim.id}' to gange; et mål gælder én værdi pr. dimension.")
        if con is not None or dim.id not in ("indsats", "fokusområde"):
            allowed = dimension_values(con, dim.id)  # static lists need no connection
            match = next((a for a in allowed if a.lower() == value.lower()), None)
            if match is None:
                raise ValueError(f"'{value}' er ikke en værdi af {dim.id}. Brug en af: {', '.join(allowed)}.")
            value = match
        pairs[dim.id] = value
    return tuple(sorted(pairs.items()))


def subgroup_of_filters(filters: dict[str, list[str]] | None) -> Subgroup | None:
    """The subgroup a view's filters select; None when a filter holds several values (no goal can match)."""
    pairs = []
    for dim, values in (filters or {}).items():
        values = list(values or [])
        if not values:
            continue
        if len(values) > 1:
            return None
        pairs.append((dim, str(values[0])))
    return tuple(sorted(pairs))


@dataclass(frozen=True)
class GoalSelection:
    """The goals that apply to a view: like with like, so a subgroup is only judged against its own goal.

    `get(indicator)` gives the goal to compare with (or None); `whole_group_only` holds the
    indicators whose only goal is for the whole target group while the view shows a subgroup.
    """

    goals: dict[str, Goal]
    whole_group_only: frozenset[str] = frozenset()

    def get(self, indicator: str, default: Goal | None = None) -> Goal | None:
        """The goal to compare this view's figure with."""
        return self.goals.get(indicator, default)

    def __contains__(self, indicator: object) -> bool:
        return indicator in self.goals

    def note(self, indicator: str) -> str | None:
        """'Målet gælder alle borgere i målgruppen' when the view's subgroup has no goal of its own."""
        return WHOLE_GROUP_NOTE if indicator in self.whole_group_only else None


def goals_for_filters(
    all_goals: dict[Subgroup, dict[str, Goal]], filters: dict[str, list[str]] | None
) -> GoalSelection:
    """Choose, per indicator, the goal whose subgroup equals the filters; none (with a note) when only everyone's fits."""
    subgroup = subgroup_of_filters(filters)
    whole = all_goals.get((), {})
    if subgroup == ():
        return GoalSelection(dict(whole))
    chosen = dict(all_goals.get(subgroup, {})) if subgroup is not None else {}
    return GoalSelection(chosen, frozenset(i for i in whole if i not in chosen))


def _strategy_id(strategy: str | Strategy) -> str:
    return strategy.id if isinstance(strategy, Strategy) else str(strategy)


def load_goals(con: duckdb.DuckDBPyConnection, strategy: str | Strategy, subgroup: Subgroup = ()) -> dict[str, Goal]:
    """The goals of a strategy for one subgroup (default: the whole target group) by indicator id."""
    return load_all_goals(con, strategy).get(tuple(sorted(subgroup)), {})


def load_all_goals(con: duckdb.DuckDBPyConnection, strategy: str | Strategy) -> dict[Subgroup, dict[str, Goal]]:
    """Every goal of a strategy: subgroup (() = whole target group) -> indicator id -> Goal."""
    sid = _strategy_id(strategy)
    # A store from before subgroups, opened read-only (not migrated), holds whole-group goals only.
    sub = "delgruppe" if _has_subgroups(con) else "''"
    rows = con.execute(
        f"SELECT {sub} AS delgruppe, indikator, type, aar, vaerdi FROM maal WHERE strategi = ? "
        "ORDER BY delgruppe, indikator, type, aar",
        [sid],
    ).fetchall()
    out: dict[Subgroup, dict[str, Goal]] = {}
    for delgruppe, indikator, kind, aar, vaerdi in rows:
        subgroup = _stored_subgroup(delgruppe)
        goal = out.setdefault(subgroup, {}).setdefault(indikator, Goal(sid, indikator, subgroup=subgroup))
        if kind == "baseline":
            if goal.baseline is None or aar > goal.baseline[0]:  # only one is kept; the latest wins
                goal.baseline = (int(aar), float(vaerdi))
        else:
            goal.targets.append((int(aar), float(vaerdi)))
    return out


def _has_subgroups(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(
        con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'maal' AND column_name = 'delgruppe'"
        ).fetchone()[0]
    )


def _stored_subgroup(text: str) -> Subgroup:
    """A subgroup as stored (already validated when written)."""
    if not text:
        return ()
    return tuple(sorted(tuple(x.strip() for x in p.split("=", 1)) for p in text.split(";") if "=" in p))


def _check_value(meta: IndicatorMeta, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"Værdien for '{meta.name}' skal være et tal.")
    if meta.is_share and not 0.0 <= value <= 1.0:
        raise ValueError(f"Værdien for '{meta.name}' er en andel og skal ligge mellem 0 og 100 %.")
    if not meta.is_share and value < 0:
        raise ValueError(f"Værdien for '{meta.name}' må ikke være negativ.")


def _set(
    con: duckdb.DuckDBPyConnection,
    sid: str,
    indicator: str,
    kind: str,
    year: int,
    value: float | None,
    user: str,
    subgroup: Subgroup = (),
) -> int:
    """Write one goal value and its history rows, without a transaction; return the number of changes."""
    changes = 0
    now = datetime.now()
    sub = subgroup_text(subgroup)
    key = "strategi = ? AND indikator = ? AND delgruppe = ?"
    if kind == "baseline" and value is not None:
        # One baseline per indicator and subgroup: setting it for a new year removes the old year's.
        others = con.execute(
            f"SELECT aar, vaerdi FROM maal WHERE {key} AND type = 'baseline' AND aar <> ?",
            [sid, indicator, sub, year],
        ).fetchall()
        for other_year, other_value in others:
            con.execute(
                f"DELETE FROM maal WHERE {key} AND type = 'baseline' AND aar = ?", [sid, indicator, sub, other_year]
            )
            _log(con, now, user, sid, indicator, sub, "baseline", other_year, other_value, None)
            changes += 1
    row = con.execute(
        f"SELECT vaerdi FROM maal WHERE {key} AND type = ? AND aar = ?", [sid, indicator, sub, kind, year]
    ).fetchone()
    old = None if row is None else float(row[0])
    if old == value or (old is not None and value is not None and abs(old - value) <= 1e-12):
        return changes  # unchanged (percent/fraction round trips may differ in the last digit)
    if value is None:
        con.execute(f"DELETE FROM maal WHERE {key} AND type = ? AND aar = ?", [sid, indicator, sub, kind, year])
    else:
        con.execute(f"DELETE FROM maal WHERE {key} AND type = ? AND aar = ?", [sid, indicator, sub, kind, year])
        con.execute(
            "INSERT INTO maal (strategi, indikator, delgruppe, type, aar, vaerdi) VALUES (?, ?, ?, ?, ?, ?)",
            [sid, indicator, sub, kind, year, float(value)],
        )
    _log(con, now, user, sid, indicator, sub, kind, year, old, None if value is None else float(value))
    return changes + 1


def _log(
    con: duckdb.DuckDBPyConnection,
    now: datetime,
    user: str,
    sid: str,
    indicator: str,
    sub: str,
    kind: str,
    year: int,
    old: float | None,
    new: float | None,
) -> None:
    con.execute(
        'INSERT INTO maal_historik (changed_at, "user", strategi, indikator, type, aar, old, new, delgruppe) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [now, user, sid, indicator, kind, year, old, new, sub],
    )


def _validate(indicator: str, kind: str, year: int, value: float | None) -> None:
    if kind not in GOAL_TYPES:
        raise ValueError(f"Ukendt måltype '{kind}' – brug 'baseline' eller 'target'.")
    if indicator not in known_indicator_ids():
        raise ValueError(f"Ukendt indikator '{indicator}'.")
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise ValueError(f"Året skal være et helt år mellem 2000 og 2100 (fik {year!r}).")
    if value is not None:
        _check_value(indicator_meta(indicator), value)


def set_goal_value(
    con: duckdb.DuckDBPyConnection,
    strategy: str | Strategy,
    indicator: str,
    type: str,  # noqa: A002 - the column's name in `maal`
    year: int,
    value: float | None,
    user: str,
    subgroup: Subgroup | str = (),
) -> bool:
    """Set (or with None delete) a baseline or target, record who/when/old/new; return True if anything changed.

    `subgroup` (tuple or text such as 'aldersgruppe=18-24') names the citizens the goal is for;
    empty = the whole target group.
    """
    return set_goal_values(con, strategy, indicator, [(type, year, value)], user, subgroup)


def set_goal_values(
    con: duckdb.DuckDBPyConnection,
    strategy: str | Strategy,
    indicator: str,
    values: list[tuple[str, int, float | None]],
    user: str,
    subgroup: Subgroup | str = (),
) -> bool:
    """Set several (type, year, value) of one indicator and subgroup all-or-nothing; True if anything changed."""
    for kind, year, value in values:
        _validate(indicator, kind, year, value)
    sub = parse_subgroup(subgroup if isinstance(subgroup, str) else subgroup_text(tuple(subgroup)), con)
    sid = _strategy_id(strategy)
    changes = write(
        con, lambda: sum(_set(con, sid, indicator, kind, year, value, user, sub) for kind, year, value in values)
    )
    return changes > 0


def goal_history(con: duckdb.DuckDBPyConnection, strategy: str | Strategy | None = None) -> pd.DataFrame:
    """Every goal change, newest first: changed_at, user, strategi, indikator, type, aar, old, new, delgruppe."""
    sql = 'SELECT changed_at, "user", strategi, indikator, type, aar, old, new, delgruppe FROM maal_historik'
    params: list = []
    if strategy is not None:
        sql += " WHERE strategi = ?"
        params.append(_strategy_id(strategy))
    return con.execute(sql + " ORDER BY changed_at DESC, indikator, type, aar", params).df()


def goal_history_display(con: duckdb.DuckDBPyConnection, strategy: str | Strategy | None = None) -> pd.DataFrame:
    """The goal history with Danish column names and values shown in the indicator's unit (shares in %)."""
    raw = goal_history(con, strategy)
    names = {}
    for indicator in raw["indikator"].unique():
        try:
            names[indicator] = indicator_meta(indicator)
        except KeyError:
            names[indicator] = IndicatorMeta(indicator, indicator, "", None)

    def shown(value: float | None, indicator: str) -> str:
        if value is None or value != value:
            return "–"
        return _fmt(value, names[indicator].is_share) if names[indicator].is_share else _fmt(value, False)

    return pd.DataFrame(
        {
            "Tidspunkt": raw["changed_at"],
            "Bruger": raw["user"],
            "Strategi": raw["strategi"],
            "Indikator": [names[i].name for i in raw["indikator"]],
            "Delgruppe": [subgroup_label(_stored_subgroup(d)) for d in raw["delgruppe"]],
            "Type": ["Basislinje" if t == "baseline" else "Mål" for t in raw["type"]],
            "År": raw["aar"],
            "Før": [shown(v, i) for v, i in zip(raw["old"], raw["indikator"], strict=True)],
            "Efter": [shown(v, i) for v, i in zip(raw["new"], raw["indikator"], strict=True)],
        }
    )


def expected_value(goal: Goal | None, year: int) -> float | None:
    """The value expected in `year`: on the straight line between baseline and targets; None before the start."""
    if goal is None or not goal.targets:
        return None
    points = sorted(({**dict(goal.targets), **({goal.baseline[0]: goal.baseline[1]} if goal.baseline else {})}).items())
    if year < points[0][0]:
        return None
    for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
        if y0 <= year <= y1:
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return points[-1][1]


# --- status -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """A goal status for display: code, Danish label, icon, colour-blind-safe colour, certainty and a note."""

    code: str
    label: str
    icon: str
    colour: str
    uncertain: bool = False
    note: str = ""

    @property
    def text(self) -> str:
        """Icon and word together (never colour alone)."""
        return f"{self.icon} {self.label}"


# Okabe-Ito: blue, orange, vermillion; grey for too little data.
STATUS_STYLES: dict[str, tuple[str, str, str]] = {
    "paa_sporet": ("På sporet", "✔", "#0072B2"),
    "taet_paa": ("Tæt på", "◐", "#E69F00"),
    "ikke_paa_sporet": ("Ikke på sporet", "✖", "#D55E00"),
    "for_faa_data": ("For få data", "?", "#999999"),
}
_EPS = 1e-9


def _fmt(value: float, share: bool) -> str:
    if share:
        return f"{format_number(value * 100, 0 if round(value * 100, 6).is_integer() else 1)} %"
    return format_number(value, 1)


def _status(code: str, uncertain: bool = False, note: str = "") -> Status:
    label, icon, colour = STATUS_STYLES[code]
    return Status(code, label, icon, colour, uncertain, note)


def evaluate_status(
    value: float | None,
    expected: float | None,
    direction: str | None,
    unit: str | None,
    ci: tuple[float, float] | None = None,
    tolerance_pp: float = 0.05,
    tolerance_rel: float = 0.10,
    suppressed: bool = False,
) -> Status | None:
    """The status of a value against its expected value (INDICATORS.md, Goals and status); None without a goal.

    Without a direction (e.g. counts), a value within the tolerance of the expected one is on track.
    """
    if expected is None:
        return None
    share = is_share_unit(unit)
    if suppressed or value is None:
        return _status("for_faa_data", note="For få data til at vurdere målet.")
    tolerance = tolerance_pp if share else tolerance_rel * abs(expected)
    if direction == "higher":
        gap = expected - value
    elif direction == "lower":
        gap = value - expected
    else:
        gap = abs(value - expected) - tolerance
    if gap <= _EPS:
        code = "paa_sporet"
    elif gap <= tolerance + _EPS and direction in ("higher", "lower"):
        code = "taet_paa"
    else:
        code = "ikke_paa_sporet"
    uncertain = ci is not None and ci[0] - _EPS <= expected <= ci[1] + _EPS
    if uncertain:
        low, high = ci
        interval = f"{format_interval(low, high, share)}"
        note = f"Usikkert: intervallet {interval} dækker det forventede {_fmt(expected, share)}."
    else:
        note = _gap_note(value, expected, share)
    return _status(code, uncertain, note)


def format_interval(low: float, high: float, share: bool) -> str:
    """An interval as Danish text: '41-63 %' for shares, '41,0-63,0' otherwise."""
    if share:
        return f"{format_number(low * 100, 0)}-{format_number(high * 100, 0)} %"
    return f"{_fmt(low, False)}-{_fmt(high, False)}"


def _gap_note(value: float, expected: float, share: bool) -> str:
    diff = value - expected
    if abs(diff) <= _EPS:
        return f"Præcis det forventede {_fmt(expected, share)}."
    side = "over" if diff > 0 else "under"
    if share:
        amount = f"{format_number(abs(diff) * 100, 1)} procentpoint"
    else:
        amount = format_number(abs(diff), 1)
    return f"{amount} {side} det forventede {_fmt(expected, share)}."


# --- Excel import/export ------------------------------------------------------------------------

SHEET = "Mål"
_HEAD_ID = "Indikator-id"
_HEAD_SUBGROUP = "Delgruppe"
_HEAD_FIXED = (_HEAD_ID, "Indikator", _HEAD_SUBGROUP, "Enhed", "Retning", "Basisår", "Basisværdi")
_TARGET_HEAD = re.compile(r"^\s*m(å|aa)l\s+(\d{4})\s*$", re.IGNORECASE)
_DIRECTION_DA = {"higher": "Højere er bedre", "lower": "Lavere er bedre", None: "–"}


def _target_years(goals: dict[Subgroup, dict[str, Goal]], strategy: Strategy) -> list[int]:
    years = {y for by_id in goals.values() for g in by_id.values() for y, _ in g.targets}
    if strategy.years:
        years.add(strategy.years[1])
    return sorted(years)


def _shown(value: float | None, share: bool) -> float | None:
    if value is None:
        return None
    return round(value * 100, 4) if share else value


def goals_to_xlsx(con: duckdb.DuckDBPyConnection, strategy: str | Strategy) -> bytes:
    """The strategy's goals as an Excel workbook (one row per indicator; shares in percent)."""
    import xlsxwriter

    strat = strategy if isinstance(strategy, Strategy) else get_strategy(strategy)
    goals = load_all_goals(con, strat)
    years = _target_years(goals, strat)
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    locked = wb.add_format({"font_color": "#555555"})
    ws = wb.add_worksheet(SHEET)
    headers = [*_HEAD_FIXED, *(f"Mål {y}" for y in years)]
    ws.write(0, 0, f"Mål for {strat.name} ({strat.municipality})", wb.add_format({"bold": True, "font_size": 13}))
    ws.write(1, 0, "Andele skrives i procent (0-100). Tom celle = intet mål for det år.")
    ws.write(
        2,
        0,
        "Delgruppe: tom = alle borgere i målgruppen; ellers fx 'aldersgruppe=18-24', 'under30=Under 30' eller "
        "'målgruppe=Hjemløshed' (flere adskilt af ;). Tilføj en række pr. delgruppe.",
    )
    for j, h in enumerate(headers):
        ws.write(3, j, h, head)
    ws.set_column(0, 0, 26)
    ws.set_column(1, 1, 42)
    ws.set_column(2, len(headers), 13)
    ws.set_column(2, 2, 26)
    rows = [
        (indicator, subgroup)
        for indicator in dict.fromkeys(strat.indicator_ids())
        for subgroup in [(), *sorted(s for s in goals if s and indicator in goals[s])]
    ]
    for i, (indicator, subgroup) in enumerate(rows, start=4):
        meta = indicator_meta(indicator)
        goal = goals.get(subgroup, {}).get(indicator, Goal(strat.id, indicator, subgroup=subgroup))
        ws.write(i, 0, indicator, locked)
        ws.write(i, 1, meta.name, locked)
        if subgroup:
            ws.write_string(i, 2, subgroup_text(subgroup))
        ws.write(i, 3, "%" if meta.is_share else meta.unit, locked)
        ws.write(i, 4, _DIRECTION_DA.get(meta.direction, "–"), locked)
        if goal.baseline:
            ws.write_number(i, 5, goal.baseline[0])
            ws.write_number(i, 6, _shown(goal.baseline[1], meta.is_share))
        targets = dict(goal.targets)
        for j, year in enumerate(years, start=len(_HEAD_FIXED)):
            if year in targets:
                ws.write_number(i, j, _shown(targets[year], meta.is_share))
    ws.freeze_panes(4, 2)
    wb.close()
    return buffer.getvalue()


def _number(cell: object) -> float | None:
    """A cell as a number; None when empty; raises ValueError when not a number."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise ValueError
    if isinstance(cell, int | float):
        return float(cell)
    text = str(cell).strip().replace("%", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def _read_rows(data: bytes) -> list[tuple]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    ws = next((wb[name] for name in wb.sheetnames if name.strip().lower() in ("mål", "maal")), wb.worksheets[0])
    rows = [tuple(r) for r in ws.iter_rows(values_only=True)]
    wb.close()
    return rows


def goals_from_xlsx(
    con: duckdb.DuckDBPyConnection, data: bytes, strategy: str | Strategy, user: str
) -> tuple[int, list[str]]:
    """Apply a goals workbook (as written by `goals_to_xlsx`) all-or-nothing; return (changes, Danish errors)."""
    strat = strategy if isinstance(strategy, Strategy) else get_strategy(strategy)
    try:
        rows = _read_rows(data)
    except Exception:  # noqa: BLE001 - any unreadable file gets one Danish message
        return 0, ["Filen kan ikke læses som et Excel-ark (.xlsx)."]
    header_at = next(
        (i for i, r in enumerate(rows) if any(str(c or "").strip().lower() == _HEAD_ID.lower() for c in r)), None
    )
    if header_at is None:
        return 0, [f"Arket mangler kolonnen '{_HEAD_ID}'. Hent skabelonen med de nuværende mål og udfyld den."]
    header = [str(c or "").strip() for c in rows[header_at]]
    col = {h.lower(): j for j, h in enumerate(header) if h}
    target_cols = {int(m.group(2)): j for j, h in enumerate(header) if (m := _TARGET_HEAD.match(h))}
    errors: list[str] = []
    planned: list[tuple[str, str, int, float | None, Subgroup]] = []
    allowed = set(strat.indicator_ids())
    existing = load_all_goals(con, strat)
    seen_rows: dict[tuple[str, Subgroup], int] = {}

    def cell(row: tuple, j: int | None) -> object:
        return row[j] if j is not None and j < len(row) else None

    for n, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        raw_id = cell(row, col.get(_HEAD_ID.lower()))
        if raw_id is None or not str(raw_id).strip():
            if any(c not in (None, "") for c in row):
                errors.append(f"Række {n}: '{_HEAD_ID}' er tom.")
            continue
        indicator = str(raw_id).strip()
        if indicator not in allowed:
            errors.append(f"Række {n}: indikatoren '{indicator}' findes ikke i strategien {strat.name}.")
            continue
        raw_subgroup = cell(row, col.get(_HEAD_SUBGROUP.lower()))
        try:
            subgroup = parse_subgroup(raw_subgroup, con)
        except ValueError as exc:
            errors.append(f"Række {n}, {_HEAD_SUBGROUP}: {exc}")
            continue
        if (indicator, subgroup) in seen_rows:
            errors.append(
                f"Række {n}: indikatoren '{indicator}'"
                + (f" for delgruppen '{subgroup_text(subgroup)}'" if subgroup else "")
                + f" står også i række {seen_rows[(indicator, subgroup)]}."
            )
            continue
        seen_rows[(indicator, subgroup)] = n
        meta = indicator_meta(indicator)

        def value_of(j: int | None, label: str, meta: IndicatorMeta = meta, n: int = n, row: tuple = row) -> object:
            raw = cell(row, j)
            try:
                number = _number(raw)
            except ValueError:
                errors.append(f"Række {n}, {label}: '{raw}' er ikke et tal.")
                return "fejl"
            if number is None:
                return None
            if meta.is_share and not 0 <= number <= 100:
                errors.append(f"Række {n}, {label}: {raw} ligger uden for 0-100 % ({meta.name} er en andel).")
                return "fejl"
            if not meta.is_share and number < 0:
                errors.append(f"Række {n}, {label}: {raw} må ikke være negativ.")
                return "fejl"
            return number / 100 if meta.is_share else number

        base_year_raw = cell(row, col.get("basisår"))
        base_value = value_of(col.get("basisværdi"), "Basisværdi")
        try:
            base_year = _number(base_year_raw)
        except ValueError:
            base_year = None
            errors.append(f"Række {n}, Basisår: '{base_year_raw}' er ikke et årstal.")
            base_value = "fejl"
        if base_value != "fejl":
            if base_year is None and base_value is None:
                old = existing.get(subgroup, {}).get(indicator)
                if old is not None and old.baseline is not None:
                    planned.append((indicator, "baseline", old.baseline[0], None, subgroup))
            elif base_year is None or base_value is None:
                errors.append(f"Række {n}: udfyld både Basisår og Basisværdi (eller ingen af dem).")
            elif not base_year.is_integer() or not 2000 <= base_year <= 2100:
                errors.append(f"Række {n}, Basisår: '{base_year_raw}' er ikke et årstal mellem 2000 og 2100.")
            else:
                planned.append((indicator, "baseline", int(base_year), base_value, subgroup))
        for year, j in target_cols.items():
            value = value_of(j, f"Mål {year}")
            if value != "fejl":
                planned.append((indicator, "target", year, value, subgroup))
    if errors:
        return 0, errors

    def apply() -> int:
        return sum(
            _set(con, strat.id, indicator, kind, year, value, user, subgroup)
            for indicator, kind, year, value, subgroup in planned
        )

    return write(con, apply), []


# --- demo goals ---------------------------------------------------------------------------------

# (baseline year, baseline, {target year: value}) per strategy and indicator. Chosen against the
# synthetic demo data so that the demo shows a mix of statuses; shares as fractions.
DEMO_GOALS: dict[str, dict[str, tuple[int, float, dict[int, float]]]] = {
    "plads_til_alle": {
        "hjemloese_andel": (2022, 0.17, {2026: 0.14, 2029: 0.10}),
        "egen_bolig_efter_hf": (2022, 0.65, {2026: 0.75, 2029: 0.85}),
        "behandling_inden_14_dage": (2022, 0.83, {2026: 0.95, 2029: 0.95}),
        "sammenhaengende_overgange": (2022, 0.72, {2026: 0.85, 2029: 0.90}),
        "stabil_kontaktperson": (2022, 0.77, {2026: 0.84, 2029: 0.90}),
        "oplevet_stabile_rammer": (2022, 0.38, {2026: 0.55, 2029: 0.60}),
        "oplevet_kan_selv": (2022, 0.50, {2026: 0.55, 2029: 0.65}),
        "progression": (2022, 0.56, {2026: 0.60, 2029: 0.65}),
        "trappe_ned": (2022, 0.40, {2026: 0.44, 2029: 0.50}),
        "handleplan_andel": (2022, 0.79, {2026: 0.90, 2029: 0.95}),
        "princip_oensker": (2022, 0.44, {2026: 0.55, 2029: 0.65}),
        "unge_job_uddannelse": (2022, 0.35, {2026: 0.55, 2029: 0.65}),
        "tidlig_rette_indsats": (2022, 0.81, {2026: 0.90, 2029: 0.92}),
        "oplevet_faellesskab": (2022, 0.37, {2026: 0.51, 2029: 0.60}),
        "ensomhed": (2022, 0.31, {2026: 0.25, 2029: 0.20}),
        "trivsel_who5": (2022, 43.0, {2026: 50.0, 2029: 55.0}),
        "lav_trivsel": (2022, 0.63, {2026: 0.50, 2029: 0.40}),
    },
    "socialomraadet_2024_2026": {
        "princip_ressourcer": (2024, 0.57, {2026: 0.65}),
        "princip_oensker": (2024, 0.49, {2026: 0.55}),
        "princip_kompetente": (2024, 0.58, {2026: 0.65}),
        "princip_kommunikation": (2024, 0.44, {2026: 0.55}),
        "progression": (2024, 0.59, {2026: 0.65}),
        "unge_job_uddannelse": (2024, 0.52, {2026: 0.60}),
        "hjemloese_andel": (2024, 0.16, {2026: 0.13}),
        "egen_bolig_efter_hf": (2024, 0.80, {2026: 0.85}),
        "oplevet_kan_selv": (2024, 0.54, {2026: 0.60}),
        "oplevet_faellesskab": (2024, 0.37, {2026: 0.45}),
        "ensomhed": (2024, 0.33, {2026: 0.28}),
        "handleplan_andel": (2024, 0.83, {2026: 0.90}),
        "trappe_ned": (2024, 0.40, {2026: 0.50}),
        "tidlig_rette_indsats": (2024, 0.88, {2026: 0.90}),
        "sammenhaengende_overgange": (2024, 0.83, {2026: 0.88}),
        "stabil_kontaktperson": (2024, 0.79, {2026: 0.85}),
        "lokale_tilbud": (2024, 0.73, {2026: 0.85}),
        "trivsel_who5": (2024, 48.0, {2026: 52.0}),
    },
    "roedovre_udsatte": {
        "tidlig_rette_indsats": (2024, 0.88, {2026: 0.90}),
        "behandling_inden_14_dage": (2024, 0.90, {2026: 0.95}),
        "princip_ressourcer": (2024, 0.57, {2026: 0.62}),
        "princip_oensker": (2024, 0.49, {2026: 0.55}),
        "princip_kommunikation": (2024, 0.44, {2026: 0.50}),
        "princip_kompetente": (2024, 0.58, {2026: 0.62}),
        "oplevet_kan_selv": (2024, 0.54, {2026: 0.58}),
        "sammenhaengende_overgange": (2024, 0.83, {2026: 0.88}),
        "stabil_kontaktperson": (2024, 0.79, {2026: 0.85}),
        "handleplan_andel": (2024, 0.83, {2026: 0.90}),
        "hjemloese_andel": (2024, 0.16, {2026: 0.12}),
        "egen_bolig_efter_hf": (2024, 0.80, {2026: 0.85}),
        "oplevet_stabile_rammer": (2024, 0.37, {2026: 0.45}),
        "unge_job_uddannelse": (2024, 0.52, {2026: 0.60}),
        "oplevet_faellesskab": (2024, 0.37, {2026: 0.42}),
        "ensomhed": (2024, 0.33, {2026: 0.28}),
        "trivsel_who5": (2024, 48.0, {2026: 52.0}),
        "lav_trivsel": (2024, 0.53, {2026: 0.45}),
        "progression": (2024, 0.59, {2026: 0.62}),
    },
}


def seed_demo_goals(con: duckdb.DuckDBPyConnection, user: str = "demo") -> int:
    """Give every strategy's share indicators demo goals (on a store without goals); return the values written.

    Written in two statements rather than value by value: each statement on a lake store costs a catalogue
    round trip, and a new store has no earlier values to replace (the history rows record old = NULL).
    """
    from metrics.strategies import load_strategies

    now = datetime.now()
    rows = []
    for strategy in load_strategies().values():
        for indicator, (base_year, base, targets) in DEMO_GOALS.get(strategy.id, {}).items():
            if indicator not in strategy.indicator_ids():
                continue
            _validate(indicator, "baseline", base_year, base)
            rows.append((strategy.id, indicator, "baseline", base_year, float(base)))
            for year, value in targets.items():
                _validate(indicator, "target", year, value)
                rows.append((strategy.id, indicator, "target", year, float(value)))
    if not rows:
        return 0
    frame = pd.DataFrame(rows, columns=["strategi", "indikator", "type", "aar", "vaerdi"])

    def apply() -> int:
        if con.execute("SELECT count(*) FROM maal").fetchone()[0]:
            raise ValueError("Demomål lægges kun i et lager uden mål.")
        con.register("_demo_goals", frame)
        try:
            con.execute(
                "INSERT INTO maal (strategi, indikator, delgruppe, type, aar, vaerdi) "
                "SELECT strategi, indikator, '', type, aar::INTEGER, vaerdi FROM _demo_goals"
            )
            con.execute(
                'INSERT INTO maal_historik (changed_at, "user", strategi, indikator, type, aar, old, new, delgruppe) '
                "SELECT ?::TIMESTAMP, ?, strategi, indikator, type, aar::INTEGER, NULL, vaerdi, '' FROM _demo_goals",
                [now, user],
            )
        finally:
            con.unregister("_demo_goals")
        return len(rows)

    return write(con, apply)
