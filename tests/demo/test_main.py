"""`python -m demo OUT_DIR` writes the three files."""

from demo.__main__ import main


def test_python_m_demo_writes_the_three_files(tmp_path, capsys):
    assert main([str(tmp_path), "--today", "2025-06-30"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "demo_borgeroplevelse_20250630.xlsx",
        "demo_indsatser_20250630.xlsx",
        "demo_progression_20250630.xlsx",
    ]
    assert "indsatser:" in capsys.readouterr().out
