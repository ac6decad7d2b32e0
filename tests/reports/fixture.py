"""A hand-made report: two focus areas, four indicators, a comment, an annotation and action items.

Figures worked out by hand (threshold N = 5, tolerance 5 percentage points for shares):
- Andel hjemløse 2025: 40 of 200 = 20,0 %; expected 12,0 % (lower is better): 8,0 points over, more than
  the tolerance -> ✖ Ikke på sporet.
- Behandling inden 14 dage 2025: 144 of 200 = 72,0 %; expected 75,0 % (higher is better): 3,0 points
  under, within 5 -> ◐ Tæt på.
- Egen bolig efter Housing First 2025: 160 of 200 = 80,0 %; expected 75,0 % (higher) -> ✔ På sporet.
- Nye borgere 2025: 3 of 7 raw, shown only as `<5`, no goal -> Intet mål.
So 1 of 3 indicators with a goal is on track. Each trend also holds 2026 (`14,9 %`), after the
report's year, which a 2025 report must never show; hjemløse's 2023 figure is hidden (`For få data`)
though its result still carries 31,0 %, and Nye borgere's `<5` carries 3 of 43 (7,0 %): neither may appear.
"""

from __future__ import annotations

from datetime import date, datetime

from metrics.goals import evaluate_status
from metrics.types import Result
from reports.model import ActionItem, Annotation, Comment, Story, build_report
from ui.summary import AreaSummary, IndicatorLine

HIDDEN_RAW = (3, 43)  # raw figures a hidden result still carries here (3/43 = 7,0 %): never in a document
COMMENT = "Faldet skyldes færre udsættelser efter samarbejdet med boligforeningerne."
ACTION = "Fremskudt bostøtte i Boligselskabet Nord"
AREA_ACTION = "Kortlægning af ventelister"


class FakeStrategy:
    """The fields of metrics.strategies.Strategy a report reads."""

    id = "test"
    name = "Plads til alle"
    title = "Plads til alle (Testkommune, 2022-2029)"


def _share(ind: str, year: int, k: int, n: int, text: str) -> Result:
    return Result(ind, str(year), {}, k, n, k / n, text, False, ci_low=k / n - 0.05, ci_high=k / n + 0.05)


def _hidden(ind: str, year: int) -> Result:
    """A hidden figure that still carries a raw value (31,0 %): the report must not show it."""
    return Result(ind, str(year), {}, 31, 100, 0.31, "For få data", True, reason="Færre end 5 ligger bag tallet.")


def _trend(ind: str, k2025: int) -> list[Result]:
    out = [_share(ind, 2024, 120, 200, "60,0 %"), _share(ind, 2025, k2025, 200, f"{k2025 / 2:.1f} %".replace(".", ","))]
    out.append(_share(ind, 2026, 149, 1000, "14,9 %"))  # after the report's year
    return out


def lines() -> tuple[list[IndicatorLine], list[IndicatorLine]]:
    """(area A's lines, area B's lines) as the summary would give them."""
    homeless_trend = [_hidden("hjemloese_andel", 2023), *_trend("hjemloese_andel", 40)]
    homeless = IndicatorLine(
        "hjemloese_andel",
        "Andel hjemløse",
        "andel",
        "lower",
        homeless_trend[2],
        0.12,
        evaluate_status(0.20, 0.12, "lower", "andel"),
        homeless_trend,
    )
    treat_trend = _trend("behandling_inden_14_dage", 144)
    treatment = IndicatorLine(
        "behandling_inden_14_dage",
        "Behandling startet inden 14 dage",
        "andel",
        "higher",
        treat_trend[1],
        0.75,
        evaluate_status(0.72, 0.75, "higher", "andel"),
        treat_trend,
    )
    housing_trend = _trend("egen_bolig_efter_hf", 160)
    housing = IndicatorLine(
        "egen_bolig_efter_hf",
        "Egen bolig efter Housing First",
        "andel",
        "higher",
        housing_trend[1],
        0.75,
        evaluate_status(0.80, 0.75, "higher", "andel"),
        housing_trend,
    )
    new = Result("nye_borgere", "2025", {}, *HIDDEN_RAW, 3 / 43, "<5", True, reason="Tallet er mellem 1 og 4.")
    newcomers = IndicatorLine("nye_borgere", "Nye borgere", "antal", None, new, None, None, [])
    return [housing, treatment, homeless], [newcomers]


def areas() -> list[AreaSummary]:
    """Two focus areas; the first lists the on-track indicator first (the report must reorder)."""
    a, b = lines()
    return [
        AreaSummary(
            "stabile",
            "Stabile rammer",
            "Et sted at bo.",
            a,
            [("Borgere hjælpes til at blive boende sammen med boligforeninger.", "Ikke målt endnu. Kræver data.")],
        ),
        AreaSummary("nye", "Nye borgere", "", b, []),
    ]


def story() -> Story:
    """A comment on hjemløse, an annotation in 2024 and one in 2026, an indicator action and an area action."""
    return Story(
        comments={"hjemloese_andel": Comment(COMMENT, "Anna Analytiker", datetime(2026, 1, 20, 10, 0))},
        annotations={
            "hjemloese_andel": [
                Annotation(date(2024, 3, 1), "Ny indsats fra 1.3.2024"),
                Annotation(date(2026, 5, 1), "Ny plan fra maj 2026"),  # after the report's year
            ]
        },
        actions=[
            ActionItem(
                ACTION,
                "I gang",
                "stabile",
                ("hjemloese_andel",),
                "Socialcenteret",
                date(2025, 3, 1),
                date(2025, 12, 31),
                "Halvvejs",
            ),
            ActionItem(AREA_ACTION, "Planlagt", "stabile", (), "Sundhed", None, date(2025, 9, 30)),
        ],
    )


GOAL_PATHS = {
    "hjemloese_andel": [(2022, 0.17), (2025, 0.12), (2026, 0.149)],
    "behandling_inden_14_dage": [(2024, 0.70), (2025, 0.75), (2026, 0.80)],
    "egen_bolig_efter_hf": [(2024, 0.70), (2025, 0.75), (2026, 0.80)],
}


def report(demo: bool = True, filters: list[str] | None = None):
    """The report for 2025, printed 10 February 2026."""
    return build_report(FakeStrategy(), "2025", filters or [], areas(), GOAL_PATHS, story(), demo, 5, date(2026, 2, 10))
