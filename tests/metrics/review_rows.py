"""Row builders shared by the contract-review tests: insert hand-made rows with SQL, read figures back."""

from __future__ import annotations

from datetime import date

from metrics.engine import compute

RAAD = "Rådgivning og vejledning"  # step 1

_answer_ids = {"n": 0}


def d(value):
    """A date from ISO text (or the value itself)."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def ep(con, borger, indsats=RAAD, start="2024-01-01", slut=None, fy=1990, **cols):
    """Insert one episode (SQL column names); an ended episode gets 'Mål nået' unless a reason is given."""
    row = {
        "borger_id": borger,
        "foedselsaar": fy,
        "indsats": indsats,
        "startdato": d(start),
        "slutdato": d(slut),
        "maalgrupper": cols.pop("maalgrupper", []),
    }
    if slut is not None:
        row["afslutningsaarsag"] = cols.pop("afslutningsaarsag", "Mål nået")
    for key, value in cols.items():
        row[key] = d(value) if key == "henvisningsdato" else value
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO indsatser ({names}, batch) VALUES ({marks}, 1)", list(row.values()))


def meas(con, borger, when, domain, score):
    """Insert one progression measurement."""
    con.execute(
        "INSERT INTO progression (borger_id, maaledato, domaene, score, batch) VALUES (?, ?, ?, ?, 1)",
        [borger, d(when), domain, score],
    )


def ans(con, dato="2025-06-01", fy=1990, **cols):
    """Insert one survey answer with a fresh id."""
    _answer_ids["n"] += 1
    row = {"besvarelse_id": f"ans-{_answer_ids['n']:05d}", "dato": d(dato), "foedselsaar": fy, **cols}
    names = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO borgeroplevelse ({names}, batch) VALUES ({marks}, 1)", list(row.values()))


def fig(con, indicator, period="2025", filters=None, min_n=None):
    """The single total Result of one indicator."""
    (res,) = compute(con, [indicator], period, filters, None, min_n, protect=min_n is not None)
    return res


def kn(res):
    """(numerator, denominator) of an unsuppressed share."""
    assert not res.suppressed, (res.display, res.reason)
    return res.numerator, res.denominator


def by(con, indicator, dim, period="2025", filters=None, min_n=None):
    """Breakdown Results keyed by the group value."""
    return {r.group[dim]: r for r in compute(con, [indicator], period, filters, dim, min_n, protect=min_n is not None)}
