"""Chart labels a reader needs: years, legends, one explanation of hidden figures, no empty axes, no false band."""

from __future__ import annotations

import re

from charts.breakdown import ALL_HIDDEN, breakdown_bar, heatmap
from charts.common import DOWN, UP, empty_figure, hidden_note
from charts.ladder import flows_sankey, waiting_chart
from charts.spark import sparkline_svg
from charts.survey import who5_histogram
from charts.trend import trend_chart
from metrics.strategies import Bearing
from metrics.types import Result

FEW = "Færre end 5 ligger bag tallet."
NEIGHBOUR = "Skjult, fordi et andet tal i samme opdeling er skjult."


def res(period="2025", value=None, display="–", suppressed=False, reason=None, group=None, lo=None, hi=None):
    """A result as the engine hands it to charts (only the fields charts read)."""
    return Result("x", period, group or {}, None, 50, value, display, suppressed, reason, lo, hi)


def _texts(fig) -> str:
    parts = [a.text or "" for a in fig.layout.annotations]
    if fig.layout.title and fig.layout.title.subtitle:
        parts.append(fig.layout.title.subtitle.text or "")
    return " ".join(parts)


def test_sparkline_writes_each_year_under_the_line():
    svg = sparkline_svg([res(str(y), 0.1 * (y - 2020), "x") for y in range(2022, 2027)], "andel")
    assert re.findall(r"<text[^>]*>(\d{4})</text>", svg) == ["2022", "2023", "2024", "2025", "2026"]


def test_a_breakdown_with_every_group_hidden_says_so_instead_of_empty_axes():
    rows = [res(group={"køn": k}, display="For få data", suppressed=True, reason=FEW) for k in ("Kvinde", "Mand")]
    fig = breakdown_bar(rows, "køn", "andel", "Efter køn")
    assert fig.layout.xaxis.visible is False  # no scale running 0 %, 0,2 %, 0,4 % under bars that are not there
    assert list(fig.data[0].y) == ["Kvinde", "Mand"]  # the groups stay named
    assert "alle grupper er skjult" in _texts(fig).replace("<br>", " ")
    assert ALL_HIDDEN.startswith("Ingen data")
    assert "Ingen data" in _texts(breakdown_bar([], "køn", "andel", "Efter køn"))


def test_highlighted_bars_have_a_legend():
    rows = [
        res(group={"under30": "Under 30"}, value=0.2, display="20,0 %"),
        res(group={"under30": "30 og derover"}, value=0.1, display="10,0 %"),
    ]
    fig = breakdown_bar(rows, "under30", "andel", "Alder", highlight={"Under 30"})
    assert fig.layout.showlegend is True
    assert [t.name for t in fig.data if t.showlegend is not False] == ["Under 30 år", "Øvrige"]


def test_hidden_figures_get_one_explanation_per_reason():
    rows = [
        res(group={"g": "a"}, display="For få data", suppressed=True, reason=FEW),
        res(group={"g": "b"}, display="Skjult", suppressed=True, reason=NEIGHBOUR),
        res(group={"g": "c"}, display="For få data", suppressed=True, reason=FEW),
        res(group={"g": "d"}, value=0.5, display="50,0 %"),
    ]
    note = hidden_note(rows)
    assert note == f"«For få data»: {FEW.rstrip('.')}. «Skjult»: {NEIGHBOUR.rstrip('.')}."
    fig = breakdown_bar(rows, "g", "andel", "Grupper")
    assert "«Skjult»" in _texts(fig).replace("<br>", " ") and "«For få data»" in _texts(fig).replace("<br>", " ")


def test_heatmap_empty_cells_and_hidden_cells_are_explained_once():
    cells = {
        ("A", "18-24"): res(value=0.5, display="50,0 %"),
        ("A", "30-39"): res(display="For få data", suppressed=True, reason=FEW),
    }  # ("B", …) has no citizens at all
    fig = heatmap(cells, ["A", "B"], ["18-24", "30-39"], "andel", "Kort", highlight_cols={"18-24"})
    note = _texts(fig).replace("<br>", " ")
    assert "«For få data»" in note and "«–»: ingen borgere i gruppen" in note and "★ = under 30 år" in note
    assert fig.data[0].text[1] == ["–", "–"]


