"""Shared fixtures: the corpus is loaded once per test database; users for every role."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.utils import translation

from alignment.models import Statement
from alignment.services.corpus import corpus_load

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_8c9751fc2e1ae89c.txt"
CORPUS = Path(settings.WORKBENCH_CORPUS_DIR)
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every non-transactional test starts from the full corpus (rolled back after each test)."""
    with django_db_blocker.unblock():
        corpus_load(root=CORPUS)


@pytest.fixture(autouse=True)
def _default_language():
    """LocaleMiddleware leaves the last request's language active in the thread; a test that
    asks for the Azerbaijani interface must not change the messages later tests see."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def live_corpus(transactional_db):
    """Live-server tests are transactional: the tables are flushed after each one, data
    migrations included, so seed the languages and roles again (idempotent), then load the corpus."""
    for name, function in (("0002_seed_languages", "add_languages"), ("0003_roles", "add_roles"),
                           ("0008_quality_permissions", "add")):
        getattr(importlib.import_module(f"alignment.migrations.{name}"), function)(django_apps, None)
    corpus_load(root=CORPUS)


@pytest.fixture
def corpus_statement(db) -> Statement:
    return Statement.objects.get(slug="2007-01-19-ombudsman-17th-anniversary")


def _user(username: str, group: str | None = None, **extra) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "pw-" + username, is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def viewer(db) -> User:
    return _user("viewer", "viewers")


@pytest.fixture
def editor(db) -> User:
    return _user("editor", "editors")


@pytest.fixture
def reviewer(db) -> User:
    return _user("reviewer", "reviewers")


@pytest.fixture
def superuser(db) -> User:
    return _user("root", None, is_superuser=True)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
