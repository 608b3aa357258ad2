"""Writes with side effects for the blog."""

from django.http import HttpRequest

from .models import ArticlePage, render_article_html, render_card_html


def _publish_request(article):
    """A stand-in request for rendering at publish time: templates see the site as a visitor would."""
    request = HttpRequest()
    site = article.get_site()
    if site is not None:
        request.META["HTTP_HOST"] = site.hostname
        request.META["SERVER_PORT"] = str(site.port)
    request.is_preview = False
    return request


def _store_card(article, request):
    article.card_html = render_card_html(article, request)
    ArticlePage.objects.filter(pk=article.pk).update(card_html=article.card_html)


def _store_article(article, request):
    article.article_html = render_article_html(article, request)
    ArticlePage.objects.filter(pk=article.pk).update(article_html=article.article_html)


def article_render(*, article):
    """Render the live article's page content and card into the database.

    Called when the article is published; rendering also creates every image
    rendition the article and its card use, so visitors never wait for one.
    Writes with ``update()``: no new revision, no signals.
    """
    request = _publish_request(article)
    _store_card(article, request)
    _store_article(article, request)
    return article


def articles_render_all():
    """Render every live article again; returns how many. For changes that may touch any of them."""
    articles = list(ArticlePage.objects.live().select_related("listing_image"))
    requests = {article.pk: _publish_request(article) for article in articles}
    # Cards first, so each article's related section prints stored cards.
    for article in articles:
        _store_card(article, requests[article.pk])
    for article in articles:
        _store_article(article, requests[article.pk])
    return len(articles)


def articles_clear_rendered(*, exclude_pk=None):
    """Forget stored renderings, so pages render live until rendered again. One UPDATE."""
    return ArticlePage.objects.exclude(pk=exclude_pk).update(article_html="", card_html="")
