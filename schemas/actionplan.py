"""The one definition of the action plan (handleplan): its columns and statuses.

The Excel template (drop-downs and the `Vejledning` sheet), the import validation, the export and
`docs/handleplan.md` are generated from `ACTION_COLUMNS`; add or change a column here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schemas.columns import KIND_LABELS_DA, Kind

SHEET = "Handleplan"
GUIDE_SHEET = "Vejledning"

STATUSES: tuple[str, ...] = ("Planlagt", "I gang", "Gennemført", "Udskudt", "Opgivet")

# Where a column's allowed values come from: fixed statuses, or the strategy's focus areas / indicators.
FOCUS_AREAS = "focus_areas"
INDICATORS = "indicators"


@dataclass(frozen=True)
class PlanColumn:
    """One column of the action plan: field name, Danish header, kind, rules and Danish help text."""

    field: str  # the ActionItem field (and DuckDB column) it fills
    header: str  # Danish header in the workbook and on the page
    kind: Kind
    description: str  # Danish, shown in the template's guide sheet, on the page and in the docs
    required: bool = False
    categories: tuple[str, ...] = ()
    categories_from: str | None = None  # FOCUS_AREAS or INDICATORS: values depend on the strategy
    max_length: int | None = None

    @property
    def kind_da(self) -> str:
        """The column's kind in Danish (from the extract vocabulary)."""
        return KIND_LABELS_DA[self.kind]


ACTION_COLUMNS: tuple[PlanColumn, ...] = (
    PlanColumn(
        "id",
        "Nr.",
        Kind.INTEGER,
        "Handlingens nummer i Pejling. Tom celle = ny handling; en udfyldt celle retter den handling.",
    ),
    PlanColumn("year", "År", Kind.INTEGER, "Handleplanens år, fx 2025.", required=True),
    PlanColumn(
        "title",
        "Handling",
        Kind.TEXT,
        "Hvad der gøres, kort (fx 'Ny bostøtte til unge hjemløse').",
        required=True,
        max_length=200,
    ),
    PlanColumn(
        "focus_area",
        "Fokusområde",
        Kind.CATEGORY,
        "Det fokusområde handlingen hører til (navn eller id fra strategien).",
        required=True,
        categories_from=FOCUS_AREAS,
    ),
    PlanColumn(
        "indicators",
        "Indikatorer",
        Kind.CATEGORY_LIST,
        "En eller flere indikatorer handlingen skal flytte, adskilt af ; (id'er fra arket Vejledning).",
        required=True,
        categories_from=INDICATORS,
    ),
    PlanColumn(
        "responsible",
        "Ansvarlig enhed",
        Kind.TEXT,
        "Den enhed der har ansvaret (fx 'Socialcenter Vest').",
        required=True,
        max_length=120,
    ),
    PlanColumn("start", "Start", Kind.DATE, "Første dag handlingen er i gang.", required=True),
    PlanColumn(
        "deadline", "Frist", Kind.DATE, "Hvornår handlingen skal være gennemført (ikke før start).", required=True
    ),
    PlanColumn(
        "status",
        "Status",
        Kind.CATEGORY,
        "Hvor langt handlingen er: " + ", ".join(STATUSES) + ".",
        required=True,
        categories=STATUSES,
    ),
    PlanColumn(
        "status_note",
        "Statusnote",
        Kind.TEXT,
        "Kort note om status (hvad er nået, hvad venter, hvorfor udskudt).",
        max_length=1000,
    ),
)

ROW_RULES: tuple[str, ...] = (
    "Frist må ikke ligge før start.",
    "Indikatorerne skal høre til strategien.",
    "Et udfyldt Nr. skal være en handling i samme strategi.",
)


def column(field: str) -> PlanColumn:
    """The column that fills an ActionItem field."""
    for col in ACTION_COLUMNS:
        if col.field == field:
            return col
    raise KeyError(field)


def headers() -> list[str]:
    """The Danish headers in order."""
    return [c.header for c in ACTION_COLUMNS]


DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "handleplan.md"


def _allowed(col: PlanColumn) -> str:
    if col.categories:
        return ", ".join(f"`{c}`" for c in col.categories)
    if col.categories_from == FOCUS_AREAS:
        return "strategiens fokusområder (navn eller id)"
    if col.categories_from == INDICATORS:
        return "strategiens indikatorer (id eller navn), adskilt af `;`"
    return ""


def markdown() -> str:
    """The action plan's column documentation (docs/handleplan.md), generated from ACTION_COLUMNS."""
    lines = [
        "# Handleplan: kolonner",
        "",
        "Genereret fra `schemas/actionplan.py` (`python -m schemas.actionplan`); ret kun dér.",
        "",
        f"Arket hedder `{SHEET}`; skabelonen har også arket `{GUIDE_SHEET}` med strategiens indikatorer og "
        "fokusområder. Én række pr. handling. En række uden Nr. opretter en ny handling; en række med Nr. "
        "retter den handling. Handlinger, der ikke står i filen, bliver stående. Filen indlæses helt eller "
        "slet ikke: én fejl afviser hele filen, og intet gemmes.",
        "",
        "| kolonne | type | påkrævet | tilladte værdier | beskrivelse |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in ACTION_COLUMNS:
        limit = f" Højst {c.max_length} tegn." if c.max_length else ""
        lines.append(
            f"| `{c.header}` | {c.kind_da} | {'ja' if c.required else 'nej'} | {_allowed(c)} | {c.description}{limit} |"
        )
    lines += ["", "Regler på tværs af kolonner:", ""]
    lines += [f"- {r}" for r in ROW_RULES]
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    DOC_PATH.write_text(markdown(), encoding="utf-8")
