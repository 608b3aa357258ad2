"""Topics become site-wide vocabulary: the model moves from the blog to the project.

The table stays where it is for now (blog_topic), so no row moves: this
migration only tells Django the model is ours. 0004 renames the table once the
blog's and booking's references point here.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("recooperate", "0002_site_models"),
        ("blog", "0002_clinician_protect_topic_message"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=60, unique=True, verbose_name="name")),
                        ("slug", models.SlugField(max_length=60, unique=True, verbose_name="slug")),
                    ],
                    options={
                        "verbose_name": "topic",
                        "verbose_name_plural": "topics",
                        "ordering": ["name"],
                        "db_table": "blog_topic",
                    },
                ),
            ],
        ),
        migrations.AddField(
            model_name="homepage",
            name="latest_section",
            field=models.ForeignKey(
                blank=True,
                help_text="The section whose newest pages the home page lists, usually the blog.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtailcore.page",
                verbose_name="latest articles from",
            ),
        ),
    ]
