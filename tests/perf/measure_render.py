"""Measure what a page costs to serve: SQL queries and CPU time per request, uncached and cached.

    .venv/bin/python tests/perf/measure_render.py [--requests 200] [--rounds 5]

Runs against a scratch SQLite database with the demo content (your db.sqlite3
is not touched), through Django's full WSGI handler and middleware, with DEBUG
off. For each page it prints the queries and CPU time of an uncached request
(the page cache switched off: Wagtail routes and renders the page), of a
request the page cache answers, and of a trivial view that returns the same
bytes through the same middleware: the framework's ceiling. The last column is
the ratio of the cached page's CPU time to that ceiling. The booking form is never
cached (it carries a CSRF token); last, for scale, a bare Wagtail page (Wagtail's
own Page model with its default template) shows what any uncached Wagtail page
costs on this machine.

CPU time on a shared 2-core machine drifts between runs by a third or more, so
each figure is the best round's median (as timeit takes the best).
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.scratch_site import set_up_scratch_site  # noqa: E402

PAGES = {
    "article": "/blog/5-signs-you-might-need-running-specific-physical-therapy/",
    "home": "/",
    "blog index": "/blog/",
    "booking": "/book/",  # never cached: it carries a CSRF token and a form key
}
TRIVIAL_PATH = "/__bench_trivial__/"
# For scale: a page of Wagtail's own Page model (a title, Wagtail's default template), routed and
# served by Wagtail through the same middleware. What any uncached Wagtail page costs on this machine.
BARE_WAGTAIL_PATH = "/bench-bare-wagtail-page/"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per measurement")
    parser.add_argument("--page", action="append", choices=PAGES, help="only this page (repeatable)")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="recooperate-bench-"))
    set_up_scratch_site(scratch)
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.http import HttpResponse
    from django.test import RequestFactory
    from django.urls import clear_url_caches, path
    from wagtail.models import Page, Site

    from recooperate import urls

    home = Site.objects.get(is_default_site=True).root_page
    bare = home.add_child(instance=Page(title="Bare Wagtail page", slug=BARE_WAGTAIL_PATH.strip("/")))
    bare.save_revision().publish()

    trivial_body = {}
    # The framework's ceiling: the same bytes and headers, through the same middleware, from a view that does nothing.
    urls.urlpatterns.insert(
        0,
        path(
            TRIVIAL_PATH.strip("/") + "/",
            lambda request: HttpResponse(trivial_body["content"], headers=trivial_body["headers"]),
        ),
    )
    clear_url_caches()
    handler = WSGIHandler()

    def serve(url):
        environ = RequestFactory().get(url, HTTP_HOST="127.0.0.1:8000").environ
        status, headers = [], []
        body = b"".join(handler(environ, lambda s, h, *a: (status.append(s), headers.extend(h))))
        assert status[0].startswith("200"), (url, status)
        return body, dict(headers)

    def measure(url):
        for _ in range(20):  # warm code paths and caches
            serve(url)
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
            serve(url)
        medians = []
        for _ in range(args.rounds):
            samples = []
            for _ in range(args.requests):
                start = time.process_time()
                serve(url)
                samples.append((time.process_time() - start) * 1000)
            medians.append(statistics.median(samples))
        return len(queries), min(medians), medians

    def fmt(result):
        return f"{result[0]:>2} q {result[1]:6.2f} ms CPU"

    def medians(label, result):
        return f"{label} {', '.join(f'{m:.2f}' for m in result[2])}"

    print(f"{'page':<11} {'uncached':>22} {'cached':>22} {'trivial view':>22} {'cached/trivial':>15}")
    for label, url in PAGES.items():
        if args.page and label not in args.page:
            continue
        settings.PAGE_CACHE_ENABLED = False
        uncached = measure(url)
        settings.PAGE_CACHE_ENABLED = True
        body, headers = serve(url)
        if url == "/book/":
            print(f"{label:<11} {fmt(uncached):>22}   (never cached)")
            print(f"{'':<11} round medians (ms): {medians('uncached', uncached)}")
            continue
        body, headers = serve(url)
        assert headers.get("X-Page-Cache") == "hit", headers
        cached = measure(url)
        trivial_body.update(content=body, headers={k: v for k, v in headers.items() if k != "X-Page-Cache"})
        trivial = measure(TRIVIAL_PATH)
        print(f"{label:<11} {fmt(uncached):>22} {fmt(cached):>22} {fmt(trivial):>22} {cached[1] / trivial[1]:>15.2f}")
        print(
            f"{'':<11} round medians (ms): {medians('uncached', uncached)}; {medians('cached', cached)}; "
            f"{medians('trivial', trivial)}"
        )
    settings.PAGE_CACHE_ENABLED = False
    bare_result = measure(BARE_WAGTAIL_PATH)
    print(f"{'for scale: a bare Wagtail page (title only, Wagtail default template), uncached':<11} {fmt(bare_result)}")
    print(f"{'':<11} round medians (ms): {medians('uncached', bare_result)}")
    print(f"({args.rounds} rounds x {args.requests} requests each; figures are the best round's median)")


if __name__ == "__main__":
    main()
