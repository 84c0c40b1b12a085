"""An admin site wired the way the report asks StatementAdmin & co. to be wired, so the tests
drive the real django-import-export pages (upload, preview, confirm, export) end to end."""

from django.contrib import admin
from django.urls import path
from import_export.admin import ExportActionMixin, ImportExportMixin

from alignment.admin.corpus import AlignmentUnitAdmin, SegmentAdmin, StatementAdmin, VersionAdmin
from alignment.admin.exchange import (
    ExchangeImportExportMixin, export_tmx, export_tmx_confirmed, translation_import_urls,
)
from alignment.exchange.resources import AlignedRowsResource, SegmentResource, StatementResource, VersionResource
from alignment.models import AlignmentUnit, Segment, Statement, Version

site = admin.AdminSite(name="admin")


class StatementExchangeAdmin(ExchangeImportExportMixin, ImportExportMixin, StatementAdmin):
    resource_classes = [StatementResource]
    actions = [export_tmx, export_tmx_confirmed]

    def get_urls(self):
        return translation_import_urls(self) + super().get_urls()


class VersionExchangeAdmin(ExchangeImportExportMixin, ImportExportMixin, VersionAdmin):
    resource_classes = [VersionResource]


class SegmentExchangeAdmin(ExchangeImportExportMixin, ImportExportMixin, SegmentAdmin):
    resource_classes = [SegmentResource]


class AlignedRowsExportAdmin(ExchangeImportExportMixin, ExportActionMixin, AlignmentUnitAdmin):
    resource_classes = [AlignedRowsResource]


site.register(Statement, StatementExchangeAdmin)
site.register(Version, VersionExchangeAdmin)
site.register(Segment, SegmentExchangeAdmin)
site.register(AlignmentUnit, AlignedRowsExportAdmin)
urlpatterns = [path("admin/", site.urls)]
