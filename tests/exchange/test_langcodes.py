"""Language codes from other tools resolve to the workbench's languages, or are refused."""

import pytest

from alignment.exchange.langcodes import (
    UnknownLanguage,
    canonical_code,
    language_for_code,
    languages_for_codes,
)
from alignment.models import Language


@pytest.mark.parametrize("code, canonical", [
    ("AZ", "az"), ("az_Latn", "az-Latn"), ("az-latn-az", "az-Latn-AZ"), ("EN-us", "en-US"),
    ("rus", "ru"), ("es-419", "es-419"), (" ru_RU ", "ru-RU"),
])
def test_canonical_code(code, canonical):
    assert canonical_code(code) == canonical


@pytest.mark.parametrize("code", ["", "  ", "az--AZ", "12", "az AZ", "*all*", "en-US-toolongsubtag"])
def test_malformed_codes_are_refused(code):
    with pytest.raises(UnknownLanguage, match="is not a language code"):
        canonical_code(code)


@pytest.mark.parametrize("code, expected", [
    ("az", "az"), ("AZ", "az"), ("az-AZ", "az"), ("az_Latn", "az"), ("az-Latn-AZ", "az"), ("aze", "az"),
    ("ru-RU", "ru"), ("ru-Cyrl", "ru"), ("en-GB", "en"), ("ENG", "en"),
])
def test_codes_resolve_to_the_language_they_denote(db, code, expected):
    assert language_for_code(code).code == expected


@pytest.mark.parametrize("code", ["az-Cyrl", "ru-Latn", "de", "x-klingon", "tlh"])
def test_other_scripts_and_unknown_languages_are_refused(db, code):
    with pytest.raises(UnknownLanguage, match=r"unknown language code .* \(known: az, en, ru; add a language"):
        language_for_code(code)


def test_a_stored_script_variant_wins_over_the_default(db):
    cyrillic = Language.objects.create(code="az-Cyrl", name="Azerbaijani (Cyrillic)", native_name="Азәрбајҹан")
    assert language_for_code("az_cyrl_AZ") == cyrillic
    assert language_for_code("az-Latn").code == "az"


def test_lists_of_codes(db):
    assert [lang.code for lang in languages_for_codes("az-AZ, RU,en")] == ["az", "ru", "en"]
    with pytest.raises(UnknownLanguage, match="language 'az' is given twice \\(as 'az_Latn'\\)"):
        languages_for_codes(["az", "az_Latn"])
    with pytest.raises(UnknownLanguage, match="no language codes given"):
        languages_for_codes(" , ")
