from django.shortcuts import render


def statement_list(request):
    return render(request, "alignment/statement_list.html", {})
