"""The annual status report as a 16:9 PowerPoint (python-pptx), with native, editable line charts."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Emu, Inches, Pt

from reports import texts
from reports.chart import chart_data
from reports.model import AreaEntry, IndicatorEntry, Report, unmeasured_text

BLUE = RGBColor(0x00, 0x58, 0x7C)
INK = RGBColor(0x1D, 0x2B, 0x36)
GREY = RGBColor(0x5F, 0x6B, 0x73)
GOAL = RGBColor(0xB5, 0x65, 0x1D)
DEMO_FILL = RGBColor(0xFF, 0xF3, 0xCD)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
TABLE_ROWS = 9  # indicator rows per overview slide
SLIDE_COMMENT_CHARS = 420  # a longer comment is cut on the slide and given whole in the speaker notes
SLIDE_ACTIONS = 3


def _short(text: str, limit: int) -> str:
    """The text, cut at a word before `limit` characters with an ellipsis."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + " …"


def _colour(status) -> RGBColor:
    value = (getattr(status, "colour", None) or "#5F6B73").lstrip("#")
    try:
        return RGBColor.from_string(value.upper())
    except ValueError:
        return GREY


def _box(slide, left, top, width, height, paragraphs: list[tuple[str, float, bool, RGBColor]], fill=None):
    """A text box with (text, size, bold, colour) paragraphs, wrapped."""
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, (text, size, bold, colour) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
        para.space_after = Pt(size * 0.35)
    if fill is not None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = fill
        shape.line.color.rgb = RGBColor(0xE0, 0xB0, 0x00)
    return shape


def _slide(prs, title: str, footer: str):
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    _box(slide, Inches(0.5), Inches(0.3), Inches(12.3), Inches(0.9), [(title, 28, True, BLUE)])
    _box(slide, Inches(0.5), Inches(7.0), Inches(12.3), Inches(0.4), [(footer, 9, False, GREY)])
    return slide


def _title_slide(prs, report: Report) -> None:
    from ui.fmt import long_date

    slide = prs.slides.add_slide(prs.slide_layouts[6])
    paras = [
        (report.heading, 40, True, BLUE),
        (report.strategy_title, 24, False, INK),
        (f"Periode: {report.period_label}", 16, False, INK),
        (f"Filtre: {'; '.join(report.filters) if report.filters else texts.NO_FILTERS}", 16, False, INK),
        (f"Udskrevet {long_date(report.created)}", 14, False, GREY),
    ]
    _box(slide, Inches(0.8), Inches(1.5), Inches(11.7), Inches(3.5), paras)
    if report.demo:
        _box(
            slide, Inches(0.8), Inches(5.4), Inches(11.7), Inches(0.7), [(texts.DEMO_NOTICE, 16, True, INK)], DEMO_FILL
        )


def _summary_slide(prs, report: Report, footer: str) -> None:
    slide = _slide(prs, "Sammenfatning", footer)
    paras = [(report.summary_line(), 26, True, INK)]
    for label, group in report.by_status():
        colour = _colour(group[0].status) if group[0].status is not None else GREY
        paras.append((f"{label} ({len(group)})", 15, True, colour))
        paras.append((", ".join(i.name for i in group), 12, False, INK))
    _box(slide, Inches(0.5), Inches(1.3), Inches(7.6), Inches(5.6), paras)
    areas = [
        (
            f"{a.name}: {a.on_track} af {a.with_goal} på sporet" if a.with_goal else f"{a.name}: ingen mål",
            13,
            False,
            INK,
        )
        for a in report.areas
    ]
    _box(slide, Inches(8.4), Inches(1.3), Inches(4.5), Inches(5.6), [("Fokusområder", 16, True, BLUE), *areas])


def _area_slides(prs, area: AreaEntry, footer: str) -> None:
    chunks = [area.indicators[i : i + TABLE_ROWS] for i in range(0, len(area.indicators), TABLE_ROWS)] or [[]]
    for n, chunk in enumerate(chunks):
        title = area.name + (f" (fortsat {n + 1}/{len(chunks)})" if n else "")
        slide = _slide(prs, title, footer)
        top = Inches(1.2)
        if area.with_goal and n == 0:
            _box(
                slide,
                Inches(0.5),
                top,
                Inches(12.3),
                Inches(0.5),
                [(f"{area.on_track} af {area.with_goal} indikatorer med mål er på sporet", 18, True, INK)],
            )
        top = Inches(1.8)
        if chunk:
            shape = slide.shapes.add_table(
                len(chunk) + 1, 4, Inches(0.5), top, Inches(12.3), Inches(0.45) * (len(chunk) + 1)
            )
            table = shape.table
            for j, width in enumerate((5.6, 2.0, 2.0, 2.7)):
                table.columns[j].width = Inches(width)
            for j, head in enumerate(("Indikator", "Værdi", "Forventet", "Status")):
                _cell(table.cell(0, j), head, 13, True, RGBColor(0xFF, 0xFF, 0xFF))
            for i, ind in enumerate(chunk, start=1):
                _cell(table.cell(i, 0), ind.name, 13, False, INK)
                _cell(table.cell(i, 1), ind.display, 15, True, INK)
                _cell(table.cell(i, 2), ind.expected_text, 13, False, INK)
                _cell(table.cell(i, 3), ind.status_text, 13, True, _colour(ind.status))
        if n == len(chunks) - 1 and area.unmeasured:
            lines = [(f"• {unmeasured_text(t, note)}", 11, False, GREY) for t, note in area.unmeasured]
            _box(slide, Inches(0.5), Inches(6.0), Inches(12.3), Inches(0.9), lines)


