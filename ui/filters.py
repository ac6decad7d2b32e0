"""Shared filters in the sidebar, kept in the URL's query parameters so that a view can be shared as a link."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import settings
from ui import danish, data
from ui.fmt import md, period_label
from ui.nav import ALL_CONTROLS, FOLLOW_UP, PERIOD, STRATEGY


@dataclass(frozen=True)
class FilterDef:
    """One shared filter: its URL parameter (ASCII), the engine dimension and the Danish label."""

    param: str
    dimension: str
    label: str
    help: str


FILTERS: tuple[FilterDef, ...] = (
    FilterDef("aldersgruppe", "aldersgruppe", "Aldersgruppe", "Alder i periodens sidste år (kun fødselsår kendes)."),
    FilterDef(
        "maalgruppe",
        "målgruppe",
        "Målgruppe",
        "En borger kan være i flere målgrupper; vælges flere, tælles borgere i mindst én af dem.",
    ),
    FilterDef("fokusomraade", "fokusområde", "Fokusområde", "Fokusområde fra indsatskataloget."),
    FilterDef("indsats", "indsats", "Indsatstype", "Indsatsens navn som i indsatskataloget."),
    FilterDef("leverandoer", "leverandør", "Leverandør", "Hvem der leverer indsatsen."),
)
UNDER30 = ("Under 30", "30 og derover")
PARAMS = ("strategi", "periode") + tuple(f.param for f in FILTERS)
_KEY = "flt_"  # session-state prefix of the filter widgets
_KEEP = "_pejling_keep_"  # a copy of each control's value that survives pages not showing the control
_VIEW = "_pejling_view"
_URL_SIG = "_pejling_url_sig"


NOISE_CAPTION = (
    "Alle antal er justeret en smule (højst ±{d}), så ingen borger kan regnes ud; dele af en opdeling summerer "
    "derfor ikke altid præcist til totalen. Se Om tallene."
)


def period_options(years: list[int]) -> list[str]:
    """Period choices: each year with data (newest first) followed by its half-years and quarters.

    Months can be asked for by link (`?periode=2025-03`); arbitrary day ranges cannot (see metrics.periods)."""
    out: list[str] = []
    for year in sorted(years, reverse=True):
        out.append(str(year))
        out.extend(f"{year}-H{h}" for h in (1, 2))
        out.extend(f"{year}-Q{q}" for q in range(1, 5))
    return out


def filter_options(f: FilterDef) -> list[str]:
    """The options a filter offers, as users see them."""
    if f.param == "aldersgruppe":
        return list(data.dimension_values("aldersgruppe")) + list(UNDER30)
    return list(data.dimension_values(f.dimension))


def _url_signature() -> tuple:
    qp = st.query_params
    return tuple((p, tuple(qp.get_all(p))) for p in PARAMS if qp.get_all(p))


def _period_error(value: str) -> str | None:
    """The Danish reason a period from a link is refused, or None when it is a valid period."""
    from metrics.periods import parse_period

    try:
        parse_period(value)
    except ValueError as exc:
        return str(exc)
    return None


def _apply_url(strategy_ids: list[str], periods: list[str], options: dict[str, list[str]]) -> list[str]:
    """Copy the URL's filter values into the widgets' state when the URL changed; return Danish warnings.

    The warnings quote the link's values, which anyone can write: they are markdown-escaped (no links or images).
    """
    sig = _url_signature()
    if not sig or sig == st.session_state.get(_URL_SIG):
        return []
    warnings: list[str] = []
    qp = st.query_params
    value = qp.get("strategi")
    if value is not None:
        if value in strategy_ids:
            st.session_state[_KEY + "strategi"] = value
        else:
            warnings.append(f"Strategien «{md(value)}» findes ikke. Linkets strategi er ignoreret.")
    value = qp.get("periode")
    if value is not None:
        error = None if value in periods else _period_error(value)
        if error is None:
            extra = st.session_state.setdefault("_pejling_extra_periods", [])
            if value not in periods and value not in extra:
                extra.append(value)
            st.session_state[_KEY + "periode"] = value
        else:
            warnings.append(f"{md(error)} Linkets periode er ignoreret.")
    for f in FILTERS:
        values = qp.get_all(f.param)
        if not values:
            continue
        valid = [v for v in dict.fromkeys(values) if v in options[f.param]]
        for bad in (v for v in values if v not in options[f.param]):
            warnings.append(f"{f.label} «{md(bad)}» findes ikke i data. Værdien er ignoreret.")
        most = settings.max_filter_values()
        if len(valid) > most:
            warnings.append(
                f"Linket vælger {len(valid)} værdier for {f.label.lower()}, men højst {most} kan vælges på én gang, "
                f"så ingen borger kan regnes ud. Kun de første {most} bruges."
            )
            valid = valid[:most]
        st.session_state[_KEY + f.param] = valid
    return warnings


def _write_url(values: dict[str, list[str]]) -> None:
    """Write the chosen values to the URL (only what changed), keeping other parameters such as `side`."""
    qp = st.query_params
    for param in PARAMS:
        wanted = values.get(param) or []
        if list(qp.get_all(param)) == wanted:
            continue
        if wanted:
            qp[param] = wanted if len(wanted) > 1 else wanted[0]
        elif param in qp:
            del qp[param]
    st.session_state[_URL_SIG] = _url_signature()


def _ensure(key: str, options: list[str], default) -> None:
    """Give a widget's state a valid value before the widget is created."""
    current = st.session_state.get(key)
    if isinstance(default, list):
        if not isinstance(current, list):
            st.session_state[key] = list(default)
        else:
            st.session_state[key] = [v for v in current if v in options]
    elif current not in options:
        st.session_state[key] = default


