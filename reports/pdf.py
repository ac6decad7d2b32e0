"""The annual status report as an A4 PDF (fpdf2), with vector trend charts drawn in the document."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from fpdf.fonts import FontFace

from reports import texts
from reports.chart import ChartData, chart_data, tick_label
from reports.model import AreaEntry, IndicatorEntry, Report, unmeasured_text

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
# Without the Unicode font the core Helvetica only knows latin-1: these stand in for the rest.
LATIN1_SUBSTITUTES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "→": "->",
        "•": "-",
        "…": "...",
        "’": "'",
        "“": '"',
        "”": '"',
        "✔": "",
        "◐": "",
        "✖": "",
        "≤": "<=",
    }
)
BLUE = (0, 88, 124)
INK = (29, 43, 54)
GREY = (95, 107, 115)
GOAL = (181, 101, 29)
LINE = (201, 212, 219)
BAND = (204, 222, 229)


def rgb(colour: str | None) -> tuple[int, int, int]:
    """`#D55E00` as an RGB tuple (grey when missing or malformed)."""
    value = (colour or "").lstrip("#")
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return GREY


class ReportPdf(FPDF):
    """A4 portrait with a running title on later pages and the small-number note and page numbers below."""

    def __init__(self, title: str, note: str) -> None:
        """Load DejaVu Sans when present, else fall back to the core Helvetica (latin-1 only)."""
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc_title = title
        self.note = note
        self.unicode = all((FONT_DIR / name).is_file() for name in FONT_FILES.values())
        if self.unicode:
            for style, name in FONT_FILES.items():
                self.add_font("DejaVu", style, str(FONT_DIR / name))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=22)
        self.set_lang("da")
        self.set_title(self.txt(title))
        self.set_creator("Pejling")

    def txt(self, text: str) -> str:
        """Text the current font can draw: as is with the Unicode font, substituted to latin-1 without it."""
        if self.unicode:
            return text
        return text.translate(LATIN1_SUBSTITUTES).encode("latin-1", "replace").decode("latin-1").strip()

    def header(self) -> None:
        """The document title in small print on every page but the first."""
        if self.page_no() > 1:
            self.set_font(self.family, "", 8)
            self.set_text_color(*GREY)
            self.cell(0, 5, self.txt(self.doc_title), new_x="LMARGIN", new_y="NEXT")
            self.ln(3)

    def footer(self) -> None:
        """The small-number note on the left, `Side X af Y` on the right."""
        self.set_y(-17)
        self.set_draw_color(*LINE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.set_font(self.family, "", 7)
        self.set_text_color(*GREY)
        top = self.get_y() + 1
        self.set_xy(self.l_margin, top)
        self.multi_cell(150, 3.5, self.txt(self.note), align="L")
        self.set_xy(self.w - self.r_margin - 30, top)
        self.cell(30, 3.5, f"Side {self.page_no()} af {{nb}}", align="R")

    def para(self, text: str, size: float = 10, style: str = "", colour=INK, height: float | None = None) -> None:
        """A wrapped paragraph across the page."""
        self.set_font(self.family, style, size)
        self.set_text_color(*colour)
        self.multi_cell(0, height or size * 0.5, self.txt(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str, size: float = 15) -> None:
        """A blue heading with a rule under it."""
        self.para(text, size, "B", BLUE, size * 0.5)
        self.set_draw_color(*BLUE)
        self.set_line_width(0.5)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.set_line_width(0.2)
        self.ln(3)


def _front(pdf: ReportPdf, report: Report) -> None:
    from ui.fmt import long_date

    pdf.add_page()
    pdf.ln(20)
    pdf.para(report.heading, 26, "B", BLUE, 12)
    pdf.para(report.strategy_title, 15, "", INK, 8)
    pdf.ln(6)
    pdf.para(f"Periode: {report.period_label}", 11, height=6)
    pdf.para(f"Filtre: {'; '.join(report.filters) if report.filters else texts.NO_FILTERS}", 11, height=6)
    pdf.para(f"Udskrevet {long_date(report.created)}", 11, height=6)
    pdf.ln(6)
    if report.demo:
        pdf.set_font(pdf.family, "B", 11)
        pdf.set_text_color(*INK)
        pdf.set_fill_color(255, 243, 205)
        pdf.set_draw_color(224, 176, 0)
        pdf.multi_cell(
            0, 6, pdf.txt(texts.DEMO_NOTICE), border=1, fill=True, padding=2, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(6)
    _summary(pdf, report)


def _summary(pdf: ReportPdf, report: Report) -> None:
    pdf.heading("Sammenfatning")
    pdf.para(report.summary_line() + ".", 14, "B", INK, 7)
    pdf.ln(2)
    for label, group in report.by_status():
        colour = rgb(getattr(group[0].status, "colour", None)) if group[0].status is not None else GREY
        pdf.para(f"{label} ({len(group)})", 11, "B", colour, 6)
        pdf.para(", ".join(i.name for i in group) + ".", 10, height=5)
        pdf.ln(2)
    pdf.ln(2)
    pdf.set_font(pdf.family, "", 10)
    for area in report.areas:
        if area.with_goal:
            line = f"{area.name}: {area.on_track} af {area.with_goal} på sporet"
        else:
            line = f"{area.name}: ingen indikatorer med mål"
        pdf.para(f"• {line}", 10, height=5)


def _table(pdf: ReportPdf, area: AreaEntry) -> None:
    widths = (78, 30, 30, 42)
    heading = FontFace(family=pdf.family, emphasis="B", size_pt=9, color=INK, fill_color=(238, 243, 246))
    pdf.set_font(pdf.family, "", 9)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*LINE)
    pdf.set_fill_color(255, 255, 255)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        text_align="LEFT",
        v_align="TOP",
        line_height=4.5,
        padding=1.5,
        headings_style=heading,
    ) as table:
        table.row([pdf.txt(h) for h in ("Indikator", "Værdi", "Forventet", "Status")])
        for ind in area.indicators:
            row = table.row()
            row.cell(pdf.txt(ind.name))
            row.cell(pdf.txt(ind.display), style=FontFace(family=pdf.family, emphasis="B", size_pt=11, color=INK))
            row.cell(pdf.txt(ind.expected_text))
            colour = rgb(getattr(ind.status, "colour", None))
            row.cell(pdf.txt(ind.status_text), style=FontFace(family=pdf.family, emphasis="B", size_pt=9, color=colour))
    pdf.ln(3)


def draw_chart(
    pdf: ReportPdf, data: ChartData, x: float, y: float, w: float, h: float, marks: list[int] | None = None
) -> None:
    """A line chart: value line with gaps for hidden years, 95 % band, dashed goal path, Danish ticks, and a
    numbered dotted line at the year of each chart note (`marks`, listed under the chart)."""
    left, bottom = x + 14, y + h - 10
    pw, ph = w - 16, h - 14
    n = len(data.years)

    def px(i: int) -> float:
        return left + (pw * (i + 0.5) / n)

    def py(v: float) -> float:
        return bottom - ph * min(v, data.y_max) / data.y_max

    pdf.set_font(pdf.family, "", 6.5)
    pdf.set_text_color(*GREY)
    pdf.set_line_width(0.1)
    for t in data.ticks:
        pdf.set_draw_color(230, 236, 240)
        pdf.line(left, py(t), left + pw, py(t))
        pdf.set_xy(x, py(t) - 1.5)
        pdf.cell(13, 3, pdf.txt(tick_label(t, data.step) + data.suffix.replace(" dage", "")), align="R")
    for i, year in enumerate(data.years):
        pdf.set_xy(px(i) - 6, bottom + 1)
        pdf.cell(12, 3, str(year), align="C")
        if data.hidden[i]:
            pdf.set_xy(px(i) - 7, bottom - 4)
            pdf.cell(14, 3, pdf.txt("skjult"), align="C")
    for number, year in enumerate(marks or [], start=1):
        if year in data.years:
            mx = px(data.years.index(year))
            pdf.set_draw_color(*GREY)
            pdf.set_dash_pattern(dash=0.4, gap=0.8)
            pdf.line(mx, bottom, mx, bottom - ph)
            pdf.set_dash_pattern()
            pdf.set_xy(mx - 3, bottom - ph - 3)
            pdf.cell(6, 3, str(number), align="C")
    band: list[tuple[int, float, float]] = []
    drew_band = False
    pdf.set_fill_color(*BAND)
    for i, (lo, hi) in enumerate([*zip(data.lows, data.highs, strict=True), (None, None)]):
        if lo is not None and hi is not None:
            band.append((i, lo, hi))
            continue
        if len(band) >= 2:  # one polygon per run of years with an interval: hidden years stay gaps
            points = [(px(j), py(h)) for j, _, h in band] + [(px(j), py(lo_)) for j, lo_, _ in reversed(band)]
            pdf.polygon(points, style="F")
            drew_band = True
        band = []
    path = [(px(i), py(v)) for i, v in enumerate(data.expected) if v is not None]
    if len(path) >= 2:
        pdf.set_draw_color(*GOAL)
        pdf.set_line_width(0.5)
        pdf.set_dash_pattern(dash=1.5, gap=1.2)
        pdf.polyline(path)
        pdf.set_dash_pattern()
    pdf.set_draw_color(*BLUE)
    pdf.set_fill_color(*BLUE)
    pdf.set_line_width(0.7)
    run: list[tuple[float, float]] = []
    for i, v in enumerate([*data.values, None]):
        if v is not None:
            run.append((px(i), py(v)))
            continue
        if len(run) >= 2:
            pdf.polyline(run)
        for cx, cy in run:
            pdf.circle(x=cx, y=cy, radius=0.9, style="F")
        run = []
    pdf.set_line_width(0.2)
    # legend
    pdf.set_font(pdf.family, "", 6.5)
    pdf.set_text_color(*INK)
    ly = y + h - 3
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(0.7)
    pdf.line(left, ly, left + 6, ly)
    pdf.set_xy(left + 7, ly - 1.5)
    pdf.cell(18, 3, pdf.txt("Tal"))
    if path:
        pdf.set_draw_color(*GOAL)
        pdf.set_line_width(0.5)
        pdf.set_dash_pattern(dash=1.5, gap=1.2)
        pdf.line(left + 20, ly, left + 26, ly)
        pdf.set_dash_pattern()
        pdf.set_xy(left + 27, ly - 1.5)
        pdf.cell(30, 3, pdf.txt("Forventet (målsti)"))
    if drew_band:
        pdf.set_fill_color(*BAND)
        pdf.rect(left + 55, ly - 1.2, 6, 2.4, style="F")
        pdf.set_xy(left + 62, ly - 1.5)
        pdf.cell(25, 3, pdf.txt("95 %-interval"))
    pdf.set_line_width(0.2)


def _story(ind: IndicatorEntry) -> list[tuple[str, str]]:
    """(label, text) lines under an indicator: its comment, chart notes and action items."""
    from ui.fmt import day

    lines = []
    if ind.comment is not None:
        lines.append(("Historien bag kurven", texts.comment_line(ind.comment)))
    lines += [("Markering", f"({n}) {day(note.day)}: {note.text}") for n, note in enumerate(ind.annotations, 1)]
    lines += [("Handleplan", texts.action_line(action)) for action in ind.actions]
    return lines


def _height(pdf: ReportPdf, ind: IndicatorEntry) -> float:
    """The height an indicator's block needs (measured without drawing; cheaper than a trial rendering)."""
    pdf.set_font(pdf.family, "", 9)
    text = sum(
        4.5 + pdf.multi_cell(0, 4.5, pdf.txt(t), dry_run=True, output=MethodReturnValue.HEIGHT) for _, t in _story(ind)
    )
    return 64 + text + 7


