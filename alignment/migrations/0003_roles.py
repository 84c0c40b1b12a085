"""The three editorial roles as groups: viewers read the grid, editors edit, reviewers also approve."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["statement", "version", "segment", "alignmentunit", "language", "operation"]
ROLES = {
    "viewers": [f"view_{model}" for model in MODELS],
    "editors": [f"view_{model}" for model in MODELS]
    + ["change_statement", "change_version", "add_version", "change_segment", "change_alignmentunit", "add_operation",
       "confirm_unit"],
    "reviewers": [f"view_{model}" for model in MODELS]
    + ["change_statement", "change_version", "add_version", "change_segment", "change_alignmentunit", "add_operation",
       "confirm_unit", "approve_version"],
}


def add_roles(apps, schema_editor):
    # Permissions are normally created after migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="alignment", codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLES)).delete()


class Migration(migrations.Migration):
    dependencies = [("alignment", "0002_seed_languages"), ("auth", "0012_alter_user_first_name_max_length"),
                    ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(add_roles, remove_roles)]
