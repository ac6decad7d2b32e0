"""The Upload page's preview shows what will change before anything is imported."""

from __future__ import annotations

from tests.app.conftest import new_app, texts
from tests.app.files import good_indsatser_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_preview_shows_sample_new_rows_and_affected_years(demo_db):
    at = new_app().run()
    at.switch_page("views/file_upload.py").run()
    at.file_uploader(key="upload_file").set_value(("nye.xlsx", good_indsatser_xlsx("PREVIEW"), XLSX)).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert "Nye rækker** – 5 af 12 vist" in shown  # 12 new rows in the file, 5 shown
    assert "Importen kan ændre tallene for" in shown
    sample = at.table[0].value
    assert list(sample["borger\\_id"]) == [f"PREVIEW{i:04d}" for i in range(5)]
