"""Record keys for cell-key perturbation: a stable random key 0..255 per citizen and per survey answer.

Each key is HMAC-SHA256(secret, id), first byte (and the second byte as an independent key for the noise
of means and medians). The secret is 32 random bytes created with the database and stored only in its
`installation_secret` table: it never leaves the store (no export, log or command prints it). The same
citizen therefore keeps the same key across imports, undo and restarts, and nobody without the database
can compute a key. Keys are computed in DuckDB SQL (HMAC built from two SHA-256 calls), set-based, for the
ids that have none yet; undo leaves keys in place (they depend only on the secret and the id).
"""

from __future__ import annotations

import secrets

import duckdb

KEY_DDL = [
    "CREATE TABLE IF NOT EXISTS installation_secret (secret BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS borger_keys (borger_id VARCHAR NOT NULL, rk SMALLINT NOT NULL, rk2 SMALLINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS besvarelse_keys "
    "(besvarelse_id VARCHAR NOT NULL, rk SMALLINT NOT NULL, rk2 SMALLINT NOT NULL)",
]

# (key table, id column, source tables)
_SOURCES = (
    ("borger_keys", "borger_id", ("indsatser", "progression")),
    ("besvarelse_keys", "besvarelse_id", ("borgeroplevelse",)),
)


def ensure_secret(con: duckdb.DuckDBPyConnection) -> bytes:
    """The installation's secret, created (32 random bytes) the first time."""
    row = con.execute("SELECT secret FROM installation_secret LIMIT 1").fetchone()
    if row:
        return bytes(row[0])
    secret = secrets.token_bytes(32)
    con.execute("INSERT INTO installation_secret VALUES (?)", [secret])
    return secret


def _pads(secret: bytes) -> tuple[bytes, bytes]:
    key = secret.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def hmac_sql(id_expr: str) -> str:
    """SQL for HMAC-SHA256($ipad/$opad, id) as a hex string (RFC 2104 with a 32-byte key)."""
    return f"sha256($opad::BLOB || unhex(sha256($ipad::BLOB || ({id_expr})::BLOB)))"


def refresh_record_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Give every citizen and answer in the data a key (only ids without one are computed)."""
    ipad, opad = _pads(ensure_secret(con))
    for table, col, sources in _SOURCES:
        ids = " UNION ".join(f"SELECT DISTINCT {col} FROM {src}" for src in sources)
        con.execute(
            f"INSERT INTO {table} SELECT id, ('0x' || h[1:2])::SMALLINT, ('0x' || h[3:4])::SMALLINT FROM ("
            f"SELECT id, {hmac_sql('id')} AS h FROM ({ids}) s(id) "
            f"WHERE id IS NOT NULL AND id NOT IN (SELECT {col} FROM {table}))",
            {"ipad": ipad, "opad": opad},
        )
