"""The Danish texts every report and export shares: how to read the figures and why some are hidden."""

from __future__ import annotations

from datetime import date

from metrics.suppression import protection_note

DEMO_NOTICE = "Syntetiske demodata – tallene er opdigtede og viser kun, hvordan Pejling virker."
NO_FILTERS = "Ingen filtre – hele målgruppen"
NOTHING_PLANNED = "Ingen handlinger i handleplanen for indikatoren."


def explanations(min_n: int) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs explaining status, `usikker`, `Forventet` and the small-number protection."""
    return [
        (
            "Status",
            "✔ På sporet: tallet har nået det forventede i den retning, målet peger. "
            "◐ Tæt på: tallet mangler højst 5 procentpoint (for andele) eller 10 % af det forventede (for andre tal). "
            "✖ Ikke på sporet: tallet mangler mere end det. ? For få data: tallet er skjult, så målet kan ikke "
            "vurderes. Intet mål: der er ikke sat et mål for indikatoren.",
        ),
        (
            "Forventet",
            "Det forventede tal i perioden ligger på den rette linje mellem basislinjen og strategiens mål "
            "(målstien). Rapporten viser kun målstien frem til den periode, den handler om.",
        ),
        (
            "Usikker",
            "Bag en andel ligger et antal borgere. Er de få, er andelen usikker. Intervallet (95 %, Wilson) "
            "viser, hvor andelen med rimelighed kan ligge. Dækker intervallet det forventede tal, står der "
            "'(usikker)' ved status: forskellen kan skyldes tilfældigheder.",
        ),
        (
            "Beskyttelse af små tal (diskretionering)",
            "Ingen tal i rapporten må kunne pege på en enkelt borger. "
            + protection_note(min_n)
            + " I en opdeling kan et tal mere være skjult ('Skjult'), så det skjulte ikke kan regnes ud ved at trække "
            "fra. Skjulte år står som huller i kurverne. Rapporten viser de samme tal som siderne, aldrig flere.",
        ),
    ]


def hidden_rule(min_n: int) -> str:
    """The small-number protection in one paragraph (the protection module's own words), for footers and exports."""
    return protection_note(min_n)


def action_line(action) -> str:
    """`Status · title (responsible, 01.03.2025–31.12.2025)` for an action-plan item."""
    from ui.fmt import day

    parts = [p for p in (action.responsible, _span(action.start, action.deadline, day)) if p]
    text = f"{action.status} · {action.title}"
    if parts:
        text += f" ({', '.join(parts)})"
    if action.note:
        text += f" – {action.note}"
    return text


def _span(start: date | None, deadline: date | None, day) -> str:
    if start and deadline:
        return f"{day(start)}–{day(deadline)}"
    if deadline:
        return f"frist {day(deadline)}"
    if start:
        return f"fra {day(start)}"
    return ""


def comment_line(comment) -> str:
    """The comment with its author and date when known."""
    from ui.fmt import day

    by = ", ".join(p for p in (comment.author, day(comment.when) if comment.when else "") if p)
    return f"{comment.text} ({by})" if by else comment.text
