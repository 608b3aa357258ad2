"""Keeps the articles' publish-time renderings in step with what they show.

An article's stored HTML shows other objects too: linked articles' titles,
images and their credits, clinicians, calls to action, site texts. Rather than
track who shows what, any such change clears every stored rendering at once
(one UPDATE; pages then render live, so nothing stale is ever served) and a
background task renders them again.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from recooperate.models import CallToAction, ClinicSettings, CustomImage

from .models import ArticlePage, Clinician
from .services import article_render, articles_clear_rendered
from .tasks import render_articles_task


def rerender_all_articles(*, exclude_pk=None):
    articles_clear_rendered(exclude_pk=exclude_pk)
    transaction.on_commit(render_articles_task.enqueue)


@receiver(page_published, sender=ArticlePage, dispatch_uid="blog-article-published")
def render_published_article(sender, instance, **kwargs):
    # The article itself is rendered now, so its first visitor already gets the fast path;
    # the others may link to it and follow in the background.
    article_render(article=instance)
    rerender_all_articles(exclude_pk=instance.pk)


@receiver(page_unpublished, sender=ArticlePage, dispatch_uid="blog-article-unpublished")
@receiver(post_delete, sender=ArticlePage, dispatch_uid="blog-article-deleted")
@receiver(post_page_move, dispatch_uid="blog-page-moved")
@receiver(page_slug_changed, dispatch_uid="blog-page-slug-changed")
def rerender_after_page_change(sender, **kwargs):
    rerender_all_articles()


def rerender_after_shared_content_change(sender, **kwargs):
    rerender_all_articles()


for model in (CustomImage, Clinician, CallToAction, ClinicSettings):
    post_save.connect(rerender_after_shared_content_change, sender=model, dispatch_uid=f"blog-rerender-save-{model.__name__}")
    post_delete.connect(rerender_after_shared_content_change, sender=model, dispatch_uid=f"blog-rerender-delete-{model.__name__}")
