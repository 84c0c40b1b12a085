"""A dump of every table an import may touch, to assert that a refused import changed nothing."""

from alignment.models import (
    AlignmentUnit,
    Language,
    Operation,
    Segment,
    Statement,
    Version,
)


def db_state() -> dict:
    return {
        "languages": list(Language.objects.order_by("code").values_list("code", "name")),
        "statements": list(Statement.objects.order_by("pk").values_list(
            "pk", "slug", "title", "date_issued", "published", "alignment_revision")),
        "versions": list(Version.objects.order_by("pk").values_list(
            "pk", "statement_id", "language_id", "title", "origin", "status", "next_key")),
        "segments": list(Segment.objects.order_by("pk").values_list(
            "pk", "version_id", "position", "key", "kind", "text", "unit_id")),
        "units": list(AlignmentUnit.objects.order_by("pk").values_list(
            "pk", "statement_id", "position", "status", "score", "note")),
        "operations": Operation.objects.count(),
        "history": [model.history.count() for model in (Statement, Version, Segment, AlignmentUnit)],
    }
