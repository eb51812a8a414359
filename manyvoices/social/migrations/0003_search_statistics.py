"""PostgreSQL only: ANALYZE keeps the frequencies of 10,000 lexemes of each searched
tsvector instead of 1,000, so the planner's estimate of a word's matches, which search.py
uses to choose how to find the newest matches, holds for words in 0.1-2 % of a million
posts too (below the kept list, every word is guessed at half the rarest kept one)."""

from typing import Any

from django.db import migrations

TABLES = ("social_post", "social_comment", "social_profile")


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search SET STATISTICS 1000")
        schema_editor.execute(f"ANALYZE {table} (search)")


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("social", "0002_search")]
    operations = [migrations.RunPython(forwards, backwards)]
