"""Danish descriptions of columns shared by the template's Vejledning sheet and the generated docs."""

from __future__ import annotations

from schemas.columns import KIND_LABELS_DA, Column, Kind
from schemas.extracts import LIKERT_TEXT


def allowed_values(column: Column, catalogue: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The values a column accepts, as listed for analysts (categories, yes/no, Likert texts)."""
    if column.kind in (Kind.CATEGORY, Kind.CATEGORY_LIST):
        if column.name == "indsats" and catalogue is not None:
            return catalogue
        return column.categories
    if column.kind == Kind.YES_NO:
        return ("Ja", "Nej")
    if column.kind == Kind.LIKERT:
        return tuple(str(i) for i in range(1, 6)) + tuple(t.capitalize() for t in LIKERT_TEXT) + ("Ved ikke",)
    return ()


def rule_text(column: Column) -> str:
    """The column's range and format rules in Danish ('' when none)."""
    parts = []
    if column.kind == Kind.INTEGER:
        high = f"indeværende år − {column.max_value_from_year}" if column.max_value_from_year else column.max_value
        if column.min_value is not None and high is not None:
            parts.append(f"fra {column.min_value} til {high}")
        elif column.min_value is not None:
            parts.append(f"mindst {column.min_value}")
    if column.min_date:
        y, m, d = column.min_date.split("-")
        parts.append(f"tidligst {d}.{m}.{y}")
    if column.not_after_upload:
        parts.append("ikke efter uploaddatoen")
    if column.alias_map:
        parts.append("også " + ", ".join(f"{a} = {t}" for a, t in column.alias_map))
    if column.unique:
        parts.append("unik")
    return "; ".join(parts)


def kind_label(column: Column) -> str:
    """The column type in Danish."""
    return KIND_LABELS_DA[column.kind]


def required_label(column: Column) -> str:
    """'Ja' / 'Nej' / 'Ja (må være tom)' for whether the column must be present and filled."""
    if column.required and column.kind == Kind.CATEGORY_LIST:
        return "Ja (må være tom)"
    return "Ja" if column.required else "Nej"
