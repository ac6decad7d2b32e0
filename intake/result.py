"""The outcome of an import attempt: status, counts, warnings and every error found."""

from __future__ import annotations

from dataclasses import dataclass, field

from textsafe import safe, safe_message


@dataclass(frozen=True)
class ImportIssue:
    """One problem in an uploaded file, located as the analyst sees it in Excel."""

    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __post_init__(self) -> None:
        # Everything an issue holds is shown to a person: it passes the one text gate on the way in.
        if self.sheet is not None:
            object.__setattr__(self, "sheet", safe(self.sheet, 60))
        if self.column is not None:
            object.__setattr__(self, "column", safe(self.column, 120))
        if self.value is not None:
            object.__setattr__(self, "value", safe(self.value))
        object.__setattr__(self, "message", safe_message(self.message))

    def to_json(self) -> dict:
        """Return the issue as a JSON-ready dict."""
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class Refused(Exception):
    """The file is refused outright (unreadable, unsafe, wrong shape); carries the issues to report."""

    def __init__(
        self,
        message: str,
        issues: list[ImportIssue] | None = None,
        sheet: str | None = None,
        before: list[ImportIssue] | None = None,
    ) -> None:
        message = safe_message(message)
        super().__init__(message)
        self.message = message
        self.issues = [*(before or []), *(issues or [ImportIssue(sheet, None, None, None, message)])]
        self.extract: str | None = None


@dataclass
class ImportResult:
    """What an import did (or would do, for a preview)."""

    status: str  # "imported" | "unchanged" | "refused" | "preview"
    extract: str | None = None
    batch: int | None = None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[ImportIssue] = field(default_factory=list)
    sha256: str | None = None
    sheet: str | None = None
    changes: object | None = None  # a preview's store.preview.ChangePreview (samples, affected years)

    def to_json(self) -> dict:
        """Return the result in the documented JSON shape."""
        return {
            "status": self.status,
            "extract": self.extract,
            "batch": self.batch,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "warnings": [safe_message(w) for w in self.warnings],
            "errors": [e.to_json() for e in self.errors],
        }
