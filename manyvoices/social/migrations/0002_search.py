"""Full-text search structures, each only on its own database vendor:

- PostgreSQL: a stored generated tsvector column `search` on posts (title weighted A, body
  B), comments and profiles, each with a GIN index;
- SQLite: FTS5 external-content tables (Porter stemmer) kept in step by triggers.

A later migration that makes SQLite rebuild one of these tables drops its triggers: it
must create them again (call `_sqlite` here).
"""

from typing import Any

from django.db import migrations

# (table, {column: weight})
TABLES = {
    "social_post": {"title": "A", "body": "B"},
    "social_comment": {"body": "B"},
    "social_profile": {"search_text": "B"},
}


def _postgres(table: str, columns: dict[str, str]) -> list[str]:
    vector = " || ".join(
        f"setweight(to_tsvector('english', coalesce({c}, '')), '{w}')" for c, w in columns.items()
    )
    return [
        f"ALTER TABLE {table} ADD COLUMN search tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {table}_search ON {table} USING GIN (search)",
    ]


def _sqlite(table: str, columns: dict[str, str]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='porter unicode61')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def forwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for table, columns in TABLES.items():
        if vendor == "postgresql":
            statements = _postgres(table, columns)
        elif vendor == "sqlite":
            statements = _sqlite(table, columns)
        else:
            raise RuntimeError(f"search needs PostgreSQL or SQLite, not {vendor}")
        for sql in statements:
            schema_editor.execute(sql)


def backwards(apps: Any, schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search")
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search")
        elif vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")


class Migration(migrations.Migration):
    dependencies = [("social", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
