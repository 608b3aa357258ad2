"""Articles file under the project's topics; stored HTML goes; reading time and contents are derived on save."""

import modelcluster.fields
from django.db import migrations, models


def derive_fields(apps, schema_editor):
    # A pure function of the stored JSON, so the historical model is enough.
    from blog.models import reading_time_and_contents

    ArticlePage = apps.get_model("blog", "ArticlePage")
    for page in ArticlePage.objects.all().iterator():
        minutes, contents = reading_time_and_contents(page.title, page.intro, page.body.raw_data)
        ArticlePage.objects.filter(pk=page.pk).update(reading_minutes=minutes, table_of_contents=contents)


class Migration(migrations.Migration):

    dependencies = [
        ("blog", "0002_clinician_protect_topic_message"),
        ("recooperate", "0003_topic_from_blog_home_latest_section"),
        # booking's topic reference must point at the new model before the old one leaves.
        ("booking", "0003_topic_from_recooperate"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="articlepage",
                    name="topics",
                    field=modelcluster.fields.ParentalManyToManyField(
                        blank=True, related_name="articles", to="recooperate.topic", verbose_name="topics"
                    ),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
        ),
        migrations.RemoveField(model_name="articlepage", name="article_html"),
        migrations.RemoveField(model_name="articlepage", name="card_html"),
        migrations.AddField(
            model_name="articlepage",
            name="reading_minutes",
            field=models.PositiveSmallIntegerField(default=1, editable=False, verbose_name="reading time (minutes)"),
        ),
        migrations.AddField(
            model_name="articlepage",
            name="table_of_contents",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="table of contents"),
        ),
        migrations.RunPython(derive_fields, migrations.RunPython.noop),
    ]
