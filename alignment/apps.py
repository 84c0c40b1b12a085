from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _register_sqlite_functions(sender, connection, **kwargs):
    """SQLite gets wb_fold as a Python function; PostgreSQL has it from a migration."""
    if connection.vendor == "sqlite":
        from alignment.textfold import fold

        connection.connection.create_function("wb_fold", 1, fold, deterministic=True)


class AlignmentConfig(AppConfig):
    name = "alignment"
    verbose_name = "Alignment workbench"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_functions, dispatch_uid="alignment-wb-fold")
