"""Strategies as data: one TOML file per strategy in `strategies/`, loaded and validated here."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import settings

STRATEGIES_DIR = settings.ROOT / "strategies"

# The indicator ids of INDICATORS.md; used when the registry cannot be imported.
FALLBACK_INDICATOR_IDS: tuple[str, ...] = (
    "aktive_borgere",
    "nye_borgere",
    "andel_unge",
    "hjemloese_andel",
    "egen_bolig_efter_hf",
    "behandling_inden_14_dage",
    "sammenhaengende_overgange",
    "trappe_ned",
    "tidlig_rette_indsats",
    "unge_job_uddannelse",
    "lokale_tilbud",
    "handleplan_andel",
    "stabil_kontaktperson",
    "progression",
    "princip_ressourcer",
    "princip_oensker",
    "princip_kompetente",
    "princip_kommunikation",
    "oplevet_stabile_rammer",
    "oplevet_kan_selv",
    "oplevet_faellesskab",
    "trivsel_who5",
    "lav_trivsel",
    "ensomhed",
)

_ID = re.compile(r"^[a-z0-9_]{2,64}$")


class StrategyError(ValueError):
    """A strategy file is missing, unreadable or inconsistent; the message is Danish."""


UNMEASURED = "Ikke målt endnu"  # what every page says about a bearing without indicators


@dataclass(frozen=True)
class Bearing:
    """A bearing (pejlemærke): its text and the indicators that measure it (may be none, with a note)."""

    id: str
    text: str
    indicators: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def measured(self) -> bool:
        """True when at least one indicator measures the bearing."""
        return bool(self.indicators)

    @property
    def detail(self) -> str:
        """The note without its leading "Ikke målt endnu." (pages say that once themselves)."""
        note = self.note.strip()
        if note.lower().startswith(UNMEASURED.lower()):
            note = note[len(UNMEASURED) :].lstrip(" .")
        return note


@dataclass(frozen=True)
class FocusArea:
    """A focus area (fokusområde, principle group or strategic goal) with its bearings."""

    id: str
    name: str
    description: str
    bearings: list[Bearing] = field(default_factory=list)

    def indicator_ids(self) -> list[str]:
        """The area's indicator ids in order of first mention, without repeats."""
        return _unique(i for b in self.bearings for i in b.indicators)


@dataclass(frozen=True)
class Strategy:
    """A strategy: name, municipality, period, source document and focus areas."""

    id: str
    name: str
    municipality: str
    period: str
    description: str
    source: str
    areas: list[FocusArea] = field(default_factory=list)

    def indicator_ids(self) -> list[str]:
        """Every indicator id of the strategy in order of first mention, without repeats."""
        return _unique(i for a in self.areas for i in a.indicator_ids())

    def area(self, area_id: str) -> FocusArea:
        """Return the focus area with this id."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def bearings_for(self, indicator_id: str) -> list[tuple[FocusArea, Bearing]]:
        """The (focus area, bearing) pairs an indicator measures in this strategy."""
        return [(a, b) for a in self.areas for b in a.bearings if indicator_id in b.indicators]

    @property
    def years(self) -> tuple[int, int] | None:
        """First and last year when the period reads like `2022-2029`, else None."""
        m = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", self.period)
        return (int(m.group(1)), int(m.group(2))) if m else None

    @property
    def title(self) -> str:
        """The name with municipality and period, for headings."""
        return (
            f"{self.name} ({self.municipality}, {self.period})" if self.years else f"{self.name} ({self.municipality})"
        )


def _unique(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)


def known_indicator_ids() -> list[str]:
    """The indicator ids strategies may use: the registry's, or the documented list if it is absent."""
    try:
        from metrics.registry import INDICATORS
    except ImportError:
        return list(FALLBACK_INDICATOR_IDS)
    if isinstance(INDICATORS, dict):
        return list(INDICATORS)
    return [getattr(ind, "id", ind) for ind in INDICATORS]


def default_strategy_id() -> str:
    """The strategy shown first."""
    return "plads_til_alle"


def _text(data: dict, key: str, where: str, *, required: bool = True) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise StrategyError(f"{where}: feltet '{key}' skal være tekst.")
    if required and not value.strip():
        raise StrategyError(f"{where}: feltet '{key}' mangler eller er tomt.")
    return value.strip()


def _id(data: dict, where: str) -> str:
    value = _text(data, "id", where)
    if not _ID.match(value):
        raise StrategyError(
            f"{where}: id '{value}' er ugyldigt – brug 2-64 små bogstaver (a-z), tal og _ (fx 'stabile_rammer')."
        )
    return value


