"""``Segment.folded`` becomes a column the application keeps (see SegmentQuerySet): a generated
column called wb_fold() for every written row, which cost PostgreSQL ~130 µs per segment
(translate() over a 116-character table).  Existing rows are filled by wb_fold() once.

The full-text index becomes ``folded::tsvector``: ``folded`` is already the words, space
separated, so the cast reads them as lexemes as they are (no text-search parser, which cost
~25 µs a row on every insert and may split words differently from the folding), and a
prefix query on it finds exactly what SQLite's LIKE ' term' finds."""

from django.db import migrations, models

OLD_INDEX = ("CREATE INDEX segment_folded_fts ON alignment_segment "
             "USING gin (to_tsvector('simple'::regconfig, folded))")
INDEX = "CREATE INDEX segment_folded_words ON alignment_segment USING gin ((folded::tsvector))"


def drop_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS segment_folded_fts")


def create_old_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(OLD_INDEX)


def backfill(apps, schema_editor):
    schema_editor.execute("UPDATE alignment_segment SET folded = wb_fold(text)")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS segment_folded_words")


class Migration(migrations.Migration):
    dependencies = [("alignment", "0010_segment_unit_restrict")]

    operations = [
        migrations.RunPython(drop_old_index, create_old_index),
        migrations.RemoveField(model_name="segment", name="folded"),
        migrations.AddField(model_name="segment", name="folded",
                            field=models.TextField(default="", editable=False)),
        migrations.RunPython(backfill, drop_index),
    ]
