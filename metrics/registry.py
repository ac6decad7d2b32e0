"""The indicator registry: one declaration per indicator of INDICATORS.md (id, Danish name and
description, unit, direction, source extract) and the unit query the engine aggregates in DuckDB."""

from __future__ import annotations

from dataclasses import dataclass, field

from metrics.sql import episodes as ep
from metrics.sql import progression as pr
from metrics.sql import survey as sv

# Filter notes added to every description, per family.
_EP_FILTERS = (
    " Filtre: alder, køn og målgruppe afgrænser borgerne; fokusområde, indsatstype og leverandør afgrænser "
    "de forløb, der indgår."
)
_CIT_FILTERS = (
    " Filtre: alder, køn og målgruppe afgrænser borgerne; fokusområde, indsatstype og leverandør tæller "
    "borgere med mindst ét aktivt forløb af den slags, og en opdeling på dem tæller borgeren under hver "
    "af sine aktive forløbs værdier."
)
_GROUPS = (
    " Målgruppe: en borger hører til de målgrupper, der er angivet på borgerens aktive forløb i perioden; "
    "desuden Dobbeltdiagnose ved Sindslidelse sammen med Alkohol, Hash eller Stoffer, og Hjemløshed ved en "
    "hjemløs boligsituation (Forsorgshjem/herberg, Sofasover, Gade) ved start eller slut af et aktivt forløb "
    "eller som seneste kendte boligsituation på eller før periodens sidste dag. En borger kan være i flere "
    "målgrupper, så en opdeling på målgruppe summerer ikke til totalen."
)
_SURVEY = (
    " Kilde: udtrækket Borgeroplevelse, besvarelser dateret i perioden. Besvarelser med et fødselsår uden "
    "for målgruppens alder udelades; opdelinger bruger besvarelsens egne oplysninger (fødselsår, køn, "
    "målgrupper, indsats; fokusområdet er indsatsens i kataloget), og besvarelser uden dem vises som 'Uoplyst'. "
    "Besvarelser har ingen leverandør: et filter på leverandør udelader dem, og en opdeling viser dem som 'Uoplyst'."
)
_RANGE = " Kun borgere fra 16 år til folkepensionsalderen (alder = periodens slutår − fødselsår)."


@dataclass(frozen=True)
class Indicator:
    """One indicator: what users see (Danish) and how the engine computes it."""

    id: str
    name: str
    description: str
    unit: str  # 'andel' | 'antal' | 'gennemsnit' | 'dage'
    direction: str | None  # 'higher' | 'lower' | None
    source: str  # extract id
    level: str  # unit of counting: 'citizen' | 'episode' | 'answer'
    unit_sql: str  # one row per counted unit (see metrics.sql.episodes)
    needs: tuple[str, ...] = field(default_factory=tuple)  # extra CTEs (episodes/progression EXTRA_CTES)
    extras: tuple[str, ...] = field(default_factory=tuple)  # secondary figures, e.g. median_ventetid
    noise_step: float = 1.0  # a mean's score step: the unit in which perturbation moves the sum behind it

    @property
    def kind(self) -> str:
        """How the figure aggregates: 'count', 'share' or 'mean'."""
        return {"andel": "share", "antal": "count"}.get(self.unit, "mean")


def _episode(id_, name, description, direction, unit_sql, level="episode", unit="andel", needs=(), extras=()):
    filters = (_CIT_FILTERS if level == "citizen" else _EP_FILTERS) + _GROUPS
    return Indicator(
        id_,
        name,
        description + _RANGE + " Kilde: udtrækket Indsatser og indsatskataloget." + filters,
        unit,
        direction,
        "indsatser",
        level,
        unit_sql,
        tuple(needs),
        tuple(extras),
    )


def _likert(id_, name, column, statement):
    return Indicator(
        id_,
        name,
        f"Andel enige (svar 4 'Enig' eller 5 'Helt enig') i udsagnet '{statement}' blandt besvarelser, der har "
        "svaret på udsagnet (tom og 'Ved ikke' tæller ikke med)." + _SURVEY,
        "andel",
        "higher",
        "borgeroplevelse",
        "answer",
        sv.agree(column),
    )


