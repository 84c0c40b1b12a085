from django.urls import path

from . import views

app_name = "alignment"

urlpatterns = [
    path("", views.statement_list, name="statement_list"),
    path("search/", views.search, name="search"),
    path("statements/<slug:slug>/", views.statement_detail, name="statement_detail"),
    path("statements/<slug:slug>/report/", views.report_problem, name="report_problem"),
    path("statements/<slug:slug>/tei.xml", views.statement_tei, name="statement_tei"),
    path("statements/<slug:slug>.tmx", views.statement_tmx, name="statement_tmx"),
    path("statements/<slug:slug>/text/<str:lang>.txt", views.statement_text, name="statement_text"),
]
