"""The store is the one door to the history: no SQL and no ``sqlite3`` outside it.

Every query of the app (study, stats, history import and export, the screens
and commands) goes through :class:`quizapp.core.store.Store`, so a second
backend implements that protocol and nothing else changes. This test reads
every module of ``quizapp/`` outside ``quizapp/core/store/`` and fails on an
import of ``sqlite3``, a call of ``execute``/``executemany``/``executescript``,
or SQL in a string literal (f-strings included).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import quizapp

PACKAGE = Path(quizapp.__file__).resolve().parent
STORE = PACKAGE / "core" / "store"
EXECUTE_CALLS = {"execute", "executemany", "executescript"}
# SQL as it is written: statements with their second keyword, or SQLite-only words.
SQL_PATTERNS = [
    re.compile(r"\bSELECT\b[\s\S]*\bFROM\b"),
    re.compile(r"\bINSERT\s+(OR\s+\w+\s+)?INTO\b", re.IGNORECASE),
    re.compile(r"\bUPDATE\s+\w+\s+SET\b"),
    re.compile(r"\bDELETE\s+FROM\b"),
    re.compile(r"\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIEW|TRIGGER)\b", re.IGNORECASE),
    re.compile(r"\bPRAGMA\s+\w+", re.IGNORECASE),
    re.compile(r"\bBEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED)\b", re.IGNORECASE),
    re.compile(r"\bjson_(extract|each)\s*\(", re.IGNORECASE),
    re.compile(r"\bsqlite_master\b", re.IGNORECASE),
    # lowercase SQL: a keyword before one of the history's tables
    re.compile(r"\b(FROM|INTO|UPDATE|JOIN|TABLE)\s+(reviews|card_state|quiz_sessions)\b", re.I),
    re.compile(r"\b(WHERE|GROUP BY|ORDER BY)\b[\s\S]*\?"),
]


def string_parts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string literal, the literal parts of f-strings included."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def violations(source: str, name: str = "<source>") -> list[str]:
    """What breaks the boundary in one module's source, as ``name:line: what``."""
    tree = ast.parse(source, name)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                f"{name}:{node.lineno}: imports sqlite3"
                for alias in node.names
                if alias.name.split(".")[0] == "sqlite3"
            ]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlite3":
            found.append(f"{name}:{node.lineno}: imports from sqlite3")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in EXECUTE_CALLS
        ):
            found.append(f"{name}:{node.lineno}: calls .{node.func.attr}()")
    for line, text in string_parts(tree):
        for pattern in SQL_PATTERNS:
            if pattern.search(text):
                found.append(f"{name}:{line}: SQL in a string: {text.strip()[:60]!r}")
                break
    return found


def modules_outside_store() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if STORE not in p.parents)


def test_no_sql_outside_the_store() -> None:
    modules = modules_outside_store()
    assert len(modules) > 20, "the package was not found"
    found = [
        v
        for path in modules
        for v in violations(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    ]
    assert found == []


def test_the_store_itself_is_scanned_the_same_way() -> None:
    """The check finds the store's own SQL: it would find it anywhere else."""
    found = [v for p in STORE.glob("sqlite*.py") for v in violations(p.read_text("utf-8"))]
    assert any("imports sqlite3" in v for v in found)
    assert any("calls .execute()" in v for v in found)
    assert any("SQL in a string" in v for v in found)


@pytest.mark.parametrize(
    "source",
    [
        "import sqlite3",
        "import sqlite3 as db",
        "from sqlite3 import connect",
        "conn.execute('x')",
        "cursor.executemany(q, rows)",
        "c.executescript(s)",
        "q = 'SELECT count(*) FROM reviews'",
        "q = f'SELECT {cols} FROM card_state WHERE deck_id = ?'",
        "q = 'select id from quiz_sessions'.upper()",
        "q = 'insert into reviews VALUES (1)'",
        "q = 'UPDATE card_state SET leech = 1'",
        "q = 'DELETE FROM reviews'",
        "q = 'create table t (x)'",
        "q = 'PRAGMA user_version'",
        "q = \"json_extract(state_before, '$.state')\"",
        "q = 'deck_id = ? ' + 'AND x' if a else 'WHERE deck_id = ?'",
    ],
)
def test_each_kind_of_sql_is_caught(source: str) -> None:
    assert violations(source)


@pytest.mark.parametrize(
    "source",
    [
        "'''Select a deck from the list, then update the settings.'''",
        "text = 'Delete the card from the deck? (y/n)'",
        "store.record_review(review)",
        "import sqlite_utils_not_really",
        "label = 'Order by due date'",
    ],
)
def test_prose_is_not_sql(source: str) -> None:
    assert violations(source) == []
