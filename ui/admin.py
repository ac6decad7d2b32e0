"""Administration glue: the intervention catalogue (view, Excel out and in) and the settings in force."""

from __future__ import annotations

import re

import pandas as pd

import settings
from ui import auth, data
from ui.roles import Role

_CREDENTIALS = re.compile(r"(://[^:/@\s]*:)[^@\s]+@")
_SECRET_WORDS = ("PASSWORD", "SECRET", "TOKEN")


def catalogue_table() -> pd.DataFrame:
    """The stored catalogue as a Danish table."""
    from store.catalogue import load_catalogue

    with data.cursor() as cur:
        frame = load_catalogue(cur)
    return pd.DataFrame(
        {
            "Indsats": frame["indsats"],
            "Trin": frame["trin"],
            "Lovgrundlag": frame["lovgrundlag"].fillna(""),
            "Fokusområder": frame["fokusomraader"].map(lambda v: ", ".join(v) if v is not None else ""),
            "Metode": frame["metode"].fillna(""),
        }
    )


def catalogue_xlsx() -> bytes:
    """The catalogue as the Excel sheet the import reads back."""
    from store.catalogue import export_catalogue_xlsx

    with data.cursor() as cur:
        return export_catalogue_xlsx(cur)


def _import(content: bytes, name: str, dry_run: bool):
    from store.catalogue import import_catalogue

    who = auth.require(Role.ADMINISTRATOR, "ændre indsatskataloget")
    with data.writer() if not dry_run else data.cursor() as cur:
        return import_catalogue(cur, content, name, user=who.user, dry_run=dry_run)


def catalogue_preview(content: bytes, name: str):
    """What importing the catalogue file would change (nothing is written)."""
    return _import(content, name, dry_run=True)


def catalogue_commit(content: bytes, name: str):
    """Replace the catalogue with the file's (one transaction; every change logged with the signed-in name)."""
    return _import(content, name, dry_run=False)


def catalogue_history() -> pd.DataFrame:
    """The catalogue's change log, newest first."""
    from ui import fmt

    auth.require(Role.ADMINISTRATOR, "se indsatskatalogets historik")
    with data.cursor() as cur:
        rows = cur.execute(
            'SELECT changed_at, "user", action, indsats FROM katalog_historik ORDER BY changed_at DESC LIMIT 200'
        ).fetchall()
    return pd.DataFrame(
        [{"Tidspunkt": fmt.timestamp(r[0]), "Bruger": r[1], "Ændring": r[2], "Indsats": r[3]} for r in rows],
        columns=["Tidspunkt", "Bruger", "Ændring", "Indsats"],
    )


def _shown(env: str, value: object) -> str:
    text = str(value)
    if any(word in env for word in _SECRET_WORDS) and text:
        return "(sat – vises ikke)"
    return _CREDENTIALS.sub(r"\1***@", text)


def settings_table() -> pd.DataFrame:
    """Every setting with the value in force and its help text (secrets and passwords in URLs masked)."""
    auth.require(Role.ADMINISTRATOR, "se indstillingerne")
    rows = []
    for s in settings.SETTINGS.values():
        try:
            value = s.value()
        except ValueError:
            value = f"ugyldig: {s.default}"
        rows.append({"Miljøvariabel": s.env, "Værdi": _shown(s.env, value), "Betydning": s.help})
    return pd.DataFrame(rows)


def sign_in_summary() -> list[str]:
    """How sign-in is set up, in Danish (never a secret)."""
    auth.require(Role.ADMINISTRATOR, "se opsætningen af login")
    section = auth.auth_section()
    if not section:
        return [f"**{auth.LOCAL_MODE_TEXT}**: der er ingen `[auth]` i `.streamlit/secrets.toml`."]
    lines = [f"Login med OpenID Connect via: {', '.join(auth.providers(section)) or 'ingen udbyder'}."]
    try:
        mapping = auth.role_mapping()
    except Exception as exc:
        return [*lines, f"Rollerne kan ikke læses: {exc}"]
    lines.append(f"Rollerne læses fra claim **{mapping.claim}**.")
    for value, role in mapping.values.items():
        lines.append(f"- `{value}` → {role.label}")
    lines.append(
        f"Alle andre, der logger ind, får rollen {mapping.default.label}."
        if mapping.default
        else "Alle andre, der logger ind, får ingen adgang."
    )
    return lines
