"""Spreadsheet plumbing for the import-export resources: formats that escape formula-like
cells (CSV injection) and strict widgets whose bad values raise ValueError with a message
import-export reports under the column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile

import tablib
from import_export import widgets
from import_export.formats import base_formats

from alignment.exchange.langcodes import language_for_code
from alignment.models import Statement

# OWASP "CSV injection": a cell starting with one of these is a formula to a spreadsheet.
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
_ESCAPED = re.compile(r"^'+[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")


def formula_escape(value):
    """Prefix ``'`` to a text cell a spreadsheet would run as a formula (numbers stay numbers).
    Reversible: cells already starting with quotes before a trigger get one more."""
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.match(value):
        return "'" + value
    return value


def formula_unescape(value):
    if isinstance(value, str) and _ESCAPED.match(value):
        return value[1:]
    return value


def _mapped(dataset: tablib.Dataset, function) -> tablib.Dataset:
    result = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        result.append([function(cell) for cell in row])
    return result


class ImportFileError(ValueError):
    """The file as a whole is refused (format, columns, duplicate keys); no row was imported."""


def _decoded(in_stream) -> str:
    if isinstance(in_stream, str):
        return in_stream
    try:
        return bytes(in_stream).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = bytes(in_stream)[: exc.start].count(b"\n") + 1
        raise ImportFileError(f"line {line}: not valid UTF-8; save the file as UTF-8 and import again") from None


class SafeCSV(base_formats.CSV):
    """CSV read strictly: a row with more or fewer cells than the header (a truncated file,
    a stray delimiter) or an unterminated quote refuses the file instead of importing blanks."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(_mapped(dataset, formula_escape), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        reader = csv.reader(io.StringIO(_decoded(in_stream), newline=""), strict=True)
        records: list[tuple[int, list[str]]] = []
        try:
            for record in reader:
                records.append((reader.line_num, record))
        except csv.Error as exc:
            raise ImportFileError(f"line {reader.line_num}: {exc} (a truncated file?)") from None
        while records and not any(cell.strip() for cell in records[-1][1]):
            records.pop()
        if not records:
            raise ImportFileError("the file is empty")
        headers = records[0][1]
        dataset = tablib.Dataset(headers=headers)
        for number, (line, record) in enumerate(records[1:], 1):
            if len(record) != len(headers):
                raise ImportFileError(f"row {number} (line {line}) has {len(record)} cells, the header has "
                                      f"{len(headers)} (a truncated file or a stray delimiter?)")
            dataset.append([formula_unescape(cell) for cell in record])
        return dataset


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        return super().export_data(_mapped(dataset, formula_escape), **kwargs)

    def create_dataset(self, in_stream):
        try:
            dataset = super().create_dataset(in_stream)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, StopIteration) as exc:
            raise ImportFileError(f"not a readable XLSX workbook (truncated, or another format): {exc}") from None
        return _mapped(dataset, formula_unescape)


class SafeJSON(base_formats.JSON):
    """A JSON list of objects with the same keys.  tablib alone takes the first object's keys
    as headers and the values of every object in their own order, so an object whose keys
    come in another order would land in the wrong columns: it is matched by key here."""

    def create_dataset(self, in_stream, **kwargs):
        try:
            data = json.loads(_decoded(in_stream))
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                                  "a truncated file?") from None
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise ImportFileError("expected a JSON list of objects, one per row")
        headers = list(data[0]) if data else []
        dataset = tablib.Dataset(headers=headers)
        for number, item in enumerate(data, 1):
            missing, extra = set(headers) - set(item), set(item) - set(headers)
            if missing or extra:
                missing_keys, extra_keys = ", ".join(sorted(missing)) or "none", ", ".join(sorted(extra)) or "none"
                raise ImportFileError(f"row {number}: its keys differ from the first row's "
                                      f"(missing: {missing_keys}; extra: {extra_keys})")
            for key, value in item.items():
                if isinstance(value, (dict, list)):
                    raise ImportFileError(f"row {number}, column {key}: expected text, a number or true/false")
            dataset.append([item[key] for key in headers])
        return dataset


EXCHANGE_FORMATS = [SafeCSV, SafeXLSX, SafeJSON]


# Widgets: every bad value raises ValueError, which import-export reports under its column.

class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


class IsoDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value or "").strip())
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class StrictBooleanWidget(widgets.Widget):
    TRUE, FALSE = {"1", "true", "yes"}, {"0", "false", "no"}

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = str(value if value is not None else "").strip().lower()
        if text.endswith(".0"):  # spreadsheets store 1 and 0 as floats
            text = text[:-2]
        if text in self.TRUE | self.FALSE:
            return text in self.TRUE
        raise ValueError(f"expected true or false (1 or 0), got {value!r}")

    def render(self, value, obj=None, **kwargs):
        return "true" if value else "false"


class LanguageWidget(widgets.Widget):
    """A Language by its code; ``az-AZ``, ``AZ`` and ``az_Latn`` denote ``az``."""

    def __init__(self, required: bool = True):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            if self.required:
                raise ValueError("a language code is required")
            return None
        return language_for_code(str(value))  # UnknownLanguage is a ValueError

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class StatementWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        statement = Statement.objects.filter(slug=slug).first()
        if statement is None:
            raise ValueError(f"no statement with the slug {slug!r}")
        return statement

    def render(self, value, obj=None, **kwargs):
        return value.slug if value else ""
