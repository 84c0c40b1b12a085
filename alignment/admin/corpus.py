"""ModelAdmins for languages, statements, versions, segments and rows."""

from django.contrib import admin
from django.db.models import Count
from import_export.admin import ExportActionMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from alignment.admin.editor import AlignmentEditor
from alignment.admin.exchange import (
    ExchangeImportExportMixin,
    export_tmx,
    export_tmx_confirmed,
    translation_import_urls,
)
from alignment.admin.quality import post_editing_effort
from alignment.admin.tei import export_tei_action, tei_import_urls
from alignment.exchange.resources import (
    AlignedRowsResource,
    SegmentResource,
    StatementResource,
    VersionResource,
)
from alignment.models import (
    AlignmentUnit,
    Language,
    Operation,
    Segment,
    Statement,
    Version,
)


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "native_name", "direction"]
    search_fields = ["code", "name", "native_name"]


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    fields = ["language", "title", "origin", "status", "translator"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("language")


@admin.register(Statement)
class StatementAdmin(ExchangeImportExportMixin, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [StatementResource]
    actions = [export_tei_action, export_tmx, export_tmx_confirmed]
    change_list_template = "admin/alignment/statement/change_list.html"
    list_display = ["title", "date_issued", "issuer", "author", "published", "version_count", "unit_count"]
    list_filter = ["published", "issuer", ("date_issued", admin.DateFieldListFilter), "versions__language"]
    search_fields = ["title", "slug", "author", "issuer", "occasion"]
    date_hierarchy = "date_issued"
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["original_language"]
    inlines = [VersionInline]
    readonly_fields = ["alignment_revision", "created_at", "updated_at"]
    change_form_template = "admin/alignment/statement/change_form.html"

    def get_urls(self):
        return (AlignmentEditor(self).urls() + translation_import_urls(self) + tei_import_urls(self)
                + super().get_urls())

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            version_total=Count("versions", distinct=True), unit_total=Count("units", distinct=True)
        )

    @admin.display(description="versions", ordering="version_total")
    def version_count(self, obj):
        return obj.version_total

    @admin.display(description="rows", ordering="unit_total")
    def unit_count(self, obj):
        return obj.unit_total


class SegmentInline(admin.TabularInline):
    model = Segment
    extra = 0
    fields = ["position", "key", "kind", "text"]
    readonly_fields = ["position", "key"]
    ordering = ["position"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # Segments are added by splitting or importing, so positions and rows stay consistent.
        return False


class YearListFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Statement.objects.dates("date_issued", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(statement__date_issued__year=int(self.value()))
        return queryset


@admin.register(Version)
class VersionAdmin(ExchangeImportExportMixin, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [VersionResource]
    list_display = ["statement", "language", "title", "origin", "status", "segment_count"]
    list_filter = ["language", "status", "origin", YearListFilter]
    search_fields = ["title", "statement__title", "statement__slug", "translator"]
    list_select_related = ["statement", "language"]
    inlines = [SegmentInline]
    readonly_fields = ["approved_by", "approved_at", post_editing_effort]
    autocomplete_fields = ["statement"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(segment_total=Count("segments"))

    @admin.display(description="segments", ordering="segment_total")
    def segment_count(self, obj):
        return obj.segment_total


@admin.register(Segment)
class SegmentAdmin(ExchangeImportExportMixin, ImportExportMixin, SimpleHistoryAdmin):
    resource_classes = [SegmentResource]
    list_display = ["key", "version", "position", "kind", "short_text"]
    list_filter = ["kind", "version__language", "version__origin"]
    search_fields = ["text", "key", "version__statement__slug"]
    list_select_related = ["version__statement", "version__language"]
    readonly_fields = ["version", "position", "key", "unit"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="text")
    def short_text(self, obj):
        return obj.text[:80]


@admin.register(AlignmentUnit)
class AlignmentUnitAdmin(ExchangeImportExportMixin, ExportActionMixin, SimpleHistoryAdmin):
    resource_classes = [AlignedRowsResource]
    list_display = ["__str__", "statement", "position", "status", "score", "confirmed_by"]
    list_filter = ["status", "statement"]
    search_fields = ["statement__slug", "note"]
    list_select_related = ["statement", "confirmed_by"]
    readonly_fields = ["statement", "position", "confirmed_by", "confirmed_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "statement", "kind", "description", "user", "undone"]
    list_filter = ["kind", "undone"]
    list_select_related = ["statement", "user"]
    search_fields = ["statement__slug", "description"]
    readonly_fields = [f.name for f in Operation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
