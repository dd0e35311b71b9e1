"""Portal accounts: clerks of one unit and the office's reviewers, with argon2 password hashes.

Accounts live in their own SQLite file beside the ledger (they change: a password is reset, an
account disabled), while every login and decision is appended to the ledger's audit log.
Passwords and API tokens are shown once, when made, and only their hashes are kept: argon2 for
passwords, which people choose and remember; sha256 for tokens, 192 random bits that no
dictionary holds, so a slow hash would only make every upload wait.
"""

import hashlib
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from orchestration import settings

ROLES = {"clerk": "填报员", "reviewer": "区科经局审核人"}
_HASHER = PasswordHasher()  # argon2id with the library's recommended memory and time costs
# Verified when no account matches, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("tineng-no-such-account")
_SCHEMA = """
create table if not exists accounts (
    name text primary key,
    role text not null check (role in ('clerk', 'reviewer')),
    unit_code text,                 -- the clerk's unit; null for reviewers
    password_hash text not null,
    token_hash text unique,         -- sha256 of the API token, null until one is made
    created_at text not null,
    disabled_at text
);
"""


class AccountError(Exception):
    """The account cannot be made or changed (message in Chinese first)."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    unit_code: str | None
    created_at: str
    disabled_at: str | None

    @property
    def is_reviewer(self) -> bool:
        return self.role == "reviewer"


def _now() -> str:
    return datetime.now(ZoneInfo(settings.TIMEZONE)).isoformat(timespec="seconds")


@contextmanager
def connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    path = path or settings.accounts_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        connection.executescript(_SCHEMA)
        yield connection
    finally:
        connection.close()


def _account(row: tuple | None) -> Account | None:
    return None if row is None else Account(*row)


_COLUMNS = "name, role, unit_code, created_at, disabled_at"


def new_password() -> str:
    return secrets.token_urlsafe(12)


def add(connection: sqlite3.Connection, name: str, role: str, unit_code: str | None) -> str:
    """Make the account; returns its one-time password."""
    if role not in ROLES:
        raise AccountError(
            f"角色应为 clerk（填报员）或 reviewer（审核人），收到“{role}”。Role must be clerk or reviewer."
        )
    if role == "clerk" and not unit_code:
        raise AccountError("填报员必须属于一个单位（--unit）。A clerk belongs to a unit.")
    if not name.strip():
        raise AccountError("账号名不能为空。The account name must not be empty.")
    password = new_password()
    try:
        connection.execute(
            "insert into accounts (name, role, unit_code, password_hash, created_at) values (?, ?, ?, ?, ?)",
            [name, role, unit_code if role == "clerk" else None, _HASHER.hash(password), _now()],
        )
    except sqlite3.IntegrityError as exists:
        raise AccountError(f"账号“{name}”已存在。The account {name!r} exists.") from exists
    return password


def all_accounts(connection: sqlite3.Connection) -> list[Account]:
    rows = connection.execute(f"select {_COLUMNS} from accounts order by role, unit_code, name").fetchall()  # noqa: S608
    return [Account(*row) for row in rows]


def get(connection: sqlite3.Connection, name: str) -> Account | None:
    return _account(connection.execute(f"select {_COLUMNS} from accounts where name = ?", [name]).fetchone())  # noqa: S608


def disable(connection: sqlite3.Connection, name: str) -> None:
    cursor = connection.execute(
        "update accounts set disabled_at = ?, token_hash = null where name = ? and disabled_at is null",
        [_now(), name],
    )
    if cursor.rowcount == 0:
        raise AccountError(f"没有可停用的账号“{name}”。No active account {name!r}.")


def new_token(connection: sqlite3.Connection, name: str) -> str:
    """A new API token for the account (the previous one stops working); shown once."""
    account = get(connection, name)
    if account is None or account.disabled_at:
        raise AccountError(f"没有可用的账号“{name}”。No active account {name!r}.")
    token = f"tn_{secrets.token_urlsafe(24)}"
    connection.execute("update accounts set token_hash = ? where name = ?", [_token_hash(token), name])
    return token


def check_password(connection: sqlite3.Connection, name: str, password: str) -> Account | None:
    """The account when the name and password match an active account, else None."""
    row = connection.execute(
        f"select {_COLUMNS}, password_hash from accounts where name = ?",  # noqa: S608
        [name],
    ).fetchone()
    if row is None or row[4]:
        _verify(_DUMMY_HASH, password)
        return None
    return Account(*row[:5]) if _verify(row[5], password) else None


def check_token(connection: sqlite3.Connection, token: str) -> Account | None:
    row = connection.execute(
        f"select {_COLUMNS} from accounts where token_hash = ? and disabled_at is null",  # noqa: S608
        [_token_hash(token)],
    ).fetchone()
    return _account(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _verify(hashed: str, secret: str) -> bool:
    try:
        return _HASHER.verify(hashed, secret)
    except (VerificationError, InvalidHashError):
        return False
