import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alignment.models import Language, Segment, Version


def test_languages_are_seeded_and_more_can_be_added(db):
    assert set(Language.objects.values_list("code", flat=True)) >= {"az", "ru", "en"}
    cyrillic = Language(code="az-Cyrl", name="Azerbaijani (Cyrillic)", native_name="Азәрбајҹан дили")
    cyrillic.full_clean()
    with pytest.raises(ValidationError):
        Language(code="Azeri!", name="x", native_name="x").full_clean()


def test_one_version_per_language(corpus_statement):
    english = corpus_statement.versions.get(language__code="en")
    with pytest.raises(IntegrityError), transaction.atomic():
        Version.objects.create(statement=corpus_statement, language=english.language, title="again")


def test_segment_positions_and_keys_are_unique_per_version(corpus_statement):
    english = corpus_statement.versions.get(language__code="en")
    first = english.segments.get(position=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Segment.objects.create(version=english, position=0, key="en-999", text="x", unit=first.unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Segment.objects.create(version=english, position=999, key=first.key, text="x", unit=first.unit)
    with pytest.raises(IntegrityError), transaction.atomic():
        Segment.objects.create(version=english, position=999, key="en-999", text="", unit=first.unit)


def test_scores_stay_in_range(corpus_statement):
    unit = corpus_statement.units.first()
    unit.score = 1.5
    with pytest.raises(IntegrityError), transaction.atomic():
        unit.save()


def test_a_statement_can_be_deleted_with_everything_in_it_but_not_a_row_alone(corpus_statement):
    from django.db.models import RestrictedError

    unit = corpus_statement.units.first()
    with pytest.raises(RestrictedError), transaction.atomic():
        unit.delete()
    corpus_statement.delete()
    assert not Segment.objects.filter(version__statement_id=corpus_statement.pk).exists()
