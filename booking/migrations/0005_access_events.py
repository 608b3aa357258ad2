from django.db import migrations, models


class Migration(migrations.Migration):
    """A request's history also says who viewed or exported its health details."""

    dependencies = [
        ("booking", "0004_encrypt_reason_details"),
    ]

    operations = [
        migrations.AlterField(
            model_name="appointmentrequestevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("received", "Received"),
                    ("status", "Status changed"),
                    ("note", "Note"),
                    ("anonymised", "Anonymised"),
                    ("viewed", "Details viewed"),
                    ("exported", "Exported with health details"),
                ],
                max_length=16,
                verbose_name="kind",
            ),
        ),
    ]
