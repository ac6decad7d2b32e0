"""The intervention catalogue: its columns and the default it ships with (DATA_CONTRACT.md)."""

from __future__ import annotations

from schemas.columns import Column, Extract, Kind

_PTA = ("Stabile rammer", "At kunne selv", "At være noget for nogen")


def _row(
    indsats: str,
    lov: str,
    trin: int,
    fokus: str,
    metode: str = "",
    behandling: bool = False,
) -> dict:
    return {
        "indsats": indsats,
        "lovgrundlag": lov,
        "trin": trin,
        "fokusområder": [fokus],
        "metode": metode,
        "behandling": behandling,
    }


DEFAULT_CATALOGUE: tuple[dict, ...] = (
    _row("Opsøgende gadeplansarbejde", "SEL §99", 1, "Stabile rammer"),
    _row("Rådgivning og vejledning", "SEL §10/§12", 1, "At kunne selv"),
    _row("Aktivitets- og samværstilbud (SEL §104)", "SEL §104", 1, "At være noget for nogen"),
    _row("Gruppeforløb", "SEL §82", 1, "At være noget for nogen"),
    _row("Brobygning til foreningsliv", "–", 1, "At være noget for nogen"),
    _row("Mentor", "LAB §31b", 2, "At kunne selv"),
    _row("Bostøtte (SEL §85)", "SEL §85", 3, "Stabile rammer"),
    _row("Housing First – CTI", "SEL §85", 3, "Stabile rammer", "Housing First – CTI"),
    _row("Housing First – ICM", "SEL §85", 3, "Stabile rammer", "Housing First – ICM"),
    _row("Housing First – ACT", "SEL §85", 4, "Stabile rammer", "Housing First – ACT"),
    _row("Skæv bolig med social vicevært", "ABL §105", 4, "Stabile rammer"),
    _row("Stofmisbrugsbehandling (SEL §101)", "SEL §101", 3, "Stabile rammer", behandling=True),
    _row("Alkoholbehandling (SUL §141)", "SUL §141", 3, "Stabile rammer", behandling=True),
    _row("Forsorgshjem (SEL §110)", "SEL §110", 5, "Stabile rammer"),
    _row("Midlertidigt botilbud (SEL §107)", "SEL §107", 5, "Stabile rammer"),
    _row("Længerevarende botilbud (SEL §108)", "SEL §108", 6, "Stabile rammer"),
)

HOUSING_FIRST_PREFIX = "Housing First"

KATALOG = Extract(
    id="katalog",
    sheet="Indsatskatalog",
    table="katalog",
    title="Indsatskatalog",
    description="Én række pr. indsatstype: lovgrundlag, trin på indsatstrappen, fokusområder, metode og behandlingsgaranti.",
    key=("indsats",),
    required_extract=False,
    columns=(
        Column("indsats", Kind.TEXT, "Indsatsens navn, som det står i udtrækkene.", required=True, unique=True),
        Column("lovgrundlag", Kind.TEXT, "Lovgrundlag, fx 'SEL §85'."),
        Column(
            "trin",
            Kind.INTEGER,
            "Trin på indsatstrappen: 1 = mindst indgribende … 6 = mest indgribende.",
            required=True,
            min_value=1,
            max_value=6,
        ),
        Column(
            "fokusområder",
            Kind.CATEGORY_LIST,
            "Fokusområde(r) i Plads til alle, adskilt af semikolon.",
            required=True,
            categories=_PTA,
        ),
        Column(
            "metode",
            Kind.TEXT,
            "Metode, fx 'Housing First – CTI'. Housing First-indsatser starter med 'Housing First'.",
        ),
        Column("behandling", Kind.YES_NO, "Behandling med 14-dages behandlingsgaranti: Ja/Nej."),
    ),
)
