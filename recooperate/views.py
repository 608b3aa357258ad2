"""Views that are not Wagtail pages."""

from django.template.response import TemplateResponse

from .search import search_public_pages


def search(request):
    results, query = search_public_pages(request.GET.get("q", ""), request.GET.get("page"))
    return TemplateResponse(request, "recooperate/search.html", {"query": query, "results": results})
