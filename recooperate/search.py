"""Wagtail's database search backend, with every query made safe for SQLite's FTS5 first.

Wagtail's SQLite backend puts each search word inside FTS5 double quotes
without escaping a quote in it, so a '"' typed into any search box (admin
listings, choosers, the public search) ended in an FTS5 syntax error and a 500
(wagtail/wagtail#13227, open upstream). FTS5's tokenizer keeps only letters and
digits anyway, so reducing each query to its words loses nothing a search could
match. On PostgreSQL (or without FTS5) Wagtail's own choice of backend is used
unchanged.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "recooperate.search"}}
"""

import functools
import re

from django.core.paginator import Paginator
from wagtail.models import Page
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

WORDS = re.compile(r"\w+")
# Nothing a visitor types needs more; a bounded query keeps FTS5's work bounded too.
MAX_WORDS = 32
# The public search (/search/): longer queries are cut, results come ten to a page.
MAX_QUERY_LENGTH = 100
RESULTS_PER_PAGE = 10
# Above this many matches, results come newest first rather than by relevance (see search_public_pages).
RANKED_SEARCH_LIMIT = 500


def fts5_words(text):
    """The words of ``text``, space-separated: nothing FTS5 could read as syntax."""
    return " ".join(WORDS.findall(text)[:MAX_WORDS])


def safe_query(query):
    """``query`` with each text reduced to its words, and parts left without words dropped (None if none remain)."""
    if isinstance(query, PlainText):
        words = fts5_words(query.query_string)
        return PlainText(words, operator=query.operator, boost=query.boost) if words else None
    if isinstance(query, Phrase):
        words = fts5_words(query.query_string)
        return Phrase(words) if words else None
    if isinstance(query, (And, Or)):
        parts = [part for part in map(safe_query, query.subqueries) if part is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    if isinstance(query, Boost):
        inner = safe_query(query.subquery)
        return None if inner is None else Boost(inner, query.boost)
    if isinstance(query, Not):
        inner = safe_query(query.subquery)
        return None if inner is None else Not(inner)
    return query


class FTS5SafeQueries:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A query with no words at all ('"', '***') asks for nothing in particular: everything, as an empty one.
        safe = safe_query(self.query)
        self.query = MatchAll() if safe is None else safe


@functools.cache
def safe_sqlite_backend_class():
    """Wagtail's SQLite backend with FTS5-safe query compilers.

    Built on first use: Wagtail's SQLite module defines models that exist only on
    SQLite, so importing it on PostgreSQL fails.
    """
    from wagtail.search.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class SafeSQLiteSearchQueryCompiler(FTS5SafeQueries, SQLiteSearchQueryCompiler):
        pass

    class SafeSQLiteAutocompleteQueryCompiler(FTS5SafeQueries, SQLiteAutocompleteQueryCompiler):
        pass

    class SafeSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = SafeSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = SafeSQLiteAutocompleteQueryCompiler

    return SQLiteSearchBackend, SafeSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseSearchBackend(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        sqlite_backend, safe_backend = safe_sqlite_backend_class()
        if type(backend) is sqlite_backend:
            return safe_backend(params)
    return backend


def search_public_pages(query, page_number):
    """(a page of results, the query as searched, whether they are ranked by relevance); results are
    live, public pages matching ``query``, each as its specific type.

    Wagtail's SQLite backend's ranking costs far more than linearly in the
    number of matches: a word found in 10,000 articles took 81 s to rank and
    20 ms unranked (make scale). Beyond RANKED_SEARCH_LIMIT matches the newest come
    first instead, and the page says so. Queries: the restrictions, the
    match count, the paginator's count and page, one per page type shown.
    """
    # PostgreSQL refuses a NUL byte in any text value; nobody types one, so it is dropped.
    query = query.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return None, query, True
    pages = Page.objects.live().public()
    newest_first = pages.order_by("-first_published_at").search(query, order_by_relevance=False)
    ranked = newest_first.count() <= RANKED_SEARCH_LIMIT
    results = pages.search(query) if ranked else newest_first
    page = Paginator(results, RESULTS_PER_PAGE).get_page(page_number)
    specific = Page.objects.filter(pk__in=[result.pk for result in page.object_list]).specific().in_bulk()
    page.object_list = [specific[result.pk] for result in page.object_list if result.pk in specific]
    return page, query, ranked
