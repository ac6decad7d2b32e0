"""The intake commands of the CLI: demo, import, history, undo, template, migrate (Danish output, JSON on request)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import duckdb

import settings
from intake.result import ImportResult
from store.bootstrap import store_exists
from store.db import DatabaseLocked, connect
from store.engine import CATALOGUE_FILE, FILES_DIR, StoreError
from textsafe import safe, safe_message

MAX_SHOWN_ERRORS = 200


def _emit_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


def _fail(message: str, as_json: bool, code: int = 1) -> int:
    if as_json:
        _emit_json({"status": "error", "message": message})
    else:
        sys.stderr.write(message + "\n")
    return code


def _target(args: argparse.Namespace) -> str:
    """The store a command works on: --db, else the configured one (PEJLING_DB, else PEJLING_STORE)."""
    return str(args.db) if args.db else settings.store()


def _open(args: argparse.Namespace) -> duckdb.DuckDBPyConnection:
    """Open --db as given (a new path starts empty); the configured store gets demo data when first created."""
    if args.db:
        return connect(args.db)
    from demo.bootstrap import open_database

    return open_database()


class MissingDatabase(Exception):
    """A command that only reads (or undoes) was pointed at a store that does not exist."""


def _open_existing(args: argparse.Namespace) -> duckdb.DuckDBPyConnection:
    """Open a store that must already exist: commands that read never create one."""
    target = _target(args)
    try:
        found = store_exists(target)
    except StoreError as exc:
        raise DatabaseLocked(str(exc)) from None
    if not found:
        from demo.bootstrap import refuse_unmigrated

        refuse_unmigrated(target)  # the default store is missing beside an earlier file: say migrate, not demo
        raise MissingDatabase(
            f"Lageret {safe(target)} findes ikke – intet er oprettet. Tjek stien, eller opret et lager med "
            "'.venv/bin/python cli.py demo' (demodata) eller ved at importere et udtræk."
        )
    return connect(target)


def _local_path(target: str) -> Path | None:
    """The path of a local store (a lake folder or a DuckDB file); None for PostgreSQL and memory."""
    if target == ":memory:" or target.startswith(("postgresql://", "postgres://")):
        return None
    return Path(target).expanduser().resolve()


def _first_missing(path: Path | None) -> Path | None:
    """The outermost of the path's parts that does not exist yet (what creating the store would create)."""
    if path is None:
        return None
    missing = None
    for part in [path, *path.parents]:
        if part.exists():
            break
        missing = part
    return missing


def _remove_created(path: Path | None, first_missing: Path | None) -> None:
    """Remove a store this command created (a lake folder's catalogue and files, or a DuckDB file and its WAL),
    and the folders it created for it."""
    if path is None or first_missing is None:
        return
    if path.is_dir():  # a lake store: its catalogue (with SQLite's side files) and its data files
        for name in ("", "-wal", "-shm", "-journal"):
            (path / f"{CATALOGUE_FILE}{name}").unlink(missing_ok=True)
        shutil.rmtree(path / FILES_DIR, ignore_errors=True)
        folder = path
    else:
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        folder = path.parent
    while first_missing in (folder, *folder.parents) and folder.exists():
        try:
            folder.rmdir()  # only empty folders; anything else someone put there stays
        except OSError:
            break
        if folder == first_missing:
            break
        folder = folder.parent


def _demo(args: argparse.Namespace) -> int:
    from demo.bootstrap import create_demo_database

    target = args.db or settings.store()
    if store_exists(target):
        print(f"Lageret {target} findes allerede og er ikke ændret. Slet det for at oprette demodata på ny.")
        return 0
    if str(target).startswith(("postgresql://", "postgres://")):
        return _fail("Demodata oprettes kun i et lokalt lager (en mappe).", False, 2)
    create_demo_database(Path(target)).close()
    print(f"Lageret {target} er oprettet med syntetiske demodata.")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from store.engine import parse
    from store.migrate import MigrationRefused, migrate

    source = Path(args.source) if args.source else settings.LEGACY_DB
    target = args.to or settings.store()
    if not source.is_file():
        return _fail(f"Den gamle database {source} findes ikke.", args.json, 2)
    try:
        counts = migrate(source, target)
    except MigrationRefused as exc:
        return _fail(str(exc), args.json)
    ok = all(c.ok for c in counts)
    shown = parse(target).describe()
    if args.json:
        _emit_json(
            {
                "status": "migrated" if ok else "mismatch",
                "source": str(source),
                "target": shown,
                "tables": [{"table": c.table, "source": c.source, "target": c.target} for c in counts],
            }
        )
    else:
        print(f"Flytter {source} til lageret {shown}:")
        for c in counts:
            mark = "ok" if c.ok else "AFVIGER"
            print(f"  {c.table:<28} {c.source:>10} rækker før  {c.target:>10} efter  {mark}")
        if ok:
            print(f"Alle tabeller er flyttet, og antallet af rækker stemmer. {source} er ikke ændret og kan slettes.")
        else:
            print("Antallet af rækker stemmer ikke for alle tabeller: brug ikke det nye lager, og kontakt support.")
    return 0 if ok else 1