def test_the_band_is_not_drawn_across_a_year_without_a_point():
    results = [
        res("2022", 0.4, "40,0 %", lo=0.3, hi=0.5),
        res("2023", 0.45, "45,0 %", lo=0.35, hi=0.55),
        res("2024", None, "For få data", True, FEW),
        res("2025", 0.5, "50,0 %", lo=0.4, hi=0.6),
        res("2026", 0.55, "55,0 %", lo=0.45, hi=0.65),
    ]
    fig = trend_chart(results, "andel", "Andel")
    bands = [list(t.x) for t in fig.data if t.hoverinfo == "skip"]
    assert bands == [[2022, 2023], [2022, 2023], [2025, 2026], [2025, 2026]]  # upper and lower edge per run
    assert sum(1 for t in fig.data if t.name == "95 %-interval" and t.showlegend) == 1


def test_a_trend_with_every_year_hidden_is_an_empty_figure():
    fig = trend_chart([res("2025", None, "For få data", True, FEW)], "andel", "Andel")
    assert fig.data == () and "Ingen data" in _texts(fig)


def test_sankey_labels_sit_beside_the_nodes_in_colour_blind_safe_colours():
    flows = [
        {"source": "Trin 3", "target": "Trin 1", "value": 20, "display": "20"},  # down
        {"source": "Trin 1", "target": "Trin 3", "value": 10, "display": "10"},  # up
        {"source": "Trin 2", "target": "Trin 2", "value": 8, "display": "8"},  # same step
    ]
    fig = flows_sankey(["Trin 1", "Trin 2", "Trin 3"], flows)
    sankey = fig.data[0]
    assert set(sankey.node.label) == {""}  # no label drawn over the bands
    labels = [a.text for a in fig.layout.annotations]
    assert labels.count("Trin 1") == 2 and "<b>Før</b>" in labels and "<b>Efter</b>" in labels

    def rgb(hex_colour: str) -> str:
        h = hex_colour.lstrip("#")
        return f"rgba({int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)}"

    colours = list(sankey.link.color)
    assert colours[0].startswith(rgb(DOWN)) and colours[1].startswith(rgb(UP)) and "138,154,166" in colours[2]


def test_waiting_chart_names_its_colours_in_a_legend():
    rows = [
        {"label": "0-7 dage", "value": 40, "display": "40", "over": False},
        {"label": "15-28 dage", "value": 6, "display": "6", "over": True},
    ]
    fig = waiting_chart(rows)
    assert [t.name for t in fig.data] == ["Inden for 14 dage", "Over 14 dage"]
    assert "rød" not in fig.layout.title.text
    assert "rød" not in (who5_histogram([{"label": "0-20", "value": 9, "display": "9", "low": True}]).layout.title.text)


def test_a_long_empty_message_is_wrapped_not_cut():
    fig = empty_figure("Ingen overgange at vise, eller for få til at vise i den valgte periode.")
    assert "<br>" in fig.layout.annotations[0].text


def test_a_bearing_note_does_not_repeat_ikke_maalt_endnu():
    bearing = Bearing("b", "Tekst", [], "Ikke målt endnu. Kræver data om pårørende.")
    assert bearing.detail == "Kræver data om pårørende."
    assert Bearing("c", "Tekst", [], "").detail == ""


def test_steps_chart_with_every_count_hidden_is_an_empty_figure():
    from charts.ladder import steps_chart

    rows = [{"year": 2025, "step": "Trin 1", "value": None, "display": "<5", "reason": FEW}]
    fig = steps_chart(rows)
    assert fig.data == () and "alle tal er skjult" in _texts(fig).replace("<br>", " ")
