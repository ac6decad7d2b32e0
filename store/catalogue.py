"""The editable intervention catalogue stored in DuckDB."""

from __future__ import annotations

import duckdb
import pandas as pd

from schemas.catalogue import DEFAULT_CATALOGUE, HOUSING_FIRST_PREFIX


def seed_default_catalogue(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the catalogue with the default from the data contract."""
    for row in DEFAULT_CATALOGUE:
        con.execute(
            "INSERT OR REPLACE INTO katalog VALUES (?, ?, ?, ?, ?, ?)",
            [row["indsats"], row["lovgrundlag"], row["trin"], row["fokusområder"], row["metode"], row["behandling"]],
        )


def load_catalogue(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return the catalogue as a DataFrame (one row per intervention type)."""
    return con.execute(
        "SELECT indsats, lovgrundlag, trin, fokusomraader, metode, behandling, "
        f"coalesce(starts_with(metode, '{HOUSING_FIRST_PREFIX}'), false) AS housing_first "
        "FROM katalog ORDER BY trin, indsats"
    ).df()


def catalogue_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Return the intervention names in the catalogue."""
    return [r[0] for r in con.execute("SELECT indsats FROM katalog ORDER BY trin, indsats").fetchall()]