_LIST: tuple[Indicator, ...] = (
    _episode(
        "aktive_borgere",
        "Borgere i målgruppen",
        "Antal borgere med mindst ét aktivt forløb i perioden (start senest på periodens sidste dag og "
        "ingen slutdato eller slut tidligst på periodens første dag).",
        None,
        ep.AKTIVE,
        level="citizen",
        unit="antal",
    ),
    _episode(
        "nye_borgere",
        "Nye borgere",
        "Antal aktive borgere, hvis tidligste forløb i alle data starter i perioden.",
        None,
        ep.NYE,
        level="citizen",
        unit="antal",
        needs=("hist_new", "pop_hist"),
    ),
    _episode(
        "andel_unge",
        "Andel under 30 år",
        "Andel af de aktive borgere, der er under 30 år.",
        None,
        ep.ANDEL_UNGE,
        level="citizen",
    ),
    _episode(
        "hjemloese_andel",
        "Andel hjemløse",
        "Blandt aktive borgere med en kendt boligsituation: andelen, hvis seneste kendte boligsituation på eller "
        "før periodens sidste dag er hjemløs (Forsorgshjem/herberg, Sofasover eller Gade). Observationer er "
        "(startdato, bolig ved start) og (slutdato, bolig ved slut) for alle borgerens forløb; 'Ukendt' og tom "
        "tæller ikke; falder to observationer på samme dato, vinder hjemløs.",
        "lower",
        ep.HJEMLOESE,
        level="citizen",
        needs=("hist_housing", "pop_hist"),
    ),
    _episode(
        "egen_bolig_efter_hf",
        "Egen bolig efter Housing First",
        "Blandt Housing First-forløb (metode i indsatskataloget) med slut i perioden og kendt bolig ved slut "
        "(ikke 'Ukendt'): andelen, der slutter i egen bolig.",
        "higher",
        ep.EGEN_BOLIG_HF,
    ),
    _episode(
        "behandling_inden_14_dage",
        "Behandling startet inden 14 dage",
        "Blandt behandlingsforløb (behandlingsgaranti i indsatskataloget) med start i perioden og udfyldt "
        "henvisningsdato: andelen, hvor startdato − henvisningsdato er højst 14 dage. Medianventetiden i dage "
        "vises også (skjules, når færre end N forløb ligger bag).",
        "higher",
        ep.BEHANDLING_14,
        extras=("median_ventetid",),
    ),
    _episode(
        "sammenhaengende_overgange",
        "Sammenhængende overgange",
        "Overgange er forløb med slut i perioden og afslutningsårsag 'Overgang til mindre indgribende indsats' "
        "eller 'Overgang til mere indgribende indsats'. En overgang er sammenhængende, når samme borger har et "
        "andet forløb, der starter efter det afsluttede forløbs startdato, højst 14 dage efter dets slutdato og "
        "højst 90 dage før den. Andel sammenhængende. Filtre på forløb gælder det afsluttede forløb; det næste "
        "forløb kan være af enhver type.",
        "higher",
        ep.OVERGANGE,
        needs=("trans", "transitions"),
    ),
    _episode(
        "trappe_ned",
        "Bevægelse ned ad indsatstrappen",
        "Blandt sammenhængende overgange: andelen, hvor det næste forløb (det tidligst startende i vinduet; ved "
        "samme startdato det laveste trin) ligger på et lavere trin på indsatstrappen end det afsluttede. "
        "Overgange, hvor et af trinene er ukendt (indsats ikke i kataloget), indgår ikke.",
        "higher",
        ep.TRAPPE_NED,
        needs=("trans", "transitions"),
    ),
    _episode(
        "tidlig_rette_indsats",
        "Første indsats på lavt trin",
        "Blandt nye borgere (tidligste forløb i alle data starter i perioden): andelen, hvis første forløb "
        "(tidligste startdato; ved samme dato det laveste trin) ligger på trin 1-3. Borgere, hvis første "
        "forløbs trin er ukendt, indgår ikke.",
        "higher",
        ep.TIDLIG,
        level="citizen",
        needs=("hist_new", "pop_hist"),
    ),
    _episode(
        "unge_job_uddannelse",
        "Unge i job eller uddannelse",
        "Blandt forløb med slut i perioden for borgere under 30 år og med kendt beskæftigelse ved slut (ikke "
        "'Ukendt'): andelen i job eller uddannelse.",
        "higher",
        ep.UNGE_JOB,
    ),
    _episode(
        "lokale_tilbud",
        "Lokale tilbud",
        "Blandt aktive forløb med kendt leverandør: andelen leveret af egen kommune. Tæller forløb, ikke borgere.",
        "higher",
        ep.LOKALE,
    ),
    _episode(
        "handleplan_andel",
        "Borgere med handleplan",
        "Blandt aktive forløb på trin 3 eller højere på indsatstrappen med handleplan udfyldt (Ja/Nej): andelen "
        "med en handleplan (Ja). Tæller forløb, ikke borgere.",
        "higher",
        ep.HANDLEPLAN,
    ),
    _episode(
        "stabil_kontaktperson",
        "Stabil kontaktperson",
        "Blandt forløb med slut i perioden og udfyldt antal skift af kontaktperson: andelen med højst ét skift. "
        "Tæller forløb, ikke borgere.",
        "higher",
        ep.STABIL,
    ),
    Indicator(
        "progression",
        "Borgere i fremgang",
        "For hver borger og hvert livsdomæne sammenlignes den første måling nogensinde med den seneste måling på "
        "eller før periodens sidste dag, når de ligger mindst 90 dage fra hinanden. En aktiv borger tæller med, "
        "når mindst ét domæne opfylder det, og borgerens seneste måling (alle domæner) på eller før periodens "
        "sidste dag ligger i perioden; borgerens ændring er gennemsnittet over de domæner, der opfylder det, af "
        "(seneste − første). Andel af de talte borgere med en ændring på mindst 1,0 point."
        + _RANGE
        + " Kilde: udtrækkene Progression og Indsatser."
        + _CIT_FILTERS
        + _GROUPS,
        "andel",
        "higher",
        "progression",
        "citizen",
        pr.PROGRESSION,
        ("prog_dom", "prog_cit", "pop_prog"),
    ),
    _likert(
        "princip_ressourcer",
        "Udgangspunkt i borgerens ressourcer",
        "p_ressourcer",
        "Der tages udgangspunkt i mine ressourcer",
    ),
    _likert(
        "princip_oensker",
        "Udgangspunkt i borgerens ønsker og håb",
        "p_oensker",
        "Der tages udgangspunkt i mine ønsker og håb",
    ),
    _likert(
        "princip_kompetente",
        "Kompetente og ambitiøse medarbejdere",
        "p_kompetente",
        "Medarbejderne er dygtige og ambitiøse på mine vegne",
    ),
    _likert(
        "princip_kommunikation",
        "Tydelig kommunikation og dialog",
        "p_kommunikation",
        "Jeg får tydelig besked og er med i beslutningerne",
    ),
    _likert("oplevet_stabile_rammer", "Oplevede stabile rammer", "stabile_rammer", "Jeg har stabile rammer om mit liv"),
    _likert("oplevet_kan_selv", "Oplevet selvbestemmelse", "kan_selv", "Jeg bestemmer selv over mit eget liv"),
    _likert(
        "oplevet_faellesskab",
        "Oplevet fællesskab",
        "noget_for_nogen",
        "Jeg er en del af et fællesskab, hvor jeg betyder noget",
    ),
    Indicator(
        "trivsel_who5",
        "Trivsel (WHO-5)",
        "Gennemsnitlig WHO-5-trivselsscore (0-100 = 4 × summen af de fem spørgsmål) blandt besvarelser, der har "
        "svaret på alle fem spørgsmål. Skjules, når færre end N besvarelser ligger bag. Summen bag gennemsnittet "
        "justeres med højst ±3 × 4 point (ét trin på skalaen pr. justering), så ingen enkelt besvarelse kan regnes "
        "ud ved at sammenligne gennemsnit." + _SURVEY,
        "gennemsnit",
        "higher",
        "borgeroplevelse",
        "answer",
        sv.WHO5_MEAN,
        noise_step=4.0,
    ),
    Indicator(
        "lav_trivsel",
        "Lav trivsel",
        "Blandt besvarelser med alle fem WHO-5-spørgsmål: andelen med en score på 50 eller derunder." + _SURVEY,
        "andel",
        "lower",
        "borgeroplevelse",
        "answer",
        sv.LAV_TRIVSEL,
    ),
    Indicator(
        "ensomhed",
        "Alvorlig ensomhed",
        "Blandt besvarelser med alle tre spørgsmål på ensomhedsskalaen (1-3): andelen med en sum på 7 eller mere."
        + _SURVEY,
        "andel",
        "lower",
        "borgeroplevelse",
        "answer",
        sv.ENSOMHED,
    ),
)

INDICATORS: dict[str, Indicator] = {ind.id: ind for ind in _LIST}


class UnknownIndicator(KeyError, ValueError):
    """An indicator id that is not in the registry (message in Danish)."""

    def __str__(self) -> str:
        return str(self.args[0])


def get_indicator(indicator_id: str) -> Indicator:
    """Return the indicator with this id; UnknownIndicator (a KeyError and ValueError) when unknown."""
    try:
        return INDICATORS[indicator_id]
    except KeyError:
        raise UnknownIndicator(
            f"Ukendt indikator '{indicator_id}'. Kendte indikatorer: {', '.join(INDICATORS)}."
        ) from None
