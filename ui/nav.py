"""The page registry: every page file, its section, Danish title, icon, URL path and the role it needs."""

from __future__ import annotations

from dataclasses import dataclass

from ui.roles import Role


@dataclass(frozen=True)
class PageDef:
    """One page of the dashboard."""

    section: str
    file: str
    title: str
    icon: str
    url_path: str
    role: Role = Role.LAESER


PAGES: tuple[PageDef, ...] = (
    PageDef("Opfølgning", "pages/overview.py", "Overblik", ":material/dashboard:", "overblik"),
    PageDef("Opfølgning", "pages/focus_areas.py", "Fokusområder", ":material/target:", "fokusomraader"),
    PageDef("Opfølgning", "pages/target_groups.py", "Målgrupper og alder", ":material/groups:", "maalgrupper"),
    PageDef("Opfølgning", "pages/ladder.py", "Indsatstrappen", ":material/stairs:", "indsatstrappen"),
    PageDef(
        "Opfølgning",
        "pages/citizen_experience.py",
        "Borgeroplevelse",
        ":material/sentiment_satisfied:",
        "borgeroplevelse",
    ),
    PageDef("Opfølgning", "pages/meeting.py", "Mødevisning", ":material/co_present:", "moedevisning"),
    PageDef("Data", "pages/file_upload.py", "Upload", ":material/upload_file:", "upload", Role.ANALYTIKER),
    PageDef(
        "Data",
        "pages/import_history.py",
        "Importhistorik og datakvalitet",
        ":material/history:",
        "importhistorik",
        Role.ANALYTIKER,
    ),
    PageDef("Data", "pages/goals.py", "Mål", ":material/flag:", "maal", Role.ADMINISTRATOR),
    PageDef(
        "Data",
        "pages/admin.py",
        "Administration",
        ":material/admin_panel_settings:",
        "administration",
        Role.ADMINISTRATOR,
    ),
    PageDef("Om", "pages/about.py", "Om tallene", ":material/info:", "om-tallene"),
)

DEFAULT_URL_PATH = "overblik"


def url_of(page: PageDef) -> str:
    """The page's path in the browser: the default page (Overblik) lives at the root."""
    return "" if page.url_path == DEFAULT_URL_PATH else page.url_path


def pages_for(role: Role | None) -> tuple[PageDef, ...]:
    """The pages a person with `role` may open (none without a role)."""
    return tuple(p for p in PAGES if role is not None and role >= p.role)
