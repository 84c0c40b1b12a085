"""The public reader: thin views over selectors and services."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from alignment import selectors
from alignment.exchange.tei import TEI_CONTENT_TYPE, tei_document_for
from alignment.exchange.tmx import TMX_CONTENT_TYPE, tmx_document_for
from alignment.forms import ProblemReportForm, SearchForm, StatementFilterForm
from alignment.models import Language, Statement
from alignment.search import hits_load, hits_with_counterparts, query_terms, search_hits
from alignment.services.reports import ReportRefused, problem_report_create
from alignment.textfold import MAX_QUERY_LENGTH

PAGE_SIZE = 20


def _published_or_404(slug: str) -> Statement:
    try:
        return selectors.statement_by_slug(slug, published_only=True)
    except Statement.DoesNotExist:
        raise Http404(_("No published statement with that address.")) from None


@require_GET
def statement_list(request):
    form = StatementFilterForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Invalid filter."))
    statements = selectors.statements_published()
    filters = form.cleaned_data
    if filters["year"]:
        statements = statements.filter(date_issued__year=filters["year"])
    if filters["issuer"]:
        statements = statements.filter(issuer=filters["issuer"])
    if filters["language"]:
        statements = statements.filter(versions__language__code=filters["language"])
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    language = get_language()
    for statement in page.object_list:
        versions = list(statement.versions.all())
        statement.display_title = next((v.title for v in versions if v.language.code == language), statement.title)
        statement.language_codes = sorted(v.language.code for v in versions)
    return render(request, "alignment/statement_list.html", {
        "page": page, "filters": filters,
        "facets": selectors.published_facets(),
        "query_string": request.GET.urlencode(),
    })


def _statement_etag(request, slug, *args, **kwargs):
    stamp = selectors.statement_stamp(slug)
    if stamp is None:
        return None
    key = "|".join([stamp, request.GET.urlencode(), get_language() or ""])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _languages_from(request) -> list[str] | HttpResponseBadRequest:
    codes = []
    known = set(Language.objects.values_list("code", flat=True))
    for code in request.GET.getlist("lang"):
        if code not in known:
            return HttpResponseBadRequest(_("Unknown language code."))
        if code not in codes:
            codes.append(code)
    return codes


@require_GET
@condition(etag_func=_statement_etag)
def statement_detail(request, slug):
    statement = _published_or_404(slug)
    codes = _languages_from(request)
    if isinstance(codes, HttpResponse):
        return codes
    all_versions = selectors.statement_versions(statement)
    versions = selectors.versions_ordered(statement, all_versions, codes or None)
    if codes and len(versions) != len(codes):
        return HttpResponseBadRequest(_("This statement has no version in one of the languages asked for."))
    aligned = selectors.statement_aligned(statement, versions)
    return render(request, "alignment/statement_detail.html", {
        "statement": statement, "aligned": aligned, "all_versions": all_versions,
        "column_links": selectors.column_links(reverse("alignment:statement_detail", args=[slug]),
                                               [v.language.code for v in versions],
                                               [v.language.code for v in all_versions]),
        "report_key": request.GET.get("report", ""),
        "lang_query": "".join(f"lang={code}&" for code in codes),
    })


@require_GET
@condition(etag_func=_statement_etag)
def statement_tei(request, slug):
    statement = _published_or_404(slug)
    response = HttpResponse(tei_document_for(selectors.statement_aligned(statement)), content_type=TEI_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{slug}.tei.xml"'
    return response


@require_GET
@condition(etag_func=_statement_etag)
def statement_tmx(request, slug):
    statement = _published_or_404(slug)
    codes = _languages_from(request)
    if isinstance(codes, HttpResponse):
        return codes
    aligned = selectors.statement_aligned(statement, selectors.statement_versions(statement, codes or None))
    response = HttpResponse(tmx_document_for([aligned]), content_type=TMX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slug}.tmx"'
    return response


@require_GET
@condition(etag_func=_statement_etag)
def statement_text(request, slug, lang):
    statement = _published_or_404(slug)
    version = next((v for v in selectors.statement_versions(statement) if v.language.code == lang), None)
    if version is None:
        raise Http404(_("No version in that language."))
    body = "\n\n".join(segment.text for segment in version.segments.order_by("position")) + "\n"
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.{lang}.txt"'
    return response


def _client_hash(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


@require_POST
def report_problem(request, slug):
    statement = _published_or_404(slug)
    form = ProblemReportForm(request.POST)
    if not form.is_valid():
        return render(request, "alignment/report_result.html",
                      {"statement": statement, "form": form, "ok": False}, status=400)
    client = _client_hash(request)
    limit_key = f"report-limit:{client}"
    if cache.get(limit_key, 0) >= settings.WORKBENCH_REPORTS_PER_HOUR:
        return render(request, "alignment/report_result.html",
                      {"statement": statement, "ok": False, "error": _("Too many reports from your address; please try again later.")},
                      status=429)
    try:
        problem_report_create(statement=statement, key=form.cleaned_data["key"], note=form.cleaned_data["note"],
                              client_hash=client)
    except ReportRefused as exc:
        return render(request, "alignment/report_result.html",
                      {"statement": statement, "ok": False, "error": str(exc)}, status=400)
    cache.set(limit_key, cache.get(limit_key, 0) + 1, 3600)
    return redirect(reverse("alignment:statement_detail", args=[slug]) + "?reported=1#" + form.cleaned_data["key"])


@require_GET
def search(request):
    if len(request.META.get("QUERY_STRING", "")) > 4 * MAX_QUERY_LENGTH:
        return render(request, "alignment/search.html", {"error": _("The search is too long.")}, status=400)
    form = SearchForm(request.GET)
    context = {"form": form, "languages": selectors.languages_all(), "hits": [], "query": ""}
    if not form.is_valid():
        context["error"] = _("The search is too long or malformed.")
        return render(request, "alignment/search.html", context, status=400)
    query = form.cleaned_data["q"]
    terms = query_terms(query)
    context["query"] = query
    if query and not terms:
        context["error"] = _("Type at least one word.")
    if terms:
        hits, context["truncated"] = search_hits(terms, language=form.cleaned_data["lang"] or None,
                                                 statement=form.cleaned_data["statement"] or None)
        page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
        context["page"] = page
        context["hits"] = hits_with_counterparts(hits_load(page.object_list), terms)
    return render(request, "alignment/search.html", context)