def _bearing(data: dict, where: str, known: set[str]) -> Bearing:
    bearing_id = _id(data, where)
    where = f"{where} '{bearing_id}'"
    indicators = data.get("indicators")
    if indicators is None:
        raise StrategyError(f"{where}: feltet 'indicators' mangler (skriv indicators = [] hvis intet måler det).")
    if not isinstance(indicators, list) or not all(isinstance(i, str) for i in indicators):
        raise StrategyError(f"{where}: 'indicators' skal være en liste af indikator-id'er i anførselstegn.")
    unknown = [i for i in indicators if i not in known]
    if unknown:
        raise StrategyError(
            f"{where}: ukendt indikator {', '.join(repr(u) for u in unknown)}. "
            f"Kendte indikatorer: {', '.join(sorted(known))}."
        )
    note = _text(data, "note", where, required=False)
    if not indicators and not note:
        raise StrategyError(
            f"{where}: et pejlemærke uden indikatorer skal have en 'note', der siger, hvad der mangler."
        )
    return Bearing(bearing_id, _text(data, "text", where), list(indicators), note)


def parse_strategy(data: dict, source_name: str, known: set[str] | None = None) -> Strategy:
    """Build and validate a Strategy from parsed TOML; raise StrategyError with a Danish message."""
    known = set(known_indicator_ids()) if known is None else known
    where = f"Strategifilen {source_name}"
    strategy_id = _id(data, where)
    areas_data = data.get("areas")
    if not isinstance(areas_data, list) or not areas_data:
        raise StrategyError(f"{where}: strategien skal have mindst ét fokusområde ([[areas]]).")
    areas: list[FocusArea] = []
    area_ids: set[str] = set()
    bearing_ids: set[str] = set()
    for n, area_data in enumerate(areas_data, start=1):
        area_where = f"{where}, fokusområde nr. {n}"
        area_id = _id(area_data, area_where)
        if area_id in area_ids:
            raise StrategyError(f"{where}: fokusområdet '{area_id}' findes to gange – id'er skal være unikke.")
        area_ids.add(area_id)
        area_where = f"{where}, fokusområde '{area_id}'"
        bearings: list[Bearing] = []
        for m, bearing_data in enumerate(area_data.get("bearings") or [], start=1):
            bearing = _bearing(bearing_data, f"{area_where}, pejlemærke nr. {m}", known)
            if bearing.id in bearing_ids:
                raise StrategyError(f"{where}: pejlemærket '{bearing.id}' findes to gange – id'er skal være unikke.")
            bearing_ids.add(bearing.id)
            bearings.append(bearing)
        if not bearings:
            raise StrategyError(f"{area_where}: fokusområdet skal have mindst ét pejlemærke ([[areas.bearings]]).")
        areas.append(
            FocusArea(
                area_id,
                _text(area_data, "name", area_where),
                _text(area_data, "description", area_where, required=False),
                bearings,
            )
        )
    return Strategy(
        id=strategy_id,
        name=_text(data, "name", where),
        municipality=_text(data, "municipality", where),
        period=_text(data, "period", where),
        description=_text(data, "description", where, required=False),
        source=_text(data, "source", where, required=False),
        areas=areas,
    )


def load_strategy_file(path: Path, known: set[str] | None = None) -> Strategy:
    """Load one strategy file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise StrategyError(f"Strategifilen {Path(path).name} kan ikke læses: {exc}.") from None
    except UnicodeDecodeError:
        raise StrategyError(f"Strategifilen {Path(path).name} skal være gemt som UTF-8.") from None
    return parse_strategy(data, Path(path).name, known)


def load_strategies(directory: Path | None = None) -> dict[str, Strategy]:
    """Load every `*.toml` strategy in the directory (default `strategies/`), ordered with the default first."""
    directory = Path(directory) if directory is not None else STRATEGIES_DIR
    known = set(known_indicator_ids())
    strategies: dict[str, Strategy] = {}
    origin: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        strategy = load_strategy_file(path, known)
        if strategy.id in strategies:
            raise StrategyError(
                f"Strategi-id'et '{strategy.id}' bruges i både {origin[strategy.id]} og {path.name} – id'er skal være unikke."
            )
        strategies[strategy.id] = strategy
        origin[strategy.id] = path.name
    if not strategies:
        raise StrategyError(f"Der er ingen strategifiler (*.toml) i mappen {directory}.")
    default = default_strategy_id()
    ordered = sorted(strategies.values(), key=lambda s: (s.id != default, s.municipality, s.id))
    return {s.id: s for s in ordered}


def get_strategy(strategy_id: str, directory: Path | None = None) -> Strategy:
    """Return one strategy by id; raise StrategyError in Danish when there is none."""
    strategies = load_strategies(directory)
    if strategy_id not in strategies:
        raise StrategyError(f"Strategien '{strategy_id}' findes ikke. Kendte strategier: {', '.join(strategies)}.")
    return strategies[strategy_id]
