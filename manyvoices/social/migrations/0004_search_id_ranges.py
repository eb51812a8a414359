"""PostgreSQL only: a BRIN index on the id of posts and comments (a few pages each: ids
grow with the table, so each block range holds a narrow range of ids). search.py ANDs it
with the GIN index to visit only the heap pages of the newest matches of a word, instead
of every page holding one (autosummarize: new pages are summarised by autovacuum; until
then they are always visited, which stays correct)."""

from typing import Any

from django.db import migrations

TABLES = ("social_post", "social_comment")


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"CREATE INDEX {table}_id_brin ON {table} USING brin (id) WITH (autosummarize = on)"
        )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_id_brin")


class Migration(migrations.Migration):
    dependencies = [("social", "0003_search_statistics")]
    operations = [migrations.RunPython(forwards, backwards)]
