"""The README documents every setting and every command; CI runs exactly the README's test command."""

import re
from pathlib import Path

import settings
from cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    missing = [s.env for s in settings.SETTINGS.values() if s.env not in README]
    assert missing == []


def test_every_setting_has_help_text():
    assert all(len(s.help) > 20 for s in settings.SETTINGS.values())


def test_every_cli_command_is_documented_in_the_readme():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"python cli.py {name}" not in README]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    test_command = re.search(r"\*\*Run every test\*\*.*?```bash\n(.+?)\n```", README, re.S).group(1).strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_start_command_script_runs_streamlit_on_app_py():
    assert "bash scripts/start.sh" in README
    assert "streamlit run app.py" in (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
