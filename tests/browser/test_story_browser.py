"""Chromium against the real server: the action plan downloaded as Excel, edited and uploaded again."""

from __future__ import annotations

import re

import openpyxl
import pytest

from metrics.actionplan_xlsx import HEADER_ROW
from schemas.actionplan import ACTION_COLUMNS, SHEET
from tests.browser.conftest import shot
from tests.browser.server import settle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_the_action_plan_round_trips_through_excel_in_the_browser(server, page, tmp_path):
    page.goto(f"{server.url}/handleplan")
    settle(page)
    saved = _download(page, tmp_path / "handleplan.xlsx")

    wb = openpyxl.load_workbook(saved)
    ws = wb[SHEET]
    headers = [c.value for c in ws[HEADER_ROW + 1]]
    assert headers == [c.header for c in ACTION_COLUMNS]
    status = headers.index("Status") + 1
    title = headers.index("Handling") + 1
    row = next(
        r
        for r in range(HEADER_ROW + 2, ws.max_row + 1)
        if ws.cell(r, title).value == "UU-vejleder i socialcentrets team"
    )
    ws.cell(row, status).value = "I gang"
    edited = tmp_path / "handleplan-rettet.xlsx"
    wb.save(edited)

    page.locator('input[type="file"]').set_input_files(str(edited))
    page.get_by_role("button", name="Indlæs handleplan fra filen").click()
    page.get_by_text("1 handling(er) indlæst fra filen.").first.wait_for(timeout=60_000)  # shown as text and as a toast
    settle(page)
    shot(page, "handleplan-indlaest")
    again = openpyxl.load_workbook(_download(page, tmp_path / "igen.xlsx"))[SHEET]
    statuses = {
        again.cell(r, title).value: again.cell(r, status).value for r in range(HEADER_ROW + 2, again.max_row + 1)
    }
    assert statuses["UU-vejleder i socialcentrets team"] == "I gang"  # was Udskudt in the demo plan
    assert statuses["Housing First-boliger i samarbejde med boligforeningerne"] == "I gang"  # untouched


def _download(page, path):
    button = page.get_by_role("button", name=re.compile("Hent handleplan .* som Excel"))
    if not button.is_visible():
        page.get_by_text("Excel: hent og indlæs handleplanen").click()
    with page.expect_download() as download:
        button.click()
    download.value.save_as(path)
    return path
