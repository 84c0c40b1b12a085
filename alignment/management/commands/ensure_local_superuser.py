import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

LOCAL_USERNAME = "admin"
LOCAL_PASSWORD = "workbench-local"


class Command(BaseCommand):
    help = "Create the local-only superuser admin / workbench-local (refused with production settings)."

    def handle(self, **options):
        module = os.environ.get("DJANGO_SETTINGS_MODULE", "")
        if module.endswith(".prod") or not settings.DEBUG:
            raise CommandError("Refusing to create the local superuser outside development settings.")
        User = get_user_model()
        if User.objects.filter(username=LOCAL_USERNAME).exists():
            self.stdout.write(f"local superuser '{LOCAL_USERNAME}' already exists")
            return
        User.objects.create_superuser(LOCAL_USERNAME, "admin@localhost", LOCAL_PASSWORD)
        self.stdout.write(
            f"created local superuser '{LOCAL_USERNAME}' / '{LOCAL_PASSWORD}' (for local use only)"
        )
