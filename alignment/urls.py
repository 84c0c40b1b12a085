from django.urls import path

from . import views

app_name = "alignment"

urlpatterns = [
    path("", views.statement_list, name="statement_list"),
]
