"""The SQLite file behind loopprep: opening it, migrating it, and writing in transactions.

One `Store` per process and thread; WAL mode and a busy timeout let the CLI and the web
app work on the same file at once without losing each other's writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from loopprep.errors import StoreError
from loopprep.home import database_path
from loopprep.store.faults import explain


def _migrations() -> list[tuple[str, str]]:
    """(name, sql) for every schema step shipped with loopprep, in order."""
    folder = resources.files(__package__).joinpath("schema")
    steps = [(p.name[:-4], p.read_text("utf-8")) for p in folder.iterdir() if p.name.endswith(".sql")]
    return sorted(steps)


class Store:
    """An open loopprep database. Reads use `conn`; writes go through `transaction()`."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *,
                 read_only: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating if needed) the database at `path` and bring its schema up to date.
        A database that exists in a home that cannot be written is opened read-only: every
        reading command works, and a write says the home is read-only."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            if path.exists():
                return cls._open_read_only(path)
            raise StoreError(f"cannot open the loopprep database at {path}: {exc}") from None
        store = cls(conn, path)
        try:
            store._configure()
            store.migrate()
        except sqlite3.Error as exc:
            conn.close()
            if path.exists() and any(w in str(exc).lower() for w in ("readonly", "unable to open")):
                return cls._open_read_only(path)
            raise explain(exc, path) from None
        return store

    @classmethod
    def _open_read_only(cls, path: Path) -> Store:
        # immutable: with the folder read-only SQLite cannot make the WAL index beside it
        for query in ("mode=ro", "mode=ro&immutable=1"):
            try:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True,
                                       isolation_level=None, check_same_thread=False)
                conn.row_factory = sqlite3.Row
                done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
                break
            except sqlite3.Error as exc:
                error = exc
                continue
        else:
            raise explain(error, path) from None
        if {name for name, _ in _migrations()} - done:
            conn.close()
            raise StoreError(f"the loopprep home {path.parent} is read-only, and its database "
                             "needs an upgrade this version of loopprep must write",
                             hint="Make the folder writable once, or use --home.")
        return cls(conn, path, read_only=True)

    @classmethod
    def in_home(cls, home: Path) -> Store:
        return cls.open(database_path(home))

    @classmethod
    def memory(cls) -> Store:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(conn, None)
        store._configure()
        store.migrate()
        return store

    def _configure(self) -> None:
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA busy_timeout = 30000")
            if self.path is not None:
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA cache_size = -32000")  # 32 MB: a large import stays in memory
        except sqlite3.DatabaseError as exc:
            if "not a database" not in str(exc).lower():
                raise  # damaged, full, read-only or busy: Store.open says which
            raise StoreError(
                f"{self.path} is not a loopprep database ({exc})",
                hint="Point --home at another folder, or move this file aside.",
            ) from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: taken at once (BEGIN IMMEDIATE), all or nothing."""
        if self.conn.in_transaction:
            yield self.conn  # nested: the outer transaction commits
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            # SQLite may already have rolled back itself (a full disk does that): a second
            # ROLLBACK would raise "no transaction is active" over the real error
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply every shipped migration not yet recorded in the database; return their names."""
        try:
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        except sqlite3.DatabaseError as exc:
            if "not a database" not in str(exc).lower():
                raise  # damaged, full, read-only or busy: Store.open says which
            raise StoreError(f"{self.path} is not a loopprep database ({exc})") from None
        done = set(self.applied_migrations())
        shipped = _migrations()
        unknown = done - {name for name, _ in shipped}
        if unknown:
            raise StoreError(
                f"{self.path} was written by a newer loopprep (migrations {sorted(unknown)})",
                hint="Upgrade loopprep to open this database.",
            )
        applied = []
        for name, sql in shipped:
            if name in done:
                continue
            with self.transaction() as conn:
                for statement in _statements(sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                    (name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
            applied.append(name)
        return applied

    def data_version(self) -> int:
        """A number that changes whenever another connection (this process or another) has
        committed to the database since this one last looked: cheap change detection."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements (sqlite3.complete_statement knows quoting)."""
    out: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()
    ):
        out.append(buffer.strip())
    return out
