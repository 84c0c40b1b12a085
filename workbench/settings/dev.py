"""Local development: DEBUG on, SQLite under var/ unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, database_from_env

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
DATABASES = {"default": database_from_env(os.environ, BASE_DIR / "var" / "db.sqlite3")}
