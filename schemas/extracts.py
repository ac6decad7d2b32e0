"""The one definition of every extract (DATA_CONTRACT.md); schemas, templates, tables and docs derive from it."""

from __future__ import annotations

from schemas.columns import Column, Extract, Kind

KOEN = ("Kvinde", "Mand", "Andet", "Uoplyst")
KOEN_ALIASES = (("K", "Kvinde"), ("M", "Mand"))

AFSLUTNINGSAARSAGER = (
    "Mål nået",
    "Overgang til mindre indgribende indsats",
    "Overgang til mere indgribende indsats",
    "Afbrudt af borger",
    "Fraflyttet",
    "Død",
    "Andet",
)
OVERGANG_AARSAGER = AFSLUTNINGSAARSAGER[1:3]

LEVERANDOERER = ("Egen kommune", "Anden kommune", "Region", "Privat/selvejende")

MAALGRUPPER = (
    "Alkohol",
    "Hash",
    "Stoffer",
    "Spil",
    "Sindslidelse",
    "Dobbeltdiagnose",
    "Ensomhed",
    "Hjemløshed",
    "Svære opvækstvilkår",
    "Forælder eller venter barn",
    "Kriminalitet",
    "Prostitution",
    "Vold",
)
RUSMIDLER = ("Alkohol", "Hash", "Stoffer")

BOLIG = (
    "Egen bolig",
    "Botilbud",
    "Forsorgshjem/herberg",
    "Sofasover",
    "Gade",
    "Institution/hospital/fængsel",
    "Ukendt",
)
HJEMLOES_BOLIG = ("Forsorgshjem/herberg", "Sofasover", "Gade")

BESKAEFTIGELSE = ("Job", "Uddannelse", "Ledig", "Sygemeldt", "Førtidspension", "Andet", "Ukendt")

DOMAENER = (
    "Bolig",
    "Økonomi",
    "Psykisk helbred",
    "Fysisk helbred",
    "Rusmidler",
    "Netværk og relationer",
    "Dagligdag og egenomsorg",
    "Uddannelse og beskæftigelse",
)

LIKERT_TEXT = {
    "helt uenig": 1,
    "uenig": 2,
    "hverken enig eller uenig": 3,
    "enig": 4,
    "helt enig": 5,
}
LIKERT_MISSING = ("", "ved ikke")

FOKUSOMRAADER_PTA = ("Stabile rammer", "At kunne selv", "At være noget for nogen")

# The catalogue's intervention names are configuration (stored in DuckDB, editable); this default
# list is what the demo, the template's drop-downs and the first start use.
from schemas.catalogue import DEFAULT_CATALOGUE  # noqa: E402

INDSATS_NAMES = tuple(row["indsats"] for row in DEFAULT_CATALOGUE)


def _borger_id() -> Column:
    return Column(
        "borger_id",
        Kind.ID,
        "Borgerens pseudonym fra fagsystemet (4-64 tegn: bogstaver, tal, - og _). Aldrig et CPR-nummer.",
        required=True,
    )


def _foedselsaar(required: bool) -> Column:
    return Column(
        "fødselsår",
        Kind.INTEGER,
        "Borgerens fødselsår (fx 1994). Fra 1900 til indeværende år minus 15.",
        required=required,
        min_value=1900,
        max_value_from_year=15,
    )


def _koen() -> Column:
    return Column(
        "køn",
        Kind.CATEGORY,
        "Kvinde, Mand, Andet eller Uoplyst (K og M accepteres også).",
        categories=KOEN,
        alias_map=KOEN_ALIASES,
    )


def _maalgrupper(required: bool) -> Column:
    return Column(
        "målgrupper",
        Kind.CATEGORY_LIST,
        "Borgerens målgrupper adskilt af semikolon, fx 'Alkohol; Sindslidelse'. Må være tom.",
        required=required,
        categories=MAALGRUPPER,
        blank_means="ingen målgrupper oplyst",
    )


def _indsats(required: bool) -> Column:
    return Column(
        "indsats",
        Kind.CATEGORY,
        "Indsatsens navn som i indsatskataloget, fx 'Bostøtte (SEL §85)'.",
        required=required,
        categories=INDSATS_NAMES,
    )


def _likert(name: str, text: str) -> Column:
    return Column(
        name,
        Kind.LIKERT,
        f"Udsagn: '{text}'. 1 Helt uenig … 5 Helt enig; tom eller 'Ved ikke' = ikke besvaret.",
        blank_means="ikke besvaret",
    )


