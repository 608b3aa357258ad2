"""The sign-in, password and sign-in-paused pages' texts as a setting; Site managers change them,
as they change Clinic settings (recooperate 0006)."""

import recooperate.validators
import wagtail.fields
from django.db import migrations, models

from recooperate.migration_helpers import create_permissions_now


def grant(apps, schema_editor):
    create_permissions_now(apps)
    Permission = apps.get_model("auth", "Permission")
    change = Permission.objects.get(content_type__app_label="recooperate", codename="change_signintexts")
    for group in apps.get_model("auth", "Group").objects.filter(name="Site managers"):
        group.permissions.add(change)


class Migration(migrations.Migration):

    dependencies = [
        ('recooperate', '0018_not_found_page'),
    ]

    operations = [
        migrations.CreateModel(
            name='SignInTexts',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('login_heading', models.CharField(default='Log in', help_text='The heading of the sign-in page a members-only page leads to (and its browser tab title).', max_length=120, verbose_name='sign-in heading')),
                ('login_username_label', models.CharField(default='Username', help_text="Above the sign-in's first box.", max_length=60, verbose_name='sign-in: username label')),
                ('login_password_label', models.CharField(default='Password', help_text="Above the sign-in's second box.", max_length=60, verbose_name='sign-in: password label')),
                ('login_button', models.CharField(default='Log in', help_text='The button that sends the sign-in.', max_length=60, verbose_name='sign-in button')),
                ('login_failed', models.CharField(default="Your username and password didn't match. Please try again.", help_text='Shown when the sign-in fails.', max_length=300, verbose_name='wrong username or password')),
                ('login_missing', models.CharField(default='Enter both your username and your password.', help_text='Under the username or password box when it was sent empty.', max_length=200, verbose_name='sign-in: box left empty')),
                ('login_no_access', models.CharField(default="Your account doesn't have access to this page. To proceed, please log in with an account that has access.", help_text='Shown to someone already signed in whose account may not read the page.', max_length=300, verbose_name='signed in without access')),
                ('password_heading', models.CharField(default='Password required', help_text="The heading of the page that asks for a password-protected page's password.", max_length=120, verbose_name='password page heading')),
                ('password_lead', models.CharField(default='You need a password to access this page.', help_text='Under that heading. Nothing of the protected page shows until the password is given.', max_length=300, verbose_name='password page text')),
                ('password_label', models.CharField(default='Password', help_text='Above the password box.', max_length=60, verbose_name='password page: password label')),
                ('password_button', models.CharField(default='Continue', help_text='The button that sends the password.', max_length=60, verbose_name='password button')),
                ('password_wrong', models.CharField(default='The password you have entered is not correct. Please try again.', help_text="Shown above the password box when the password given is not the page's.", max_length=300, verbose_name='wrong password')),
                ('password_missing', models.CharField(default='Enter the password.', help_text='Shown above the password box when it was sent empty.', max_length=200, verbose_name='password left empty')),
                ('paused_heading', models.CharField(default='Sign-in paused for this account', help_text='The page shown after too many wrong passwords in a row for one username (staff mostly).', max_length=120, verbose_name='sign-in paused: heading')),
                ('paused_lead', models.CharField(default='There were {failure_limit} wrong passwords in a row for this username from your connection, so signing in to it from here is paused for a while (an hour, unless the clinic changed it).', help_text='{failure_limit} is filled in with the number of wrong passwords that pause the sign-in.', max_length=400, validators=[recooperate.validators.PlaceholderValidator('failure_limit')], verbose_name='sign-in paused: first paragraph')),
                ('paused_text', wagtail.fields.RichTextField(default='<p>This protects the clinic\'s site and patients\' requests from password guessing.</p><ul><li>Wait and try again, checking the username and that Caps Lock is off.</li><li>Or ask a site administrator to unlock the account now (see the README: manage.py axes_reset_username).</li><li>Forgotten your password? Use "Forgotten password?" on the sign-in page once it is unlocked.</li></ul>', help_text='Why it happens and what to try (waiting, or asking a site administrator to unlock it).', verbose_name='sign-in paused: what to do')),
                ('paused_home_link', models.CharField(default='Go to the home page', help_text='The button to the home page at the end of that page.', max_length=60, verbose_name='sign-in paused: home link')),
            ],
            options={
                'verbose_name': 'sign-in page texts',
                'verbose_name_plural': 'sign-in page texts',
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
