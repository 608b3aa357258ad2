"""Views that are not Wagtail pages."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from wagtail.models import Site

from .models import ClinicSettings
from .search import search_public_pages


def search(request):
    results, query, ranked = search_public_pages(request.GET.get("q", ""), request.GET.get("page"))
    context = {"query": query, "results": results, "ranked": ranked}
    if results is not None:
        clinic = ClinicSettings.load(request_or_site=request)  # the template's settings: read once per request
        context["summary"] = clinic.search_summary(results.paginator.count, query)
    return TemplateResponse(request, "recooperate/search.html", context)


def robots_txt(request):
    """Crawlers may read every public page; the admin and search results are not for indexes.

    The booking's thank-you pages say "noindex" themselves, wherever an editor moves the booking
    page; a Disallow here would stop crawlers from reading that.
    """
    site = Site.find_for_request(request)
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
    ]
    if site is not None:
        lines.append(f"Sitemap: {site.root_url}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
