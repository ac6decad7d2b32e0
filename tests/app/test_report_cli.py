"""`python cli.py report` on the demo database: PDF and PowerPoint written, bad input refused in Danish."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation
from pypdf import PdfReader

import cli
from metrics.strategies import load_strategies


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_as_pdf_with_a_filter(demo_db, tmp_path, capsys):
    out = tmp_path / "status.pdf"
    code, stdout, err = _run(
        capsys,
        "report",
        "--db",
        str(demo_db),
        "--strategy",
        "plads_til_alle",
        "--period",
        "2025",
        "--format",
        "pdf",
        "--out",
        str(out),
        "--filter",
        "aldersgruppe=18-24",
    )
    assert code == 0, err
    assert "Årsstatus 2025 for Plads til alle er skrevet til" in stdout
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert "Filtre: Aldersgruppe: 18-24" in text and "Syntetiske demodata" in text
    for area in load_strategies()["plads_til_alle"].areas:
        assert area.name in text


def test_report_carries_the_demo_story_and_action_plan_of_its_year(demo_db, tmp_path, capsys):
    year = date.today().year - 1  # the demo writes its story for the last full year and the current one
    out = tmp_path / "status.pdf"
    code, _, err = _run(capsys, "report", "--db", str(demo_db), "--period", str(year), "--out", str(out))
    assert code == 0, err
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert f"I {year} har to boligforeninger stillet lejligheder til rådighed til Housing First." in text
    assert "I gang · Housing First-boliger i samarbejde med boligforeningerne (Socialcenter Vest" in text
    assert f"01.03.{year}: Housing First udvidet {year}" in text


def test_report_as_powerpoint_from_the_file_suffix(demo_db, tmp_path, capsys):
    out = tmp_path / "status.pptx"
    code, _, err = _run(capsys, "report", "--db", str(demo_db), "--period", "2024", "--out", str(out))
    assert code == 0, err
    deck = Presentation(io.BytesIO(out.read_bytes()))
    strategy = load_strategies()["plads_til_alle"]
    n_indicators = sum(len(a.indicator_ids()) for a in strategy.areas)
    assert len(deck.slides) >= 2 + len(strategy.areas) + n_indicators
    assert any(sh.has_chart for s in deck.slides for sh in s.shapes)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "20x5", "--out", "r.pdf"], "Perioden '20x5' kan ikke læses"),
        (["--period", "2025", "--out", "r.txt"], "Angiv --format pdf eller --format pptx"),
        (["--period", "2025", "--out", "r.pdf", "--strategy", "nej"], "Ukendt strategi 'nej'"),
        (["--period", "2025", "--out", "r.pdf", "--filter", "aldersgruppe=99"], "Ukendt værdi '99' for aldersgruppe"),
        (["--period", "2025", "--out", "r.pdf", "--filter", "ukendt"], "skal skrives som DIMENSION=VÆRDI"),
        (["--period", "2025", "--out", "mangler/r.pdf"], "findes ikke"),
    ],
)
def test_bad_input_exits_2_with_a_danish_message_and_writes_nothing(
    demo_db, tmp_path, capsys, monkeypatch, args, message
):
    work = tmp_path / "ud"
    work.mkdir()
    monkeypatch.chdir(work)
    code, _, err = _run(capsys, "report", "--db", str(demo_db), *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert not list(work.iterdir())


def test_missing_required_arguments_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["report", "--period", "2025"])
    assert stop.value.code == 2
    assert "Fejl i kommandoen" in capsys.readouterr().err


def test_a_file_that_cannot_be_written_exits_1_and_leaves_nothing_behind(demo_db, tmp_path, capsys):
    target = tmp_path / "er_en_mappe.pdf"
    target.mkdir()  # a folder where the file should go: the write fails
    code, _, err = _run(capsys, "report", "--db", str(demo_db), "--period", "2025", "--out", str(target))
    assert code == 1 and "rapporten kunne ikke skrives til" in err and "Traceback" not in err
    assert target.is_dir() and not list(target.iterdir())
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
