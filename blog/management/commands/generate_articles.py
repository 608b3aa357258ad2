"""Fill the blog with synthetic articles, to measure how pages behave with many (see tests/perf/scale.py).

    manage.py generate_articles 10000

Articles are saved live (without a revision each, to stay fast), spread over
the existing topics and the last few years, under the blog index, and indexed
for search as any page is. Their slugs start with "synthetic-"; --delete
removes them again. Never run it on a database with real content you care
about: it is a measuring tool.
"""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from blog.models import ArticlePage, BlogIndexPage, Clinician
from recooperate.models import Topic

WORDS = (
    "stride cadence knee hip ankle shin calf hamstring glute strength mobility recovery mileage tempo "
    "marathon trail track treadmill pain injury rehab gait form posture balance load rest sleep warmup"
).split()


class Command(BaseCommand):
    help = "Create N synthetic live articles in the blog (a measuring tool; --delete removes them)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", default=100)
        parser.add_argument("--delete", action="store_true", help="Remove every synthetic article instead.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, so runs are comparable.")

    def handle(self, *args, count, delete, seed, **options):
        if delete:
            deleted = ArticlePage.objects.filter(slug__startswith="synthetic-")
            total = deleted.count()
            for article in deleted.iterator():
                article.delete()
            self.stdout.write(f"Deleted {total} synthetic articles.")
            return
        blog = BlogIndexPage.objects.first()
        if blog is None:
            raise CommandError("No blog index page: run load_demo_content first.")
        rng = random.Random(seed)
        topics = list(Topic.objects.all())
        author = Clinician.objects.first()
        start = ArticlePage.objects.filter(slug__startswith="synthetic-").count()
        today = timezone.localdate()
        for n in range(start, start + count):
            with transaction.atomic():
                words = rng.sample(WORDS, 6)
                date = today - datetime.timedelta(days=rng.randrange(3 * 365))
                published = timezone.make_aware(datetime.datetime.combine(date, datetime.time(9)))
                article = ArticlePage(
                    title=f"{' '.join(words[:4]).capitalize()} ({n})",
                    slug=f"synthetic-{n}",
                    intro=" ".join(rng.choices(WORDS, k=25)).capitalize() + ".",
                    search_description="A synthetic article for measuring.",
                    author=author,
                    date=date,
                    live=True,
                    first_published_at=published,
                    last_published_at=published,
                    body=[
                        {"type": "paragraph", "value": "<p>" + " ".join(rng.choices(WORDS, k=120)) + "</p>"},
                        {"type": "section_heading", "value": {"heading": words[4].capitalize(), "anchor": ""}},
                        {"type": "paragraph", "value": "<p>" + " ".join(rng.choices(WORDS, k=120)) + "</p>"},
                    ],
                )
                blog.add_child(instance=article)
                if topics:
                    article.topics.set(rng.sample(topics, k=min(2, len(topics))))
            if (n - start + 1) % 1000 == 0:
                self.stdout.write(f"  {n - start + 1} of {count}")
        self.stdout.write(f"Created {count} synthetic articles ({start + count} in all).")
