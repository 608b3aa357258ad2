"""RSS and Atom feeds of the blog and of each topic (Django's syndication framework, served by BlogIndexPage)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from recooperate.models import ClinicSettings

from .models import CARD_FIELDS

FEED_ITEMS = 20


class ArticleFeed(Feed):
    """The newest live, public articles of ``blog`` (of one ``topic`` if given), in one query."""

    feed_type = Rss201rev2Feed

    def __init__(self, blog, topic=None, feed_type=None):
        super().__init__()
        self.blog, self.topic = blog, topic
        if feed_type is not None:
            self.feed_type = feed_type

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.blog

    def title(self, blog):
        clinic = ClinicSettings.load(request_or_site=self.request)
        return (
            f"{blog.title}: {self.topic.name} | {clinic.clinic_name}"
            if self.topic
            else f"{blog.title} | {clinic.clinic_name}"
        )

    def link(self, blog):
        return blog.get_full_url(self.request) + (f"topic/{self.topic.slug}/" if self.topic else "")

    def description(self, blog):
        return blog.intro or blog.title

    def items(self, blog):
        articles = blog.listing_pages().only(*CARD_FIELDS, "author").select_related("author")
        if self.topic is not None:
            articles = articles.filter(topics=self.topic)
        return articles[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.intro

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return self.item_link(article)

    def item_pubdate(self, article):
        published = datetime.datetime.combine(article.display_date, datetime.time(9))
        return timezone.make_aware(published) if timezone.is_naive(published) else published

    def item_author_name(self, article):
        return article.author.display_name if article.author else None


FEED_TYPES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
