"""Give the editorial roles their permissions on the QA models (review queue, dismissals, reports)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view_qafinding", "view_qadismissal", "view_problemreport"]
EDIT = VIEW + ["add_qadismissal", "change_qadismissal", "change_problemreport"]
ROLES = {"viewers": VIEW, "editors": EDIT, "reviewers": EDIT + ["delete_qadismissal"]}


def _permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="alignment", codename__in=codenames)


def add(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLES.items():
        for group in Group.objects.filter(name=name):
            group.permissions.add(*_permissions(apps, codenames))


def remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codenames in ROLES.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*_permissions(apps, codenames))


class Migration(migrations.Migration):
    dependencies = [("alignment", "0007_operation_discarded")]
    operations = [migrations.RunPython(add, remove)]
