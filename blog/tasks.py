from django_tasks import task

from .services import articles_render_all


@task()
def render_articles_task():
    """Re-render every live article in the background after a change that may touch any of them."""
    return articles_render_all()