INDSATSER = Extract(
    id="indsatser",
    sheet="Indsatser",
    table="indsatser",
    title="Indsatser",
    description="Én række pr. indsatsforløb for én borger. Nøgle: borger_id, indsats og startdato.",
    key=("borger_id", "indsats", "startdato"),
    columns=(
        _borger_id(),
        _foedselsaar(required=True),
        _koen(),
        _indsats(required=True),
        Column("henvisningsdato", Kind.DATE, "Dato for henvisning/anmodning. Senest på startdatoen."),
        Column(
            "startdato",
            Kind.DATE,
            "Indsatsens startdato. Fra 01.01.2000 og ikke efter uploaddatoen.",
            required=True,
            min_date="2000-01-01",
            not_after_upload=True,
        ),
        Column(
            "slutdato",
            Kind.DATE,
            "Indsatsens slutdato. Tom = igangværende. Tidligst på startdatoen, ikke efter uploaddatoen.",
            not_after_upload=True,
            blank_means="igangværende",
        ),
        Column(
            "afslutningsårsag",
            Kind.CATEGORY,
            "Hvorfor indsatsen sluttede. Skal udfyldes, når slutdato er udfyldt.",
            categories=AFSLUTNINGSAARSAGER,
            applies_when="slutdato",
        ),
        Column("leverandør", Kind.CATEGORY, "Hvem leverer indsatsen.", categories=LEVERANDOERER),
        _maalgrupper(required=True),
        Column("bolig_start", Kind.CATEGORY, "Boligsituation ved start.", categories=BOLIG),
        Column("bolig_slut", Kind.CATEGORY, "Boligsituation ved slut.", categories=BOLIG, applies_when="slutdato"),
        Column("beskæftigelse_start", Kind.CATEGORY, "Beskæftigelse ved start.", categories=BESKAEFTIGELSE),
        Column(
            "beskæftigelse_slut",
            Kind.CATEGORY,
            "Beskæftigelse ved slut.",
            categories=BESKAEFTIGELSE,
            applies_when="slutdato",
        ),
        Column(
            "skift_kontaktperson",
            Kind.INTEGER,
            "Antal skift af kontaktperson i forløbet (0 eller flere).",
            min_value=0,
        ),
        Column("handleplan", Kind.YES_NO, "Der findes en skriftlig handleplan med mål (SEL §141): Ja/Nej."),
    ),
    row_rules=(
        "henvisningsdato må ikke ligge efter startdato",
        "slutdato må ikke ligge før startdato",
        "afslutningsårsag skal udfyldes, når slutdato er udfyldt",
        "en borger_id har ét fødselsår og ét køn",
        "nøglen (borger_id, indsats, startdato) må kun forekomme én gang i filen",
    ),
)

PROGRESSION = Extract(
    id="progression",
    sheet="Progression",
    table="progression",
    title="Progression",
    description="Én række pr. måling. Nøgle: borger_id, måledato og domæne.",
    key=("borger_id", "måledato", "domæne"),
    required_extract=False,
    columns=(
        _borger_id(),
        Column(
            "måledato", Kind.DATE, "Dato for målingen. Ikke efter uploaddatoen.", required=True, not_after_upload=True
        ),
        Column("domæne", Kind.CATEGORY, "Livsdomænet der måles på.", required=True, categories=DOMAENER),
        Column(
            "score",
            Kind.INTEGER,
            "Score fra 1 (meget vanskeligt) til 10 (klarer sig selv).",
            required=True,
            min_value=1,
            max_value=10,
        ),
    ),
    row_rules=("nøglen (borger_id, måledato, domæne) må kun forekomme én gang i filen",),
)

BORGEROPLEVELSE = Extract(
    id="borgeroplevelse",
    sheet="Borgeroplevelse",
    table="borgeroplevelse",
    title="Borgeroplevelse",
    description="Én række pr. besvarelse af borgeroplevelsesundersøgelsen. Nøgle: besvarelse_id.",
    key=("besvarelse_id",),
    required_extract=False,
    columns=(
        Column(
            "besvarelse_id",
            Kind.ID,
            "Besvarelsens unikke id (4-64 tegn: bogstaver, tal, - og _).",
            required=True,
            unique=True,
        ),
        Column("dato", Kind.DATE, "Dato for besvarelsen.", required=True, not_after_upload=True),
        _foedselsaar(required=False),
        _koen(),
        _maalgrupper(required=False),
        _indsats(required=False),
        _likert("p_ressourcer", "Der tages udgangspunkt i mine ressourcer"),
        _likert("p_ønsker", "Der tages udgangspunkt i mine ønsker og håb"),
        _likert("p_kompetente", "Medarbejderne er dygtige og ambitiøse på mine vegne"),
        _likert("p_kommunikation", "Jeg får tydelig besked og er med i beslutningerne"),
        _likert("stabile_rammer", "Jeg har stabile rammer om mit liv"),
        _likert("kan_selv", "Jeg bestemmer selv over mit eget liv"),
        _likert("noget_for_nogen", "Jeg er en del af et fællesskab, hvor jeg betyder noget"),
        *(
            Column(f"who5_{i}", Kind.INTEGER, f"WHO-5 trivselsindeks, spørgsmål {i} (0-5).", min_value=0, max_value=5)
            for i in range(1, 6)
        ),
        *(
            Column(
                f"ensom_{i}",
                Kind.INTEGER,
                f"Ensomhedsskala (tre spørgsmål), spørgsmål {i}: 1 næsten aldrig, 2 en gang imellem, 3 ofte.",
                min_value=1,
                max_value=3,
            )
            for i in range(1, 4)
        ),
    ),
    row_rules=("besvarelse_id må kun forekomme én gang",),
)

EXTRACTS: dict[str, Extract] = {e.id: e for e in (INDSATSER, PROGRESSION, BORGEROPLEVELSE)}


def get_extract(extract_id: str) -> Extract:
    """Return the extract with this id (`indsatser`, `progression`, `borgeroplevelse`)."""
    return EXTRACTS[extract_id.lower()]
