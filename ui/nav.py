"""The page registry: every page file, its section, Danish title, icon and URL path."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageDef:
    """One page of the dashboard."""

    section: str
    file: str
    title: str
    icon: str
    url_path: str


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
    PageDef("Data", "views/file_upload.py", "Upload", ":material/upload_file:", "upload"),
    PageDef(
        "Data", "views/import_history.py", "Importhistorik og datakvalitet", ":material/history:", "importhistorik"
    ),
    PageDef("Data", "views/goals.py", "Mål", ":material/flag:", "maal"),
    PageDef("Data", "views/action_plan.py", "Handleplan", ":material/checklist:", "handleplan"),
    PageDef("Om", "views/about.py", "Om tallene", ":material/info:", "om-tallene"),
)

DEFAULT_URL_PATH = "overblik"


def url_of(page: PageDef) -> str:
    """The page's path in the browser: the default page (Overblik) lives at the root."""
    return "" if page.url_path == DEFAULT_URL_PATH else page.url_path
