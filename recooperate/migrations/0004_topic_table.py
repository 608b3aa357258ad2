"""The topic table takes the project's name, now that every reference points at recooperate.Topic."""

from django.db import migrations


def move_content_type(apps, schema_editor):
    # Keeps the content type's id, so permissions and log entries for topics follow the model.
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="recooperate", model="topic").exists():
        ContentType.objects.filter(app_label="blog", model="topic").update(app_label="recooperate")


class Migration(migrations.Migration):

    dependencies = [
        ("recooperate", "0003_topic_from_blog_home_latest_section"),
        ("blog", "0003_topics_move_derived_fields"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="topic", table=None),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
