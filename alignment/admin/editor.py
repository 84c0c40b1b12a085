"""The alignment editor: the n-way grid and its operations, wired into StatementAdmin
through get_urls the way django.contrib.auth.admin adds its password view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from alignment import selectors
from alignment.admin.grid import grid_rows, ladder_bands
from alignment.models import (
    AlignmentUnit,
    EditorPreference,
    Segment,
    Statement,
    Version,
)
from alignment.services import editing
from alignment.services.hooks import after_alignment_change
from alignment.services.operations import (
    OperationError,
    StaleRevision,
    forget_recorded,
    last_changed_units,
    last_recorded,
    operation_redo,
    operation_undo,
    undo_available,
)

LOW_SCORE = 0.5


class BadRequest(Exception):
    """A tampered or incomplete operation request."""


def _int(post, name: str) -> int:
    try:
        return int(post[name])
    except (KeyError, ValueError, TypeError):
        raise BadRequest(f"The request is missing a valid '{name}'.") from None


def _unit(statement: Statement, post) -> AlignmentUnit:
    unit = AlignmentUnit.objects.filter(pk=_int(post, "unit"), statement=statement).select_related("statement").first()
    if unit is None:
        raise BadRequest("That row does not belong to this statement (or no longer exists).")
    return unit


def _version(statement: Statement, post) -> Version:
    version = Version.objects.filter(pk=_int(post, "version"), statement=statement).select_related("language").first()
    if version is None:
        raise BadRequest("That version does not belong to this statement.")
    return version


def _segment(statement: Statement, post) -> Segment:
    segment = (Segment.objects.filter(pk=_int(post, "segment"), version__statement=statement)
               .select_related("version__statement", "version__language").first())
    if segment is None:
        raise BadRequest("That segment does not belong to this statement (or no longer exists).")
    return segment


def _keep(statement: Statement, post) -> dict[int, int]:
    keep = {}
    for name, value in post.items():
        if name.startswith("keep_"):
            try:
                keep[int(name[5:])] = int(value)
            except ValueError:
                raise BadRequest(f"'{name}' must be a whole number.") from None
    if not keep:
        raise BadRequest("Say how many segments of each column stay in the upper row.")
    return keep


# op name -> (permission codename, callable(statement, post, user, revision))
OPERATIONS = {
    "merge": ("change_alignmentunit", lambda s, p, u, r: editing.unit_merge(unit=_unit(s, p), by=u, revision=r)),
    "split": ("change_alignmentunit",
              lambda s, p, u, r: editing.unit_split(unit=_unit(s, p), keep=_keep(s, p), by=u, revision=r)),
    "shift-up": ("change_alignmentunit", lambda s, p, u, r: editing.unit_shift(
        unit=_unit(s, p), version=_version(s, p), direction="up", by=u, revision=r)),
    "shift-down": ("change_alignmentunit", lambda s, p, u, r: editing.unit_shift(
        unit=_unit(s, p), version=_version(s, p), direction="down", by=u, revision=r)),
    "insert-empty": ("change_alignmentunit", lambda s, p, u, r: editing.unit_insert_empty(
        unit=_unit(s, p), version=_version(s, p), by=u, revision=r)),
    "confirm": ("confirm_unit", lambda s, p, u, r: editing.unit_confirm(unit=_unit(s, p), by=u, revision=r)),
    "confirm-above": ("confirm_unit",
                      lambda s, p, u, r: editing.units_confirm_above(unit=_unit(s, p), by=u, revision=r)),
    "flag": ("change_alignmentunit",
             lambda s, p, u, r: editing.unit_flag(unit=_unit(s, p), note=p.get("note", ""), by=u, revision=r)),
    "unflag": ("change_alignmentunit", lambda s, p, u, r: editing.unit_unflag(unit=_unit(s, p), by=u, revision=r)),
    "edit": ("change_segment",
             lambda s, p, u, r: editing.segment_edit(segment=_segment(s, p), text=p.get("text", ""), by=u, revision=r)),
    "split-segment": ("change_segment", lambda s, p, u, r: editing.segment_split(
        segment=_segment(s, p), offset=_int(p, "offset"), by=u, revision=r)),
    "merge-segments": ("change_segment",
                       lambda s, p, u, r: editing.segment_merge(segment=_segment(s, p), by=u, revision=r)),
    "realign": ("change_alignmentunit", lambda s, p, u, r: editing.statement_realign(
        statement=s, by=u, revision=r, method=p.get("method") or "default")),
    "undo": ("change_alignmentunit", lambda s, p, u, r: operation_undo(statement=s, user=u, revision=r)),
    "redo": ("change_alignmentunit", lambda s, p, u, r: operation_redo(statement=s, user=u, revision=r)),
}


def _columns(request, available: list[Version]) -> list[Version]:
    """The versions to show, in order: asked for in the URL (then remembered), or remembered."""
    codes = request.GET.getlist("v")
    preference = EditorPreference.objects.filter(user=request.user).first()
    if codes:
        EditorPreference.objects.update_or_create(user=request.user, defaults={"columns": codes})
    elif preference:
        codes = preference.columns
    chosen = [v for code in codes for v in available if v.language.code == code]
    return chosen or available


class AlignmentEditor:
    """Views of the grid for one ModelAdmin (StatementAdmin)."""

    def __init__(self, model_admin):
        self.admin = model_admin

    def _statement(self, request, object_id) -> Statement:
        statement = self.admin.get_object(request, unquote(object_id))
        if statement is None:
            raise Http404("No statement with that id.")
        if not self.admin.has_view_permission(request, statement):
            raise PermissionDenied
        return statement

    def grid(self, request, object_id):
        statement = self._statement(request, object_id)
        all_versions = selectors.statement_versions(statement)
        versions = _columns(request, all_versions)
        aligned = selectors.statement_aligned(statement, versions, with_findings=True)
        undo, redo = undo_available(statement)
        user = request.user
        ladder = selectors.alignment_ladder(aligned)
        can_edit = user.has_perm("alignment.change_alignmentunit")
        can_confirm = user.has_perm("alignment.confirm_unit")
        context = {
            **self.admin.admin_site.each_context(request),
            "title": f"Align: {statement.title}",
            "opts": self.admin.model._meta,
            "original": statement,
            "statement": statement,
            "aligned": aligned,
            "all_versions": all_versions,
            "ladder": ladder,
            "ladder_bands": ladder_bands(ladder),
            "grid_rows": grid_rows(aligned, low_score=LOW_SCORE, can_edit=can_edit, can_confirm=can_confirm),
            "low_score": LOW_SCORE,
            "undo_op": undo,
            "redo_op": redo,
            "can_edit": can_edit,
            "can_edit_text": user.has_perm("alignment.change_segment"),
            "can_confirm": can_confirm,
            "can_approve": user.has_perm("alignment.approve_version"),
            "op_url": reverse("admin:alignment_statement_align_op", args=[statement.pk]),
        }
        return TemplateResponse(request, "admin/alignment/statement/align.html", context)

    def operate(self, request, object_id):
        statement = self._statement(request, object_id)
        wants_json = "application/json" in request.headers.get("Accept", "")
        name = request.POST.get("op", "")
        try:
            if name == "approve":
                return self._approve(request, statement, wants_json)
            if name not in OPERATIONS:
                raise BadRequest(f"Unknown operation {name!r}.")
            permission, perform = OPERATIONS[name]
            if not request.user.has_perm(f"alignment.{permission}"):
                raise PermissionDenied
            revision = _int(request.POST, "revision")
            forget_recorded()
            perform(statement, request.POST, request.user, revision)
        except StaleRevision as exc:
            return self._answer(request, statement, wants_json, False, str(exc), status=409, stale=True)
        except (OperationError, BadRequest) as exc:
            return self._answer(request, statement, wants_json, False, str(exc), status=400)
        statement.refresh_from_db(fields=["alignment_revision"])
        self.admin.log_change(request, statement, f"Alignment editor: {name}")
        after_alignment_change(statement, last_changed_units())
        recorded = last_recorded()
        return self._answer(request, statement, wants_json, True, f"Done: {name}.",
                            operation=recorded.pk if recorded else None)

    def _approve(self, request, statement, wants_json):
        if not request.user.has_perm("alignment.approve_version"):
            raise PermissionDenied
        version = _version(statement, request.POST)
        editing.version_approve(version=version, by=request.user)
        self.admin.log_change(request, statement, f"Approved the {version.language.code} version")
        return self._answer(request, statement, wants_json, True, f"Approved the {version.language.code} version.")

    def _answer(self, request, statement, wants_json, ok, message, status=200, stale=False, operation=None):
        if wants_json:
            return JsonResponse({"ok": ok, "message": message, "stale": stale, "operation": operation,
                                 "revision": statement.alignment_revision}, status=status)
        self.admin.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
        return HttpResponseRedirect(reverse("admin:alignment_statement_align", args=[statement.pk]))

    def urls(self):
        from django.urls import path

        site = self.admin.admin_site
        return [
            path("<path:object_id>/align/", site.admin_view(self.grid), name="alignment_statement_align"),
            path("<path:object_id>/align/op/", site.admin_view(require_POST(self.operate)),
                 name="alignment_statement_align_op"),
        ]
