"""The one definition of the action plan (handleplan): its columns and statuses.

The Excel template (drop-downs and the `Vejledning` sheet), the import validation, the export and
`docs/handleplan.md` are generated from `ACTION_COLUMNS`; add or change a column here only.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    PlanColumn("deadline", "Frist", Kind.DATE, "Hvornår handlingen skal være gennemført (ikke før start).", required=True),
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
