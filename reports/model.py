"""The annual status report as data: built once from the engine's published results, the goals and the
story behind the curve, then drawn by the PDF and the PowerPoint renderers.

Only what the pages show enters the model: each figure's suppressed `display` text, the value of a
figure that is shown (never of a hidden one), its Wilson interval, the goal path and the status. Years
after the report's period are left out, so a report for 2025 never shows 2026.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

STATUS_ORDER = ("ikke_paa_sporet", "taet_paa", "for_faa_data", "paa_sporet")  # off-track first
NO_GOAL = "Intet mål"


@dataclass(frozen=True)
class Comment:
    """The administration's story behind an indicator's curve for the period."""

    text: str
    author: str = ""
    when: datetime | None = None


@dataclass(frozen=True)
class Annotation:
    """A comment pinned to a date on the trend chart (e.g. "ny indsats fra 1.3.2024")."""

    day: date
    text: str


@dataclass(frozen=True)
class ActionItem:
    """One initiative of the action plan (handleplan)."""

    title: str
    status: str
    area: str | None = None  # focus-area id
    indicators: tuple[str, ...] = ()
    responsible: str = ""
    start: date | None = None
    deadline: date | None = None
    note: str = ""


@dataclass
class Story:
    """The story behind the curves: comments and annotations by indicator id, and the action plan."""

    comments: dict[str, Comment] = field(default_factory=dict)
    annotations: dict[str, list[Annotation]] = field(default_factory=dict)
    actions: list[ActionItem] = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    """One year of an indicator's trend: the shown value (None when hidden) and its display text."""

    year: int
    value: float | None
    display: str
    ci_low: float | None = None
    ci_high: float | None = None


@dataclass
class IndicatorEntry:
    """One indicator in the report."""

    id: str
    name: str
    unit: str | None
    value: float | None  # None when hidden
    display: str
    reason: str  # why the figure is hidden ('' when shown)
    expected: float | None
    expected_text: str
    status: object | None  # metrics.goals.Status
    points: list[Point] = field(default_factory=list)
    goal_path: list[tuple[int, float]] = field(default_factory=list)
    comment: Comment | None = None
    annotations: list[Annotation] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)
    goal_note: str = ""  # 'Målet gælder alle borgere i målgruppen' when the filters match no goal

    @property
    def status_code(self) -> str | None:
        """The status code (`paa_sporet`, …) or None without a goal."""
        return getattr(self.status, "code", None)

    @property
    def status_text(self) -> str:
        """The status as symbol and word, with `(usikker)` when the interval covers the expected value."""
        if self.status is None:
            return self.goal_note or NO_GOAL
        text = f"{self.status.icon} {self.status.label}".strip()
        return text + (" (usikker)" if getattr(self.status, "uncertain", False) else "")


@dataclass
class AreaEntry:
    """A focus area: its indicators (off-track first), bearings not measured yet and its action items."""

    id: str
    name: str
    description: str
    indicators: list[IndicatorEntry]
    unmeasured: list[tuple[str, str]]
    actions: list[ActionItem] = field(default_factory=list)

    @property
    def on_track(self) -> int:
        """Indicators on track."""
        return sum(i.status_code == "paa_sporet" for i in self.indicators)

    @property
    def with_goal(self) -> int:
        """Indicators with a status (a goal for the period)."""
        return sum(i.status is not None for i in self.indicators)


@dataclass
class Report:
    """The whole annual status report for one strategy, period and set of filters."""

    strategy_id: str
    strategy_name: str
    strategy_title: str
    period: str
    period_label: str
    filters: list[str]  # "Aldersgruppe: 18-24", … (empty: the whole target group)
    created: date
    demo: bool
    min_n: int
    areas: list[AreaEntry]

    @property
    def heading(self) -> str:
        """`Årsstatus 2025` for a whole year, `Status 3. kvartal 2025` for a shorter period."""
        return f"{'Årsstatus' if self.period.isdigit() else 'Status'} {self.period_label}"

    @property
    def title(self) -> str:
        """`Årsstatus 2025 – Plads til alle`."""
        return f"{self.heading} – {self.strategy_name}"

    @property
    def indicators(self) -> list[IndicatorEntry]:
        """Every indicator once, in the order of first mention."""
        seen: dict[str, IndicatorEntry] = {}
        for area in self.areas:
            for ind in area.indicators:
                seen.setdefault(ind.id, ind)
        return list(seen.values())

    def summary_line(self) -> str:
        """`5 af 8 indikatorer med mål er på sporet`."""
        inds = [i for i in self.indicators if i.status is not None]
        if not inds:
            return "Ingen indikatorer har et mål for perioden"
        on = sum(i.status_code == "paa_sporet" for i in inds)
        return f"{on} af {len(inds)} indikatorer med mål er på sporet"

    def by_status(self) -> list[tuple[str, list[IndicatorEntry]]]:
        """(status text, indicators) groups, off-track first, then close, too few data, on track, no goal."""
        inds = self.indicators
        out = []
        for code in STATUS_ORDER:
            group = [i for i in inds if i.status_code == code]
            if group:
                out.append((f"{group[0].status.icon} {group[0].status.label}", group))
        no_goal = [i for i in inds if i.status is None]
        if no_goal:
            out.append((NO_GOAL, no_goal))
        return out