def _restore(keys: list[str]) -> None:
    """Give back a control's value after a page that did not show it (Streamlit drops an unrendered widget's state)."""
    for key in keys:
        if key not in st.session_state and _KEEP + key in st.session_state:
            st.session_state[key] = st.session_state[_KEEP + key]


def render_sidebar(controls: frozenset[str] = ALL_CONTROLS) -> data.View:
    """Draw the strategy selector and the filters the page uses, sync them with the URL, and return the view.

    Controls a page does not use (`controls`, from the page registry) are not drawn: their values are
    kept, so the view is the same when the user comes back to a page that uses them.
    """
    strategies = data.strategies()
    strategy_ids = list(strategies)
    periods = period_options(data.years())
    options = {f.param: filter_options(f) for f in FILTERS}
    keys = [_KEY + "strategi", _KEY + "periode", *(_KEY + f.param for f in FILTERS)]
    _restore(keys)
    warnings = _apply_url(strategy_ids, periods, options)
    periods = periods + [p for p in st.session_state.get("_pejling_extra_periods", []) if p not in periods]
    if not periods:
        from datetime import date

        periods = [str(date.today().year)]

    _ensure(_KEY + "strategi", strategy_ids, _default_strategy(strategy_ids))
    _ensure(_KEY + "periode", periods, _default_period(periods))
    for f in FILTERS:
        _ensure(_KEY + f.param, options[f.param], [])

    with st.sidebar:
        if STRATEGY in controls:
            st.selectbox(
                "Strategi",
                strategy_ids,
                format_func=lambda i: strategies[i].name,
                key=_KEY + "strategi",
                placeholder=danish.PLACEHOLDER,
            )
        if PERIOD in controls:
            st.selectbox(
                "Periode",
                periods,
                format_func=period_label,
                key=_KEY + "periode",
                placeholder=danish.PLACEHOLDER,
                help="Kalenderår, halvår eller kvartal. Tallene gælder borgere og forløb, der er aktive i perioden.",
            )
        if FOLLOW_UP in controls:
            for f in FILTERS:
                st.multiselect(
                    f.label,
                    options[f.param],
                    key=_KEY + f.param,
                    placeholder=danish.PLACEHOLDER_ALL,
                    select_all=False,  # "Select all" cannot be translated; no choice already means all
                    help=f"{f.help} Højst {settings.max_filter_values()} værdier ad gangen, så ingen borger kan regnes ud.",
                    max_selections=settings.max_filter_values(),
                )
        if PERIOD in controls:  # the figures the period selects are perturbed: say so where they are chosen
            st.caption(NOISE_CAPTION.format(d=settings.max_deviation()))
    for w in warnings:
        st.warning(w, icon=":material/link_off:")

    for key in keys:
        st.session_state[_KEEP + key] = st.session_state[key]
    strategy = st.session_state[_KEY + "strategi"]
    period = st.session_state[_KEY + "periode"]
    chosen = {f.param: list(st.session_state[_KEY + f.param]) for f in FILTERS}
    _write_url({"strategi": [strategy] if strategy else [], "periode": [period], **chosen})
    view = data.View(strategy=strategy or "", period=period, filters=_engine_filters(chosen))
    st.session_state[_VIEW] = view
    return view


def link_params(**extra: str) -> dict[str, list[str]]:
    """The URL's strategy, period and filter parameters plus `extra`: a link to another page with the same view."""
    qp = st.query_params
    out = {p: list(qp.get_all(p)) for p in PARAMS if qp.get_all(p)}
    out.update({k: [v] for k, v in extra.items()})
    return out


def _default_strategy(ids: list[str]) -> str | None:
    """The configured default strategy (Plads til alle), else the first."""
    from metrics.strategies import default_strategy_id

    preferred = default_strategy_id()
    return preferred if preferred in ids else (ids[0] if ids else None)


def _default_period(periods: list[str]) -> str:
    """The newest full year with data (the first option)."""
    return periods[0]


def _engine_filters(chosen: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    out: dict[str, list[str]] = {}
    for f in FILTERS:
        values = chosen.get(f.param) or []
        if f.param == "aldersgruppe":
            under = [v for v in values if v in UNDER30]
            bands = [v for v in values if v not in UNDER30]
            if under:
                out["under30"] = under
            if bands:
                out["aldersgruppe"] = bands
        elif values:
            out[f.dimension] = values
    return tuple((k, tuple(v)) for k, v in out.items())


def current_view() -> data.View:
    """The view the frame chose in this run (pages call this)."""
    view = st.session_state.get(_VIEW)
    if view is None:
        return render_sidebar()
    return view


def describe(view: data.View) -> str:
    """A one-line Danish description of the view's filters, for captions and documents."""
    parts = [period_label(view.period)]
    labels = {f.dimension: f.label for f in FILTERS} | {"under30": "Alder"}
    for dim, values in view.filters:
        if values:
            parts.append(f"{labels.get(dim, dim)}: {', '.join(values)}")
    return " · ".join(parts)
