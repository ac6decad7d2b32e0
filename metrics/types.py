"""Result types shared by the metric engine, the pages and the command line."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Period:
    """A closed date range with the label users see (`2025`, `2025-Q3`, `2025-01-01..2025-06-30`)."""

    start: date
    end: date
    label: str


@dataclass
class Result:
    """One figure of one indicator for one period and one group, already passed through suppression.

    When `suppressed` is true, `value`, `numerator` and `denominator` are None and `display` holds
    what a user may see (`<5`, `over 90 %`, `For få data`), with `reason` explaining why in Danish.
    """

    indicator: str
    period: str
    group: dict[str, str]
    numerator: int | None
    denominator: int | None
    value: float | None
    display: str
    suppressed: bool
    reason: str | None = None
    ci_low: float | None = None  # Wilson 95 % interval for shares; None when suppressed or not a share
    ci_high: float | None = None
    extra: dict = field(default_factory=dict)  # secondary figures, e.g. {"median_ventetid": 9.0}
    multi_membership: bool = False  # a breakdown in which one citizen can count in several groups

    def to_json(self) -> dict:
        """The CLI's JSON shape (issue #3)."""
        return {
            "indicator": self.indicator,
            "period": self.period,
            "group": dict(self.group),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "display": self.display,
            "suppressed": self.suppressed,
        }

    def as_dict(self) -> dict:
        """All fields as a dict."""
        return asdict(self)
