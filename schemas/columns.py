"""Declaration types for extract columns: the one vocabulary every extract is written in."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """The value kinds a column can hold; each maps to one DuckDB type and one parser."""

    TEXT = "text"
    ID = "id"  # pseudonym: 4-64 letters, digits, '-', '_'
    INTEGER = "integer"
    DATE = "date"
    CATEGORY = "category"
    CATEGORY_LIST = "category_list"  # ';'-separated categories
    YES_NO = "yes_no"
    LIKERT = "likert"  # 1-5, or the Danish text of the scale


SQL_TYPES: dict[Kind, str] = {
    Kind.TEXT: "VARCHAR",
    Kind.ID: "VARCHAR",
    Kind.INTEGER: "INTEGER",
    Kind.DATE: "DATE",
    Kind.CATEGORY: "VARCHAR",
    Kind.CATEGORY_LIST: "VARCHAR[]",
    Kind.YES_NO: "BOOLEAN",
    Kind.LIKERT: "TINYINT",
}

KIND_LABELS_DA: dict[Kind, str] = {
    Kind.TEXT: "Tekst",
    Kind.ID: "Pseudonym (4-64 tegn: bogstaver, tal, - og _)",
    Kind.INTEGER: "Heltal",
    Kind.DATE: "Dato (fx 23.11.2026 eller 2026-11-23)",
    Kind.CATEGORY: "Kategori (vælg fra listen)",
    Kind.CATEGORY_LIST: "Liste af kategorier adskilt af ;",
    Kind.YES_NO: "Ja/Nej",
    Kind.LIKERT: "1-5 eller tekst (Helt uenig … Helt enig); tom eller 'Ved ikke' = ikke besvaret",
}


def ascii_name(name: str) -> str:
    """Return the ASCII identifier for a Danish column name (æ→ae, ø→oe, å→aa)."""
    out = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    out = unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "_" for ch in out).strip("_")


def normalize_header(text: object) -> str:
    """Normalise a header so that `Fødselsår`, `foedselsaar` and `FØDSELS ÅR` compare equal."""
    s = str(text or "").strip().lower()
    s = s.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return "".join(ch for ch in s if ch.isalnum())


@dataclass(frozen=True)
class Column:
    """One column of an extract: contract name, type, rules and Danish help text."""

    name: str  # the contract's name, e.g. "fødselsår"
    kind: Kind
    description: str  # Danish, shown in templates and docs
    required: bool = False
    categories: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # accepted short forms, e.g. ("K", "M") → mapped by `alias_map`
    alias_map: tuple[tuple[str, str], ...] = ()
    min_value: int | None = None
    max_value: int | None = None
    max_value_from_year: int | None = None  # max = current year - this (fødselsår)
    min_date: str | None = None  # ISO date
    not_after_upload: bool = False
    unique: bool = False
    # What an empty cell means by the contract (Danish, e.g. "igangværende"): then empty is not a data-quality problem.
    blank_means: str | None = None
    # The contract column that must be filled for this one to apply (e.g. "slutdato" for afslutningsårsag).
    applies_when: str | None = None

    @property
    def sql(self) -> str:
        """The column's identifier in DuckDB."""
        return ascii_name(self.name)

    @property
    def sql_type(self) -> str:
        """The column's DuckDB type."""
        return SQL_TYPES[self.kind]

    @property
    def header(self) -> str:
        """The header written in templates (the contract name)."""
        return self.name


@dataclass(frozen=True)
class Extract:
    """An extract analysts upload: its sheet name, columns and natural key."""

    id: str  # "indsatser"
    sheet: str  # "Indsatser"
    table: str  # DuckDB table
    title: str  # Danish title
    description: str  # Danish description of the grain
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # contract names of the natural key
    required_extract: bool = True
    row_rules: tuple[str, ...] = field(default_factory=tuple)  # Danish text of cross-column rules

    def column(self, name: str) -> Column:
        """Return the column with this contract name."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required_columns(self) -> tuple[Column, ...]:
        """Columns that must be present in the file."""
        return tuple(c for c in self.columns if c.required)

    @property
    def key_sql(self) -> tuple[str, ...]:
        """SQL identifiers of the natural key."""
        return tuple(self.column(k).sql for k in self.key)
