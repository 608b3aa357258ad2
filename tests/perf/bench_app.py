"""The framework's ceiling for tests/perf/bench.py: the site itself, plus one view that returns fixed bytes.

    BENCH_CEILING_DIR=... python -m gunicorn -c recooperate/gunicorn.conf.py tests.perf.bench_app

The same settings, the same middleware and the same gunicorn configuration as the site; the only
difference is a view in front of Wagtail's routing that returns a response captured from a real page
(``<name>.body`` and ``<name>.headers.json`` in BENCH_CEILING_DIR) at ``/__bench_ceiling__/<name>/``.
What it costs to serve is what Django, our middleware and gunicorn cost for those bytes: a page's
figures divided by these say how close it comes to serving nothing but its bytes. (A page cache hit
can come out slightly ahead: it answers before the session, CSRF and authentication middleware run.)

``bare_application`` serves the same bytes without Django at all (``tests.perf.bench_app:bare_application``):
what gunicorn and HTTP alone cost, for scale.
"""

import json
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

PREFIX = "__bench_ceiling__"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recooperate.settings.production")
application = get_wsgi_application()


def load_responses(directory):
    """{name: (headers, body)} for every captured page in ``directory``."""
    responses = {}
    for body_file in Path(directory).glob("*.body"):
        name = body_file.name.removesuffix(".body")
        headers = json.loads(body_file.with_name(f"{name}.headers.json").read_text())
        responses[name] = (headers, body_file.read_bytes())
    return responses


def install_ceiling_view(responses):
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    from recooperate import urls

    def ceiling(request, name):
        headers, body = responses[name]
        return HttpResponse(body, headers=headers)

    # First in the list, so resolving it costs one pattern: the cheapest route Django has.
    urls.urlpatterns.insert(0, path(f"{PREFIX}/<slug:name>/", ceiling))
    clear_url_caches()


RESPONSES = load_responses(os.environ["BENCH_CEILING_DIR"])
install_ceiling_view(RESPONSES)


def bare_application(environ, start_response):
    """The captured response for /__bench_ceiling__/<name>/, straight from WSGI."""
    name = environ["PATH_INFO"].strip("/").removeprefix(f"{PREFIX}/")
    headers, body = RESPONSES[name]
    start_response("200 OK", [*headers.items(), ("Content-Length", str(len(body)))])
    return [body]