def _indicator(pdf: ReportPdf, ind: IndicatorEntry) -> None:
    """One indicator: name, value/expected/status, chart on the right, story and action items under it."""
    top = pdf.get_y()
    pdf.set_font(pdf.family, "B", 11)
    pdf.set_text_color(*INK)
    pdf.multi_cell(85, 5.5, pdf.txt(ind.name), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "B", 20)
    pdf.cell(85, 10, pdf.txt(ind.display), new_x="LMARGIN", new_y="NEXT")
    if ind.reason:
        pdf.set_font(pdf.family, "", 7.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(85, 3.8, pdf.txt(ind.reason), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "B", 10)
    pdf.set_text_color(*rgb(getattr(ind.status, "colour", None)))
    pdf.cell(85, 6, pdf.txt(ind.status_text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 9)
    pdf.set_text_color(*INK)
    pdf.cell(85, 5, pdf.txt(f"Forventet: {ind.expected_text}"), new_x="LMARGIN", new_y="NEXT")
    if ind.status is not None and getattr(ind.status, "note", ""):
        pdf.set_font(pdf.family, "", 7.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(85, 3.8, pdf.txt(ind.status.note), align="L", new_x="LMARGIN", new_y="NEXT")
    left_end = pdf.get_y()
    data = chart_data(ind)
    chart_h = 52
    if data is not None:
        draw_chart(pdf, data, 105, top, 90, chart_h, [a.day.year for a in ind.annotations])
    pdf.set_y(max(left_end, top + (chart_h if data is not None else 0)) + 2)
    for label, text in _story(ind):
        pdf.set_font(pdf.family, "B", 8.5)
        pdf.set_text_color(*BLUE)
        pdf.cell(0, 4.5, pdf.txt(label), new_x="LMARGIN", new_y="NEXT")
        pdf.para(text, 9, height=4.5)
    pdf.ln(3)
    pdf.set_draw_color(*LINE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(4)


def _area(pdf: ReportPdf, area: AreaEntry) -> None:
    pdf.add_page()
    pdf.heading(area.name)
    if area.description:
        pdf.para(area.description, 9, colour=GREY, height=4.5)
        pdf.ln(2)
    if area.with_goal:
        pdf.para(f"{area.on_track} af {area.with_goal} indikatorer med mål er på sporet.", 11, "B", height=6)
        pdf.ln(1)
    if area.indicators:
        _table(pdf, area)
    for ind in area.indicators:
        if pdf.get_y() + _height(pdf, ind) > pdf.page_break_trigger:
            pdf.add_page()
        _indicator(pdf, ind)
    if area.actions:
        pdf.para("Handleplan for fokusområdet", 10, "B", BLUE, 5)
        for action in area.actions:
            pdf.para(f"• {texts.action_line(action)}", 9, height=4.5)
        pdf.ln(2)
    if area.unmeasured:
        pdf.para("Pejlemærker, der ikke måles endnu", 10, "B", BLUE, 5)
        for text, note in area.unmeasured:
            pdf.para(f"• {unmeasured_text(text, note)}", 9, colour=GREY, height=4.5)


def _explanations(pdf: ReportPdf, report: Report) -> None:
    pdf.add_page()
    pdf.heading("Sådan læses rapporten")
    for head, text in texts.explanations(report.min_n):
        pdf.para(head, 11, "B", BLUE, 6)
        pdf.para(text, 10, height=5)
        pdf.ln(3)


def to_pdf(report: Report) -> bytes:
    """The report as PDF bytes: front page with summary, one section per focus area, an explanation page."""
    pdf = ReportPdf(report.title, texts.hidden_rule(report.min_n))
    _front(pdf, report)
    for area in report.areas:
        _area(pdf, area)
    _explanations(pdf, report)
    return bytes(pdf.output())
