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


def article_render(*, article):
    """Render the live article's page content and card into the database.

    Called when the article is published and whenever something it shows may
    have changed (a linked article, an image, a clinician...). Rendering also
    creates every image rendition the article and its card use, so visitors
    never wait for one. Writes with ``update()``: no new revision, no signals.
    """
    request = _publish_request(article)
    # The card first: this article's related section may show cards of others, never its own.
    card_html = render_card_html(article, request)
    article_html = render_article_html(article, request)
    ArticlePage.objects.filter(pk=article.pk).update(article_html=article_html, card_html=card_html)
    article.article_html, article.card_html = article_html, card_html
    return article


def articles_render_all():
    """Re-render every live article; returns how many. For changes that may touch any of them."""
    articles = list(ArticlePage.objects.live().select_related("listing_image"))
    # Cards first, so each article's related section prints stored cards.
    for article in articles:
        card_html = render_card_html(article, _publish_request(article))
        ArticlePage.objects.filter(pk=article.pk).update(card_html=card_html)
    for article in articles:
        article_render(article=article)
    return len(articles)


def articles_clear_rendered(*, exclude_pk=None):
    """Forget stored renderings so pages render live until re-rendered. Cheap and immediate."""
    return ArticlePage.objects.exclude(pk=exclude_pk).update(article_html="", card_html="")
