"""django-import-export resources: statements, versions and segments (import and export) and
the aligned rows (export: one row per AlignmentUnit, one column per language).

Imports are all or nothing (``rollback_on_validation_errors`` is always on), refuse a file
with missing key columns, unknown columns or duplicate keys before any row is read, and
report each bad value as ``row N, column C``.  Spreadsheet formats escape formula-like
cells on export and unescape them on import (:mod:`alignment.exchange.spreadsheet`).
"""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources, widgets

from alignment.exchange.langcodes import UnknownLanguage, language_for_code
from alignment.exchange.spreadsheet import (  # noqa: F401  (formats re-exported for the admin)
    EXCHANGE_FORMATS,
    ImportFileError,
    IsoDateWidget,
    LanguageWidget,
    SafeCSV,
    SafeJSON,
    SafeXLSX,
    StatementWidget,
    StrictBooleanWidget,
    TextWidget,
    formula_escape,
    formula_unescape,
)
from alignment.models import AlignmentUnit, Language, Segment, Statement, Version
from alignment.services.editing import segment_edit
from alignment.services.operations import OperationError


def _key(column: str, value) -> str:
    text = str(value if value is not None else "").strip()
    if column == "language" and text:
        try:
            return language_for_code(text).code
        except UnknownLanguage:
            return text
    return text


class ExchangeResource(resources.ModelResource):
    """All-or-nothing imports with errors named by row and column."""

    key_columns: tuple[str, ...] = ()
    readonly_columns: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # select_related on export: no query per row
    allow_new = True
    new_refused = ""

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.related) if self.related else queryset

    def get_user_visible_fields(self):
        """The columns the import page lists: the key and the fields an import changes."""
        return [field for field in self.get_import_fields()
                if field.column_name in self.key_columns or (field.attribute and not field.readonly)]

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.import_user = kwargs.get("user")
        headers = [str(h) for h in (dataset.headers or [])]
        known = [field.column_name for field in self.fields.values()]
        missing = [column for column in self.key_columns if column not in headers]
        if missing:
            raise ImportFileError(f"missing column(s) {', '.join(missing)} "
                                  f"(the file has: {', '.join(headers) or 'none'})")
        unknown = [header for header in headers if header not in known]
        if unknown:
            raise ImportFileError(f"unknown column(s) {', '.join(unknown)} (known: {', '.join(known)})")
        seen: dict[tuple, int] = {}
        for number, row in enumerate(dataset.dict, 1):
            key = tuple(_key(column, row.get(column)) for column in self.key_columns)
            if key in seen:
                shown = ", ".join(f"{column} {value!r}" for column, value in zip(self.key_columns, key))
                raise ImportFileError(f"rows {seen[key]} and {number} have the same key ({shown})")
            seen[key] = number

    def _by_column(self, error: ValidationError) -> ValidationError:
        columns = {field.attribute: field.column_name for field in self.fields.values() if field.attribute}
        errors = error.update_error_dict({})
        return ValidationError({columns.get(key, key): value for key, value in errors.items()})

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:  # a bad key value: reported under its column by after_init_instance
            return None

    def after_init_instance(self, instance, new, row, **kwargs):
        if new and not self.allow_new:
            errors = {}
            for column in self.key_columns:
                try:
                    self.fields[column].clean(row)
                except ValueError as exc:
                    errors[column] = [str(exc)]
            raise ValidationError(errors or {self.key_columns[-1]: self.new_refused.format(**{
                column: _key(column, row.get(column)) for column in self.key_columns})})

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = self._by_column(exc).update_error_dict(errors)
        if instance.pk:
            for column in self.readonly_columns:
                if column in row and column not in errors:
                    now = str(self.export_field(self.fields[column], instance))
                    if str(row[column] if row[column] is not None else "").strip() != now:
                        errors[column] = [f"read-only in this import (it is {now!r})"]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as exc:
            raise self._by_column(exc) from None


def import_errors(result) -> list[str]:
    """Every problem of an import result, one line each: ``row N, column C: message``."""
    lines = [f"file: {error.error}" for error in result.base_errors]
    for number, errors in result.row_errors():
        lines.extend(f"row {number}: {error.error}" for error in errors)
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            where = f"row {invalid.number}" + ("" if column == NON_FIELD_ERRORS else f", column {column}")
            lines.append(f"{where}: {' '.join(messages)}")
    return lines


