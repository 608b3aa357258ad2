from django.db import migrations, models


class Migration(migrations.Migration):
    """Five booking questions become optional: a skipped one is stored as "" (no database change)."""

    dependencies = [
        ("booking", "0005_access_events"),
    ]

    operations = [
        migrations.AlterField(
            model_name="appointmentrequest",
            name="body_area",
            field=models.CharField(
                blank=True,
                choices=[
                    ("foot_ankle", "Foot or ankle"),
                    ("shin_calf", "Shin or calf"),
                    ("knee", "Knee"),
                    ("thigh_hamstring", "Thigh or hamstring"),
                    ("hip_groin", "Hip or groin"),
                    ("lower_back", "Lower back"),
                    ("other", "Somewhere else, or more than one place"),
                    ("none", "No pain: I want to run better"),
                ],
                max_length=32,
                verbose_name="body area",
            ),
        ),
        migrations.AlterField(
            model_name="appointmentrequest",
            name="has_referral",
            field=models.CharField(
                blank=True,
                choices=[("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")],
                max_length=16,
                verbose_name="physician's referral",
            ),
        ),
        migrations.AlterField(
            model_name="appointmentrequest",
            name="patient_type",
            field=models.CharField(
                blank=True,
                choices=[("new", "I am a new patient"), ("returning", "I have been treated at the clinic before")],
                max_length=16,
                verbose_name="new or returning",
            ),
        ),
        migrations.AlterField(
            model_name="appointmentrequest",
            name="payment",
            field=models.CharField(
                blank=True,
                choices=[
                    ("insurance", "Health insurance"),
                    ("self_pay", "Self-pay"),
                    ("no_fault_workers_comp", "No-fault or workers' compensation"),
                    ("medicare", "Medicare"),
                ],
                max_length=32,
                verbose_name="how they will pay",
            ),
        ),
        migrations.AlterField(
            model_name="appointmentrequest",
            name="preferred_contact",
            field=models.CharField(
                blank=True,
                choices=[("phone", "Phone call"), ("text", "Text message"), ("email", "Email")],
                max_length=16,
                verbose_name="preferred contact method",
            ),
        ),
    ]