def status_rank(entry: IndicatorEntry) -> int:
    """Sort key: off track first, then close, too few data, on track, no goal."""
    code = entry.status_code
    return STATUS_ORDER.index(code) if code in STATUS_ORDER else len(STATUS_ORDER)


def unmeasured_text(text: str, note: str = "") -> str:
    """`Bearing text – ikke målt endnu. Note` without doubled punctuation or a repeated `Ikke målt endnu`."""
    note = note.strip()
    if note.lower().startswith("ikke målt endnu"):
        note = note[len("ikke målt endnu") :].lstrip(" .:;")
    return f"{text.rstrip(' .:;')} – ikke målt endnu." + (f" {note}" if note else "")


def period_end_year(period: str) -> int | None:
    """The last year whose whole-year figure lies inside the period (2025 for `2025`, 2024 for `2025-Q3`)."""
    from metrics.periods import parse_period

    try:
        per = parse_period(period)
    except Exception:  # noqa: BLE001 - an unreadable period has no years
        return None
    return per.end.year if (per.end.month, per.end.day) == (12, 31) else per.end.year - 1


def _points(trend: list, last_year: int | None) -> list[Point]:
    out = []
    for r in trend:
        try:
            year = int(r.period)
        except (TypeError, ValueError):
            continue
        if last_year is not None and year > last_year:
            continue
        shown = not r.suppressed
        out.append(
            Point(
                year,
                r.value if shown else None,
                r.display,
                r.ci_low if shown else None,
                r.ci_high if shown else None,
            )
        )
    return out


def build_report(
    strategy,
    period: str,
    filters: list[str],
    areas: list,
    goal_paths: dict[str, list[tuple[int, float]]],
    story: Story | None = None,
    demo: bool = False,
    min_n: int = 5,
    today: date | None = None,
) -> Report:
    """The report model from the summary's focus areas (`ui.summary.AreaSummary`), goal paths and story."""
    from ui.fmt import period_label

    story = story or Story()
    last = period_end_year(period)
    entries: list[AreaEntry] = []
    for area in areas:
        inds = []
        for line in area.lines:
            result = line.result
            shown = result is not None and not result.suppressed
            inds.append(
                IndicatorEntry(
                    id=line.id,
                    name=line.name,
                    unit=line.unit,
                    value=result.value if shown else None,
                    display=result.display if result is not None else "–",
                    reason=(result.reason or "Skjult for at beskytte borgerne.")
                    if result is not None and not shown
                    else "",
                    expected=line.expected,
                    expected_text=line.expected_text or "–",
                    status=line.status,
                    points=_points(line.trend, last),
                    goal_path=[(y, v) for y, v in goal_paths.get(line.id, []) if last is None or y <= last],
                    comment=story.comments.get(line.id),
                    annotations=[a for a in story.annotations.get(line.id, []) if last is None or a.day.year <= last],
                    actions=[a for a in story.actions if line.id in a.indicators],
                    goal_note=getattr(line, "goal_note", None) or "",
                )
            )
        inds.sort(key=status_rank)  # stable: the strategy's order within each status
        linked = {i.id for i in inds}
        area_actions = [a for a in story.actions if a.area == area.id and not linked & set(a.indicators)]
        entries.append(AreaEntry(area.id, area.name, area.description, inds, list(area.unmeasured), area_actions))
    return Report(
        strategy_id=strategy.id,
        strategy_name=strategy.name,
        strategy_title=strategy.title,
        period=period,
        period_label=period_label(period),
        filters=list(filters),
        created=today or date.today(),
        demo=demo,
        min_n=min_n,
        areas=entries,
    )
