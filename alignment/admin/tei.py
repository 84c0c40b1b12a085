"""TEI in the admin: the "Export TEI" action and the import page.

The import page works like django-import-export's: the upload is imported for real inside a
transaction that is rolled back (the preview), the file waits server-side under a random
token bound to the editor's session, and "Confirm import" imports it.  Wire both into
StatementAdmin: ``actions = [export_tei_action]`` and ``tei_import_urls(self)`` in
``get_urls``.
"""

from __future__ import annotations

import functools
import re
import secrets
import tempfile
import time
import zipfile
from io import BytesIO
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from alignment.exchange.tei import TEI_CONTENT_TYPE, tei_document_for
from alignment.models import Statement
from alignment.selectors import statement_aligned
from alignment.services.tei import TeiImportError, tei_import

PENDING_DIR = Path(tempfile.gettempdir()) / "workbench-tei-imports"
PENDING_MAX_AGE = 24 * 3600  # seconds a previewed upload waits for its confirmation
_SESSION_KEY = "tei_import_pending"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


@admin.action(description="Export TEI", permissions=["view"])
def export_tei_action(modeladmin, request, queryset):
    """One selected statement: its TEI document; several: a zip with one document each."""
    statements = list(queryset.select_related("original_language").order_by("slug"))
    if len(statements) == 1:
        response = HttpResponse(tei_document_for(statement_aligned(statements[0])), content_type=TEI_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{statements[0].slug}.tei.xml"'
        return response
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for statement in statements:
            archive.writestr(f"{statement.slug}.tei.xml", tei_document_for(statement_aligned(statement)))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="statements-tei.zip"'
    return response


class TeiImportForm(forms.Form):
    file = forms.FileField(
        label="TEI file",
        help_text="A TEI document or teiCorpus written by “Export TEI” or export_tei (hand edits allowed).",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.WORKBENCH_MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file has {upload.size:,} bytes; the limit is {settings.WORKBENCH_MAX_IMPORT_BYTES:,}.")
        return upload


def _stash(request, name: str, data: bytes) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    PENDING_DIR.mkdir(mode=0o700, exist_ok=True)
    for old in PENDING_DIR.glob("*.xml"):
        if time.time() - old.stat().st_mtime > PENDING_MAX_AGE:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (PENDING_DIR / f"{token}.xml").write_bytes(data)
    request.session[_SESSION_KEY] = {**request.session.get(_SESSION_KEY, {}), token: name}
    return token


def _unstash(request, token: str) -> tuple[str, bytes] | None:
    """The file previewed under ``token`` in this session, removed from the waiting room."""
    pending = dict(request.session.get(_SESSION_KEY, {}))
    if not _TOKEN.match(token) or token not in pending:
        return None
    name = pending.pop(token)
    request.session[_SESSION_KEY] = pending
    stored = PENDING_DIR / f"{token}.xml"
    try:
        data = stored.read_bytes()
    except FileNotFoundError:
        return None
    stored.unlink(missing_ok=True)
    return name, data


def tei_import_view(modeladmin, request):
    """Upload -> preview (a dry run) -> confirm; the import page of the statements admin."""
    if not (modeladmin.has_add_permission(request) and modeladmin.has_change_permission(request)):
        raise PermissionDenied
    opts = modeladmin.model._meta
    context = {**modeladmin.admin_site.each_context(request), "opts": opts, "title": "Import TEI",
               "max_bytes": settings.WORKBENCH_MAX_IMPORT_BYTES}
    form = TeiImportForm()
    if request.method == "POST" and "token" in request.POST:
        pending = _unstash(request, request.POST["token"])
        if pending is None:
            messages.error(request, "That preview has expired or was already imported; upload the file again.")
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_tei_import")
        name, data = pending
        try:
            report = tei_import(data=data, name=name, user=request.user)
        except TeiImportError as exc:  # the database changed since the preview
            context["error"] = str(exc)
        else:
            _log(modeladmin, request, report)
            modeladmin.message_user(request, report.summary().splitlines()[0], messages.SUCCESS)
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    elif request.method == "POST":
        form = TeiImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            try:
                context["report"] = tei_import(data=data, name=upload.name, dry_run=True, user=request.user)
            except TeiImportError as exc:
                context["error"] = str(exc)
            else:
                context["token"] = _stash(request, upload.name, data)
    context["form"] = form
    return TemplateResponse(request, "admin/alignment/tei_import.html", context)


def _log(modeladmin, request, report) -> None:
    touched = {o.slug: o.action for o in report.statements if o.action != "unchanged"}
    for statement in Statement.objects.filter(slug__in=touched):
        message = f"Imported from the TEI file {report.name}"
        if touched[statement.slug] == "created":
            modeladmin.log_addition(request, statement, message)
        else:
            modeladmin.log_change(request, statement, message)


def tei_import_urls(modeladmin) -> list:
    """The import page's URL, named ``admin:<app>_<model>_tei_import``; add it in get_urls."""
    opts = modeladmin.model._meta
    view = modeladmin.admin_site.admin_view(functools.partial(tei_import_view, modeladmin))
    return [path("import-tei/", view, name=f"{opts.app_label}_{opts.model_name}_tei_import")]
