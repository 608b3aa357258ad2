"""How pages that list articles behave as the blog grows: SQL queries and time at 100 and 10,000 articles.

    .venv/bin/python tests/perf/scale.py [--sizes 100 10000] [--requests 10]

On a scratch SQLite database with the demo content (your db.sqlite3 is not
touched), `manage.py generate_articles` fills the blog up to each size; each
page is then requested through Django's WSGI handler with the page cache off
(so the figure is the page's own work), and the script prints its queries and
the median wall time of the timed requests.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.scratch_site import set_up_scratch_site  # noqa: E402

PAGES = {
    "blog index": "/blog/",
    "blog page 2": "/blog/?page=2",
    "topic page": "/blog/topic/running-injuries/",
    "RSS feed": "/blog/feed/rss/",
    "topic Atom feed": "/blog/topic/running-injuries/feed/atom/",
    "search": "/search/?q=knee+pain",
    "sitemap index": "/sitemap.xml",
    "sitemap page": "/sitemap-pages.xml",
    "home": "/",
    "article": "/blog/5-signs-you-might-need-running-specific-physical-therapy/",
}
# What staff see in the admin, signed in as a superuser ({blog} is the blog's page id).
ADMIN_PAGES = {
    "admin search": "/admin/pages/search/?q=knee+pain",
    "admin blog list": "/admin/pages/{blog}/",
    "admin chooser": "/admin/choose-page/search/?q=knee",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument(
        "--seconds", type=float, default=20, help="stop timing a page after this long (1 request at least)"
    )
    parser.add_argument("--scratch", help="reuse this scratch folder (from an earlier run) instead of a new one")
    args = parser.parse_args()

    scratch = Path(args.scratch) if args.scratch else Path(tempfile.mkdtemp(prefix="recooperate-scale-"))
    print(f"(scratch database in {scratch})", file=sys.stderr)
    set_up_scratch_site(scratch, load_demo=not args.scratch)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, RequestFactory

    from blog.models import ArticlePage, BlogIndexPage

    settings.PAGE_CACHE_ENABLED = False
    handler = WSGIHandler()

    staff = Client(HTTP_HOST="127.0.0.1:8000")
    user, _created = get_user_model().objects.get_or_create(username="scale-admin", defaults={"is_superuser": True})
    staff.force_login(user)
    pages = {**PAGES, **{label: url.format(blog=BlogIndexPage.objects.get().pk) for label, url in ADMIN_PAGES.items()}}

    def serve(url):
        if url.startswith("/admin/"):
            response = staff.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return
        environ = RequestFactory().get(url, HTTP_HOST="127.0.0.1:8000").environ
        status = []
        b"".join(handler(environ, lambda s, h, *a: status.append(s)))
        assert status[0].startswith("200"), (url, status)

    print(f"{'articles':>9}  {'page':<17} {'queries':>8} {'median ms':>10} {'requests':>9}", flush=True)
    for size in args.sizes:
        have = ArticlePage.objects.count()
        if size > have:
            started = time.monotonic()
            call_command("generate_articles", size - have, verbosity=0, stdout=open(os.devnull, "w"))
            print(f"(made {size - have} synthetic articles in {time.monotonic() - started:.0f} s)", file=sys.stderr)
        for label, url in pages.items():
            serve(url)  # warm
            queries = []

            def record(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(record):
                serve(url)
            timings = []
            while len(timings) < args.requests and (not timings or sum(timings) < args.seconds * 1000):
                start = time.perf_counter()
                serve(url)
                timings.append((time.perf_counter() - start) * 1000)
            median = statistics.median(timings)
            print(f"{size:>9,}  {label:<17} {len(queries):>8} {median:>10.1f} {len(timings):>9}", flush=True)
    print(
        f"(page cache off; median wall time through the WSGI handler of up to {args.requests} requests, timing stopped after {args.seconds:g} s)"
    )


if __name__ == "__main__":
    main()
