"""Take an online backup of the database while the site keeps serving.

SQLite: the backup API copies a consistent snapshot page by page (readers and
writers carry on; WAL keeps the snapshot stable), then the copy must pass
``PRAGMA integrity_check`` before it replaces the previous backup of the same
name. PostgreSQL: ``pg_dump --format=custom`` (restore with ``pg_restore``).
"""

import os
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections


class Command(BaseCommand):
    help = "Back up the database online (SQLite backup API, or pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help="File to write (default: var/backups/<database>-<UTC time>.<ext>).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options) -> None:
        alias = options["database"]
        vendor = connections[alias].vendor
        if vendor not in {"sqlite", "postgresql"}:
            raise CommandError(f"No backup method for {vendor}.")
        extension = "sqlite3" if vendor == "sqlite" else "dump"
        output = Path(options["output"] or default_output(extension))
        output.parent.mkdir(parents=True, exist_ok=True)
        if vendor == "sqlite":
            backup_sqlite(settings.DATABASES[alias]["NAME"], output)
        else:
            backup_postgresql(settings.DATABASES[alias], output)
        size = output.stat().st_size
        self.stdout.write(f"Backed up the database to {output} ({size:,} bytes).")


def default_output(extension: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"db-{stamp}.{extension}"


def backup_sqlite(source_path: str, output: Path) -> None:
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=settings.DATABASE_LOCK_TIMEOUT)
    target = sqlite3.connect(partial)
    try:
        # A few pages at a time, so writers are never held up for long.
        source.backup(target, pages=256)
        (result,) = target.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise CommandError(f"The backup failed its integrity check: {result}")
    finally:
        target.close()
        source.close()
    os.replace(partial, output)


def backup_postgresql(database: dict, output: Path) -> None:
    env = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    command = [
        "pg_dump",
        "--format=custom",
        "--no-owner",
        f"--file={output}",
        f"--host={database.get('HOST') or 'localhost'}",
        f"--port={database.get('PORT') or 5432}",
        f"--username={database.get('USER') or 'postgres'}",
        database["NAME"],
    ]
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise CommandError("pg_dump is not installed (postgresql-client).") from exc
    except subprocess.CalledProcessError as exc:
        raise CommandError(f"pg_dump failed: {exc.stderr.strip()}") from exc
