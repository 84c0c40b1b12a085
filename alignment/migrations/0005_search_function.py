"""wb_fold() and a full-text index on segments for PostgreSQL (SQLite registers the
function at connection time, see apps.py)."""

from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS segment_text_fts ON alignment_segment "
    "USING gin (to_tsvector('simple'::regconfig, wb_fold(text)))"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from alignment.textfold import postgres_function_sql

    schema_editor.execute(postgres_function_sql())
    schema_editor.execute(INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS segment_text_fts")
    schema_editor.execute("DROP FUNCTION IF EXISTS wb_fold(text)")


class Migration(migrations.Migration):
    dependencies = [("alignment", "0004_quality_and_reports")]
    operations = [migrations.RunPython(forwards, backwards)]
