"""Language codes as other tools write them (``az-AZ``, ``AZ``, ``az_Latn``, ``aze``) mapped to
the Language they denote; every importer resolves codes here so the rules hold in one place.

A code resolves to a Language when, after canonical casing (``az-cyrl`` -> ``az-Cyrl``),
it equals a stored code, or equals one once a region subtag is dropped, or once the
language's default script (``Latn`` for Azerbaijani, ``Cyrl`` for Russian) is dropped.
``az-Cyrl`` does not resolve to ``az``: a different script is a different text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from alignment.models import Language

# ISO 639-2/3 synonyms of the two-letter codes BCP 47 prefers (some CAT tools write these).
_THREE_LETTER = {"aze": "az", "azj": "az", "rus": "ru", "eng": "en", "tur": "tr", "deu": "de", "ger": "de",
                 "fra": "fr", "fre": "fr", "ukr": "uk", "kat": "ka", "geo": "ka", "hye": "hy", "arm": "hy",
                 "fas": "fa", "per": "fa", "ara": "ar"}
# IANA "Suppress-Script": the script a language is written in unless said otherwise.
_DEFAULT_SCRIPT = {"az": "Latn", "en": "Latn", "ru": "Cyrl", "tr": "Latn", "de": "Latn", "fr": "Latn",
                   "uk": "Cyrl", "ka": "Geor", "hy": "Armn", "fa": "Arab", "ar": "Arab", "he": "Hebr"}
_SUBTAG = re.compile(r"^[A-Za-z0-9]{1,8}$")


class UnknownLanguage(ValueError):
    """A language code that names no Language of the workbench."""


def canonical_code(code: str) -> str:
    """``AZ_latn_az`` -> ``az-Latn-AZ``: BCP 47 casing, hyphens, two-letter language where known."""
    raw = (code or "").strip()
    parts = raw.replace("_", "-").split("-")
    if not raw or not all(_SUBTAG.match(part) for part in parts) or not parts[0].isalpha():
        raise UnknownLanguage(f"{code!r} is not a language code")
    language = parts[0].lower()
    result = [_THREE_LETTER.get(language, language)]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            result.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            result.append(part.upper())
        else:
            result.append(part.lower())
    return "-".join(result)


def _candidates(canonical: str) -> list[str]:
    parts = canonical.split("-")
    language, rest = parts[0], parts[1:]
    script = next((p for p in rest if len(p) == 4 and p.isalpha()), None)
    regions = [p for p in rest if len(p) in (2, 3) and (p.isupper() or p.isdigit())]
    without_region = "-".join([language] + ([script] if script else []))
    candidates = [canonical, without_region]
    if script and _DEFAULT_SCRIPT.get(language) == script:
        candidates += ["-".join([language] + regions), language]
    elif not script:
        candidates.append(language)
    return list(dict.fromkeys(candidates))


def language_for_code(code: str, languages: Iterable[Language] | None = None) -> Language:
    """The Language ``code`` denotes, or UnknownLanguage saying which codes are known."""
    known = {language.code.lower(): language for language in (languages if languages is not None
                                                                else Language.objects.all())}
    for candidate in _candidates(canonical_code(code)):
        if candidate.lower() in known:
            return known[candidate.lower()]
    listed = ", ".join(sorted(language.code for language in known.values()))
    raise UnknownLanguage(f"unknown language code {code!r} (known: {listed}; add a language in the admin first)")


def languages_for_codes(codes: str | Iterable[str], languages: Iterable[Language] | None = None) -> list[Language]:
    """Resolve a comma-separated list (``"az,ru,en"``) or a sequence of codes, refusing repeats."""
    if isinstance(codes, str):
        codes = [code for code in codes.split(",") if code.strip()]
    pool = list(languages) if languages is not None else list(Language.objects.all())
    resolved: list[Language] = []
    for code in codes:
        language = language_for_code(code, pool)
        if language in resolved:
            raise UnknownLanguage(f"language {language.code!r} is given twice (as {code!r})")
        resolved.append(language)
    if not resolved:
        raise UnknownLanguage("no language codes given")
    return resolved