def _print_result(result: ImportResult, filename: str) -> None:
    filename = safe(filename, 120)
    for w in result.warnings:
        print(f"Advarsel: {safe_message(w)}")
    if result.status == "imported":
        print(
            f"Importeret {filename} som import {result.batch} ({result.extract}): {result.rows} rækker, "
            f"{result.inserted} nye, {result.updated} opdaterede, {result.unchanged} uændrede."
        )
    elif result.status == "unchanged":
        print(f"Ingen ændringer: {filename} indeholder intet nyt ({result.rows} rækker er allerede gemt).")
    else:
        n = len(result.errors)
        print(f"Filen {filename} er afvist – intet er gemt. {n} fejl:")
        rows = [("Ark", "Række", "Kolonne", "Værdi", "Fejl")]
        for e in result.errors[:MAX_SHOWN_ERRORS]:
            rows.append(
                (
                    safe(e.sheet),
                    "" if e.row is None else str(e.row),
                    safe(e.column),
                    safe(e.value, 30),
                    safe_message(e.message),
                )
            )
        widths = [min(max(len(r[i]) for r in rows), 30) for i in range(4)]
        for r in rows:
            cells = [r[i][:30].ljust(widths[i]) for i in range(4)]
            print("  ".join(cells) + "  " + r[4])
        if n > MAX_SHOWN_ERRORS:
            print(f"… og {n - MAX_SHOWN_ERRORS} fejl mere (brug --json for hele listen).")


def _import(args: argparse.Namespace) -> int:
    from store.imports import import_file

    path = Path(args.file)
    if not path.is_file():
        return _fail(f"Filen {safe(args.file)} findes ikke.", args.json, 2)
    target = _local_path(_target(args))
    created = _first_missing(target)
    try:
        con = _open(args)
        try:
            result = import_file(con, path.read_bytes(), path.name, extract=args.type, user=args.user)
        finally:
            con.close()
    except BaseException:
        _remove_created(target, created)
        raise
    if result.status not in {"imported", "unchanged"}:
        _remove_created(target, created)  # a refused import into a new path leaves nothing behind
    if args.json:
        _emit_json(result.to_json())
    else:
        _print_result(result, path.name)
    return 0 if result.status in {"imported", "unchanged"} else 1


def _history(args: argparse.Namespace) -> int:
    from store.imports import history

    con = _open_existing(args)
    try:
        items = history(con)
    finally:
        con.close()
    items = [{**h, "file": safe(h["file"]), "user": safe(h["user"])} for h in items]
    if args.json:
        _emit_json(items)
        return 0
    if not items:
        print("Ingen importer endnu.")
        return 0
    status_da = {"imported": "importeret", "unchanged": "uændret", "undone": "fortrudt"}
    print(
        f"{'Import':>6}  {'Status':<10}  {'Udtræk':<15}  {'Tidspunkt':<19}  {'Bruger':<12}  {'Rækker':>7}  {'Nye':>7}  {'Opd.':>7}  Fil"
    )
    for h in items:
        print(
            f"{h['batch']:>6}  {status_da.get(h['status'], h['status']):<10}  {h['extract']:<15}  {h['at'] or '':<19}  "
            f"{safe(h['user'], 12):<12}  {h['rows']:>7}  {h['inserted']:>7}  {h['updated']:>7}  {safe(h['file'])}"
        )
    return 0


def _undo(args: argparse.Namespace) -> int:
    from store.imports import undo

    con = _open_existing(args)
    try:
        result = undo(con, args.batch, user=getattr(args, "user", None))
    finally:
        con.close()
    if args.json:
        _emit_json(result.to_json())
    else:
        print(result.message, file=sys.stdout if result.status == "undone" else sys.stderr)
    return 0 if result.status == "undone" else 1


def _template(args: argparse.Namespace) -> int:
    from schemas.template import build_template

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build_template())
    print(f"Skabelonen er skrevet til {out}.")
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one intake command and return its exit code (0 ok, 1 refused/failed, 2 usage)."""
    handlers = {
        "demo": _demo,
        "import": _import,
        "history": _history,
        "undo": _undo,
        "template": _template,
        "migrate": _migrate,
    }
    as_json = bool(getattr(args, "json", False))
    try:
        return handlers[args.command](args)
    except (DatabaseLocked, MissingDatabase, StoreError) as exc:
        return _fail(str(exc), as_json)
    except duckdb.Error as exc:
        return _fail(f"Databasen kunne ikke bruges ({type(exc).__name__}). Intet er ændret.", as_json)
    except OSError as exc:
        return _fail(f"Filen kunne ikke læses eller skrives: {exc.strerror or exc}.", as_json)
