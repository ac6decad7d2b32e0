"""Text and tables for the Om tallene page, generated from the indicator registry, extracts and strategies."""

from __future__ import annotations

import pandas as pd

import settings
from schemas.extracts import EXTRACTS

UNITS_DA = {"andel": "Andel (%)", "antal": "Antal", "gennemsnit": "Gennemsnit", "dage": "Dage"}
DIRECTIONS_DA = {"higher": "Højere er bedre", "lower": "Lavere er bedre", None: "Ingen retning (følges)"}


def indicators() -> list:
    """All registered indicators in registry order."""
    from metrics.registry import INDICATORS

    return list(INDICATORS.values()) if isinstance(INDICATORS, dict) else list(INDICATORS)


def source_title(source: str | None) -> str:
    """The Danish title of an extract id."""
    extract = EXTRACTS.get(source or "")
    return extract.title if extract else (source or "–")


def as_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame for `st.table` (which wraps long text instead of cutting columns): cells escaped, as its cells are markdown."""
    from ui.fmt import md

    return frame.map(lambda v: md(v) if isinstance(v, str) else v)


def indicator_table() -> pd.DataFrame:
    """One row per indicator: name, unit, direction, data source."""
    return pd.DataFrame(
        [
            {
                "Indikator": ind.name,
                "Id": ind.id,
                "Enhed": UNITS_DA.get(ind.unit, ind.unit),
                "Retning": DIRECTIONS_DA.get(ind.direction, ind.direction),
                "Datakilde": source_title(ind.source),
            }
            for ind in indicators()
        ]
    )


def indicator_markdown(ind) -> str:
    """The definition of one indicator as Danish markdown."""
    return (
        f"{ind.description}\n\n"
        f"- **Enhed:** {UNITS_DA.get(ind.unit, ind.unit)}\n"
        f"- **Retning:** {DIRECTIONS_DA.get(ind.direction, ind.direction)}\n"
        f"- **Datakilde:** udtrækket *{source_title(ind.source)}*\n"
        f"- **Id:** `{ind.id}`"
    )


def sources_table() -> pd.DataFrame:
    """One row per data source (extract) with the indicators that read it."""
    rows = []
    for extract in EXTRACTS.values():
        names = [ind.name for ind in indicators() if ind.source == extract.id]
        rows.append(
            {
                "Datakilde": extract.title,
                "Indhold": extract.description,
                "Indikatorer": ", ".join(names) or "–",
            }
        )
    return pd.DataFrame(rows)


def suppression_text(n: int) -> str:
    """The small-number rule in Danish, with the configured threshold."""
    return (
        f"Pejling viser, eksporterer og udskriver aldrig et tal, der kan pege på en enkelt borger. "
        f"Grænsen er i dag **N = {n}**:\n\n"
        f"- Et antal fra 1 til {n - 1} vises som **`<{n}`**. Et 0 lige ved siden af sådan et tal (samme opdeling "
        f"eller filter med en anden værdi, eller et kvartal, halvår eller år omkring perioden) vises også som "
        f"`<{n}`, ellers kunne man se, hvilke skjulte tal der rummer nogen, og regne dem ud.\n"
        f"- En andel med færre end {n} borgere bag vises ikke: **`For få data`**.\n"
        f"- En andel, hvor tælleren eller resten er fra 1 til {n - 1}, vises kun som et interval "
        "(fx *over 90 %*), så det præcise antal ikke kan regnes ud.\n"
        "- I tabeller med totaler skjules en celle mere, når én er skjult, så intet kan findes ved subtraktion.\n"
        f"- **Alle viste antal er justeret en smule, højst ±{settings.max_deviation()}** (cell key-metoden, som "
        "Danmarks Statistik, ONS og ABS bruger til fleksible tabeller). Hver borger har en fast, hemmelig "
        "tilfældig nøgle; de samme borgere giver derfor altid præcis det samme tal på alle sider, i downloads og "
        "rapporter, så man ikke kan regne en skjult borger ud ved at trække tal fra hinanden eller gentage et "
        "udtræk. Andele beregnes af de justerede tal, gennemsnit og medianer justeres tilsvarende, og dele af "
        "en opdeling summerer derfor ikke altid præcist til totalen.\n"
        f"- Et filter kan højst have {settings.max_filter_values()} værdier valgt ad gangen: med fx alle "
        "aldersgrupper på nær én kunne et skjult tal regnes ud som forskellen til totalen.\n"
        "- Perioder er hele år, halvår, kvartaler eller måneder: vilkårlige datointervaller kan ikke vælges, "
        "fordi to intervaller med én dags forskel ville vise én dags tal.\n\n"
        "Hold musen over et skjult tal for at se hvorfor. En borger kan være i flere målgrupper, så "
        "opdelinger på målgruppe summerer ikke til totalen."
    )


def strategy_markdown(strategy) -> str:
    """A strategy's focus areas, bearings and measuring indicators as markdown."""
    from metrics.registry import get_indicator

    lines = [strategy.description or "", f"*Kilde: {strategy.source}*" if strategy.source else ""]
    for area in strategy.areas:
        lines.append(f"\n**{area.name}**")
        for bearing in area.bearings:
            if bearing.indicators:
                names = ", ".join(get_indicator(i).name for i in bearing.indicators)
                lines.append(f"- {bearing.text} – *måles ved:* {names}")
            else:
                lines.append(f"- {bearing.text} – *ikke målt endnu.* {bearing.detail}".rstrip())
    return "\n".join(line for line in lines if line is not None)


def subgroup_goal_text() -> str:
    """How goals for a subgroup are compared (like with like), in Danish."""
    from metrics.goals import WHOLE_GROUP_NOTE

    return (
        "Et mål kan gælde alle borgere i målgruppen eller en navngiven delgruppe, fx unge under 30, "
        "aldersgruppen 18-24 eller målgruppen Hjemløshed (siden Mål). Status sammenligner lige med lige: "
        "vælger filtrene præcis en delgruppe med eget mål, måles tallet mod det mål. Vælger filtrene en "
        f"gruppe uden eget mål, vises ingen status, men teksten *{WHOLE_GROUP_NOTE}* – et mål for alle "
        "borgere siger ikke, hvor en delgruppe bør ligge."
    )
