"""Admin registrations; the alignment editor views are wired in statement.py via get_urls."""

from . import corpus  # noqa: F401
