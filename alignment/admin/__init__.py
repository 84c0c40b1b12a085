"""Admin registrations; the alignment editor views are wired in corpus.py via get_urls."""

from django.contrib import admin

from alignment.security import ThrottledAdminAuthenticationForm

from . import corpus, quality  # noqa: F401

admin.site.login_form = ThrottledAdminAuthenticationForm
admin.site.site_header = "Alignment workbench"
admin.site.site_title = "Alignment workbench"
