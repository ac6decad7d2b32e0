"""The page registry: every page file, its section, Danish title, icon, URL path and the role it needs."""

from __future__ import annotations

from dataclasses import dataclass

from ui.roles import Role

# What a page's sidebar offers: the strategy selector, the period, the follow-up filters (age, target group …).
STRATEGY, PERIOD, FOLLOW_UP = "strategi", "periode", "filtre"
ALL_CONTROLS = frozenset({STRATEGY, PERIOD, FOLLOW_UP})


@dataclass(frozen=True)
class PageDef:
    """One page of the dashboard; `role` is the least role that may open it; `controls` are the sidebar controls that change what it shows."""

    section: str
    file: str
    title: str
    icon: str
    url_path: str
    role: Role = Role.LAESER
    controls: frozenset[str] = ALL_CONTROLS


PAGES: tuple[PageDef, ...] = (
    PageDef("Opfølgning", "views/overview.py", "Overblik", ":material/dashboard:", "overblik"),
    PageDef("Opfølgning", "views/focus_areas.py", "Fokusområder", ":material/target:", "fokusomraader"),
    PageDef("Opfølgning", "views/target_groups.py", "Målgrupper og alder", ":material/groups:", "maalgrupper"),
    PageDef("Opfølgning", "views/ladder.py", "Indsatstrappen", ":material/stairs:", "indsatstrappen"),
    PageDef(
        "Opfølgning",
        "views/citizen_experience.py",
        "Borgeroplevelse",
        ":material/sentiment_satisfied:",
        "borgeroplevelse",
    ),
    PageDef("Opfølgning", "views/meeting.py", "Mødevisning", ":material/co_present:", "moedevisning"),
    PageDef("Data", "views/file_upload.py", "Upload", ":material/upload_file:", "upload", Role.ANALYTIKER, frozenset()),
    PageDef(
        "Data",
        "views/import_history.py",
        "Importhistorik og datakvalitet",
        ":material/history:",
        "importhistorik",
        Role.ANALYTIKER,
        frozenset({PERIOD}),  # the data-quality notes are per period, for all citizens
    ),
    PageDef("Data", "views/goals.py", "Mål", ":material/flag:", "maal", Role.ADMINISTRATOR, frozenset({STRATEGY})),
    PageDef(
        "Data",
        "views/action_plan.py",
        "Handleplan",
        ":material/checklist:",
        "handleplan",
        controls=frozenset({STRATEGY}),
    ),
    PageDef(
        "Data",
        "views/admin.py",
        "Administration",
        ":material/admin_panel_settings:",
        "administration",
        Role.ADMINISTRATOR,
        frozenset(),
    ),
    PageDef("Om", "views/about.py", "Om tallene", ":material/info:", "om-tallene", controls=frozenset()),
)

DEFAULT_URL_PATH = "overblik"


def page_by_url_path(url_path: str) -> PageDef:
    """The page registered under a URL path (the default page for an unknown one)."""
    return next((p for p in PAGES if p.url_path == url_path), next(p for p in PAGES if p.url_path == DEFAULT_URL_PATH))


def url_of(page: PageDef) -> str:
    """The page's path in the browser: the default page (Overblik) lives at the root."""
    return "" if page.url_path == DEFAULT_URL_PATH else page.url_path


def pages_for(role: Role | None) -> tuple[PageDef, ...]:
    """The pages a person with `role` may open (none without a role)."""
    return tuple(p for p in PAGES if role is not None and role >= p.role)
