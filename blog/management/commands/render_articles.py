from django.core.management.base import BaseCommand

from blog.services import articles_render_all


class Command(BaseCommand):
    help = "Render every live article's page content and card (run after deploying new templates)."

    def handle(self, *args, **options):
        count = articles_render_all()
        self.stdout.write(self.style.SUCCESS(f"Rendered {count} articles."))