def _cell(cell, text: str, size: float, bold: bool, colour: RGBColor) -> None:
    cell.text = ""
    run = cell.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour


def _number_format(unit: str | None) -> str:
    return {"andel": '0.0" %"', "antal": "#,##0", "dage": '0.0" dage"'}.get(unit or "", "0.0")


def _chart(slide, ind: IndicatorEntry, left, top, width, height) -> bool:
    data = chart_data(ind)
    if data is None:
        return False
    cd = CategoryChartData(number_format=_number_format(ind.unit))
    cd.categories = [str(y) for y in data.years]
    cd.add_series("Tal", data.values)
    has_path = any(v is not None for v in data.expected)
    if has_path:
        cd.add_series("Forventet (målsti)", data.expected)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, left, top, width, height, cd).chart
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.font.size = Pt(12)
    axis = chart.value_axis
    axis.minimum_scale = 0
    axis.maximum_scale = data.y_max
    axis.major_unit = data.step
    axis.tick_labels.number_format = _number_format(ind.unit).replace("0.0", "0") if ind.unit != "antal" else "#,##0"
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = True
    value = chart.plots[0].series[0]
    value.format.line.color.rgb = BLUE
    value.format.line.width = Pt(3)
    value.smooth = False
    value.marker.format.fill.solid()
    value.marker.format.fill.fore_color.rgb = BLUE
    if has_path:
        goal = chart.plots[0].series[1]
        goal.format.line.color.rgb = GOAL
        goal.format.line.width = Pt(2)
        goal.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        goal.smooth = False
        goal.marker.style = XL_MARKER_STYLE.NONE
    return True


def _indicator_slide(prs, area: AreaEntry, ind: IndicatorEntry, footer: str) -> None:
    slide = _slide(prs, ind.name, footer)
    _box(slide, Inches(0.5), Inches(1.0), Inches(12.3), Inches(0.4), [(area.name, 13, False, GREY)])
    paras = [(ind.display, 40, True, INK)]
    if ind.reason:
        paras.append((ind.reason, 11, False, GREY))
    paras.append((ind.status_text, 20, True, _colour(ind.status)))
    paras.append((f"Forventet: {ind.expected_text}", 16, False, INK))
    if ind.status is not None and getattr(ind.status, "note", ""):
        paras.append((ind.status.note, 11, False, GREY))
    notes = []
    if ind.comment is not None:
        full = texts.comment_line(ind.comment)
        paras.append(("Historien bag kurven", 13, True, BLUE))
        paras.append((_short(full, SLIDE_COMMENT_CHARS), 12, False, INK))
        notes.append(f"Historien bag kurven: {full}")
    if ind.actions:
        paras.append(("Handleplan", 13, True, BLUE))
        paras.extend((f"• {_short(texts.action_line(a), 160)}", 11, False, INK) for a in ind.actions[:SLIDE_ACTIONS])
        if len(ind.actions) > SLIDE_ACTIONS:
            paras.append((f"… og {len(ind.actions) - SLIDE_ACTIONS} mere (se noterne)", 11, False, GREY))
        notes += [f"Handleplan: {texts.action_line(a)}" for a in ind.actions]
    box = _box(slide, Inches(0.5), Inches(1.5), Inches(5.0), Inches(5.4), paras)
    box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    if notes:  # the whole story in the speaker notes; the slide shows what fits
        slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
    drawn = _chart(slide, ind, Inches(5.8), Inches(1.5), Inches(7.0), Inches(4.6))
    if not drawn:
        _box(slide, Inches(5.8), Inches(3.0), Inches(7.0), Inches(1.0), [("Ingen år at vise.", 14, False, GREY)])
    if ind.annotations:
        from ui.fmt import day

        notes = [(f"{day(a.day)}: {a.text}", 11, False, INK) for a in ind.annotations]
        _box(slide, Inches(5.8), Inches(6.15), Inches(7.0), Inches(0.8), notes)


def _unmeasured_slide(prs, report: Report, footer: str) -> None:
    rows = [(a.name, unmeasured_text(t, note)) for a in report.areas for t, note in a.unmeasured]
    if not rows:
        return
    slide = _slide(prs, "Pejlemærker, der ikke måles endnu", footer)
    paras = []
    for area, text in rows:
        paras.append((area, 13, True, BLUE))
        paras.append((text, 12, False, INK))
    _box(slide, Inches(0.5), Inches(1.3), Inches(12.3), Inches(5.6), paras)


def _explanation_slide(prs, report: Report, footer: str) -> None:
    slide = _slide(prs, "Sådan læses tallene", footer)
    paras = []
    for head, text in texts.explanations(report.min_n):
        paras.append((head, 15, True, BLUE))
        paras.append((text, 12, False, INK))
    _box(slide, Inches(0.5), Inches(1.2), Inches(12.3), Inches(5.7), paras)


def to_pptx(report: Report) -> bytes:
    """The report as .pptx bytes: title, summary, per focus area an overview and one slide per indicator,
    the bearings not measured yet and how to read the figures."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(WIDTH), Emu(HEIGHT)
    prs.core_properties.title = report.title
    prs.core_properties.language = "da-DK"
    footer = f"{report.title} · {texts.hidden_rule(report.min_n)}"
    _title_slide(prs, report)
    _summary_slide(prs, report, footer)
    for area in report.areas:
        _area_slides(prs, area, footer)
        for ind in area.indicators:
            _indicator_slide(prs, area, ind, footer)
    _unmeasured_slide(prs, report, footer)
    _explanation_slide(prs, report, footer)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
