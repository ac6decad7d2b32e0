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
    PageDef("Opfølgning", "pages/overblik.py", "Overblik", ":material/dashboard:", "overblik"),
    PageDef("Opfølgning", "pages/fokusomraader.py", "Fokusområder", ":material/target:", "fokusomraader"),
    PageDef("Opfølgning", "pages/maalgrupper.py", "Målgrupper og alder", ":material/groups:", "maalgrupper"),
    PageDef("Opfølgning", "pages/indsatstrappen.py", "Indsatstrappen", ":material/stairs:", "indsatstrappen"),
    PageDef(
        "Opfølgning", "pages/borgeroplevelse.py", "Borgeroplevelse", ":material/sentiment_satisfied:", "borgeroplevelse"
    ),
    PageDef("Opfølgning", "pages/moedevisning.py", "Mødevisning", ":material/co_present:", "moedevisning"),
    PageDef("Data", "pages/upload.py", "Upload", ":material/upload_file:", "upload"),
    PageDef(
        "Data", "pages/importhistorik.py", "Importhistorik og datakvalitet", ":material/history:", "importhistorik"
    ),
    PageDef("Data", "pages/maal.py", "Mål", ":material/flag:", "maal"),
    PageDef("Om", "pages/om_tallene.py", "Om tallene", ":material/info:", "om-tallene"),
)
