import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The reason-for-topic mapping points at the project's topics (same table: nothing moves)."""

    dependencies = [
        ("booking", "0002_booking_staff_group"),
        ("recooperate", "0003_topic_from_blog_home_latest_section"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="bookingreasonfortopic",
                    name="topic",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="recooperate.topic",
                        verbose_name="topic",
                    ),
                ),
            ],
        ),
    ]
