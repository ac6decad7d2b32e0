"""Generate the indicator documentation (docs/indikatorer.md) from the registry: `python -m metrics.docs`."""

from __future__ import annotations

import sys
from pathlib import Path

from metrics.dimensions import DIMENSIONS
from metrics.registry import INDICATORS
from schemas.extracts import EXTRACTS

DOC_PATH = Path(__file__).resolve().parents[1] / "docs" / "indikatorer.md"
UNITS_DA = {"andel": "andel", "antal": "antal", "gennemsnit": "gennemsnit", "dage": "dage"}
DIRECTIONS_DA = {"higher": "højere er bedre", "lower": "lavere er bedre", None: "ingen retning"}


def render() -> str:
    """The Markdown text of docs/indikatorer.md."""
    lines = [
        "# Indikatorer",
        "",
        "Genereret fra `metrics/registry.py` med `python -m metrics.docs > docs/indikatorer.md`. Ret ikke i hånden.",
        "",
        "Alle tal går gennem reglen for små tal (diskretionering) i `metrics/suppression.py`, før de vises: "
        "et antal fra 1 til N−1 vises som `<N`; en andel med nævner under N vises ikke (`For få data`); en andel, "
        "hvor tæller eller nævner minus tæller er 1 til N−1, vises som et interval (fx `under 10 %`); i en "
        "opdeling skjules endnu en gruppe (`Skjult`), når én er skjult, så intet kan regnes ud ved at trække fra "
        "totalen.",
        "",
        "| id | navn | enhed | retning | udtræk |",
        "| --- | --- | --- | --- | --- |",
    ]
    for ind in INDICATORS.values():
        lines.append(
            f"| `{ind.id}` | {ind.name} | {UNITS_DA[ind.unit]} | {DIRECTIONS_DA[ind.direction]} | "
            f"{EXTRACTS[ind.source].title} |"
        )
    lines += ["", "## Opdelinger og filtre", ""]
    lines += [f"- `{d.id}` ({d.label_da}; URL-parameter `{d.url_param}`)" for d in DIMENSIONS.values()]
    for ind in INDICATORS.values():
        lines += ["", f"## {ind.name} (`{ind.id}`)", "", ind.description]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