class StatementResource(ExchangeResource):
    slug = fields.Field(attribute="slug", column_name="slug", widget=TextWidget())
    title = fields.Field(attribute="title", column_name="title", widget=TextWidget())
    date_issued = fields.Field(attribute="date_issued", column_name="date_issued", widget=IsoDateWidget())
    original_language = fields.Field(attribute="original_language", column_name="original_language",
                                     widget=LanguageWidget(required=False))
    published = fields.Field(attribute="published", column_name="published", widget=StrictBooleanWidget())
    key_columns = ("slug",)
    related = ("original_language",)

    class Meta:
        model = Statement
        fields = ("slug", "title", "date_issued", "issuer", "author", "occasion", "source", "source_url",
                  "original_language", "published", "editorial_note")
        import_id_fields = ("slug",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        return TextWidget if f.get_internal_type() in ("CharField", "TextField", "URLField", "SlugField") else \
            super().widget_from_django_field(f, default)


class VersionResource(ExchangeResource):
    """Version metadata; new versions come from a text (import_text), approval from a reviewer."""

    statement = fields.Field(attribute="statement", column_name="statement", widget=StatementWidget())
    language = fields.Field(attribute="language", column_name="language", widget=LanguageWidget())
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    key_columns = ("statement", "language")
    readonly_columns = ("status",)
    related = ("statement", "language")
    allow_new = False
    new_refused = ("{statement} has no {language} version: add translations with “Add or replace a "
                   "translation” or import_text")

    class Meta:
        model = Version
        fields = ("statement", "language", "title", "origin", "translator", "source_url", "status")
        import_id_fields = ("statement", "language")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    widget_from_django_field = StatementResource.widget_from_django_field


class SegmentResource(ExchangeResource):
    """Segment texts by statement, language and key; a changed text is an editor's edit
    (history and operation log), positions and kinds are read-only."""

    statement = fields.Field(column_name="statement")
    language = fields.Field(column_name="language")
    key = fields.Field(attribute="key", column_name="key", readonly=True)
    position = fields.Field(attribute="position", column_name="position", readonly=True)
    kind = fields.Field(attribute="kind", column_name="kind", readonly=True)
    text = fields.Field(attribute="text", column_name="text", widget=TextWidget())
    key_columns = ("statement", "language", "key")
    readonly_columns = ("position", "kind")
    related = ("version__statement", "version__language")
    allow_new = False
    new_refused = ("no segment {key} in the {language} version of {statement}: segments are added by "
                   "importing a text or splitting in the editor")

    class Meta:
        model = Segment
        fields = ("statement", "language", "key", "position", "kind", "text")
        import_id_fields = ("key",)
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Segment.objects.select_related("version__statement", "version__language")

    def get_instance(self, instance_loader, row):
        try:
            language = language_for_code(str(row.get("language") or ""))
        except UnknownLanguage:
            return None
        return self.get_queryset().filter(
            version__statement__slug=_key("statement", row.get("statement")), version__language=language,
            key=_key("key", row.get("key"))).first()

    def dehydrate_statement(self, segment: Segment) -> str:
        return segment.version.statement.slug

    def dehydrate_language(self, segment: Segment) -> str:
        return segment.version.language.code

    def save_instance(self, instance, is_create, row, **kwargs):
        try:
            segment_edit(segment=instance, text=instance.text, by=getattr(self, "import_user", None), revision=None)
        except OperationError as exc:
            raise ValidationError({"text": str(exc)}) from None


class AlignedRowsResource(resources.ModelResource):
    """Export only: one row per AlignmentUnit, one text column per language (a cell's
    segments separated by a blank line)."""

    statement = fields.Field(column_name="statement")
    row = fields.Field(column_name="row")
    anchor = fields.Field(column_name="anchor")

    class Meta:
        model = AlignmentUnit
        fields = ("statement", "row", "anchor", "status", "score", "note")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.codes = list(Language.objects.order_by("code").values_list("code", flat=True))
        for code in self.codes:
            self.fields[code] = fields.Field(column_name=code, dehydrate_method=self._text_of(code))

    def _text_of(self, code: str):
        return lambda unit: "\n\n".join(s.text for s in self._cells(unit).get(code, []))

    @staticmethod
    def _cells(unit: AlignmentUnit) -> dict[str, list[Segment]]:
        cells: dict[str, list[Segment]] = {}
        for segment in sorted(unit.segments.all(), key=lambda s: (s.version.language.code, s.position)):
            cells.setdefault(segment.version.language.code, []).append(segment)
        return cells

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("statement").prefetch_related("segments__version__language").order_by(
            "statement__date_issued", "statement__slug", "position")

    def dehydrate_statement(self, unit: AlignmentUnit) -> str:
        return unit.statement.slug

    def dehydrate_row(self, unit: AlignmentUnit) -> int:
        return unit.position + 1

    def dehydrate_anchor(self, unit: AlignmentUnit) -> str:
        segments = sorted(unit.segments.all(), key=lambda s: (s.version_id, s.position))
        return segments[0].key if segments else ""

    def import_data(self, dataset, **kwargs):
        raise ImportFileError("aligned rows are export only: change rows in the alignment editor")
