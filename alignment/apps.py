from django.apps import AppConfig


class AlignmentConfig(AppConfig):
    name = "alignment"
    verbose_name = "Alignment workbench"
    default_auto_field = "django.db.models.BigAutoField"
