"""Seed the first three languages; more are added in the admin (data, not code)."""

from django.db import migrations

LANGUAGES = [
    ("az", "Azerbaijani", "Azərbaycan dili", "ltr"),
    ("en", "English", "English", "ltr"),
    ("ru", "Russian", "Русский", "ltr"),
]


def add_languages(apps, schema_editor):
    Language = apps.get_model("alignment", "Language")
    for code, name, native, direction in LANGUAGES:
        Language.objects.update_or_create(
            code=code, defaults={"name": name, "native_name": native, "direction": direction}
        )


def remove_languages(apps, schema_editor):
    Language = apps.get_model("alignment", "Language")
    Language.objects.filter(code__in=[row[0] for row in LANGUAGES], versions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("alignment", "0001_initial")]
    operations = [migrations.RunPython(add_languages, remove_languages)]
