import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from booking.models import AppointmentRequest, BookingPage
from recooperate.models import HomePage, StandardPage
from tests.factories import login_superuser, make_appointment_request, make_article, make_site_tree, make_topic

pytestmark = pytest.mark.django_db

LIST = "/admin/booking/requests/"


def detail_url(appointment_request):
    return f"/admin/booking/requests/inspect/{appointment_request.pk}/"


def delete_url(appointment_request):
    return f"/admin/booking/requests/delete/{appointment_request.pk}/"


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def appointment_request(site_tree):
    return make_appointment_request(first_name="Xanthippe", reason_details="Sharp pain under the kneecap")


@pytest.fixture
def users(editor, booking_staff, superuser):
    return {"anonymous": None, "editor": editor, "booking staff": booking_staff, "superuser": superuser}


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The permission matrix: who may do what with patients' requests.
DENIED_TO_LOGIN = "login"
DENIED = "denied"
ALLOWED = "allowed"
MATRIX = {
    #                 anonymous        editor  booking staff  superuser
    "list": (DENIED_TO_LOGIN, DENIED, ALLOWED, ALLOWED),
    "detail": (DENIED_TO_LOGIN, DENIED, ALLOWED, ALLOWED),
    "export csv": (DENIED_TO_LOGIN, DENIED, ALLOWED, ALLOWED),
    "export xlsx": (DENIED_TO_LOGIN, DENIED, ALLOWED, ALLOWED),
    "report": (DENIED_TO_LOGIN, DENIED, ALLOWED, ALLOWED),
    "delete (confirm page)": (DENIED_TO_LOGIN, DENIED, DENIED, ALLOWED),
    "delete": (DENIED_TO_LOGIN, DENIED, DENIED, ALLOWED),
    "change status": (DENIED_TO_LOGIN, DENIED, ALLOWED, ALLOWED),
}
ROLES = ["anonymous", "editor", "booking staff", "superuser"]


def perform(client, action, appointment_request):
    if action == "list":
        return client.get(LIST)
    if action == "detail":
        return client.get(detail_url(appointment_request))
    if action == "export csv":
        return client.get(LIST + "?export=csv&health_details=1")
    if action == "export xlsx":
        return client.get(LIST + "?export=xlsx&health_details=1")
    if action == "report":
        return client.get("/admin/reports/appointment-requests-by-article/")
    if action == "delete (confirm page)":
        return client.get(delete_url(appointment_request))
    if action == "delete":
        return client.post(delete_url(appointment_request))
    if action == "change status":
        return client.post(
            f"/admin/booking/requests/edit/{appointment_request.pk}/", {"status": "contacted", "note": ""}
        )
    raise AssertionError(action)


@pytest.mark.parametrize("action", list(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(client, users, appointment_request, role, action):
    expected = MATRIX[action][ROLES.index(role)]
    response = perform(client_for(client, users[role]), action, appointment_request)
    body = body_of(response)
    if expected == ALLOWED:
        assert response.status_code in (200, 302), response.status_code
        if action == "delete":
            assert not AppointmentRequest.objects.filter(pk=appointment_request.pk).exists()
        if action == "change status":
            assert AppointmentRequest.objects.get(pk=appointment_request.pk).status == "contacted"
        return
    # Refused: sent to the login page or back to the dashboard, having seen nothing.
    assert response.status_code == 302
    if expected == DENIED_TO_LOGIN:
        assert response["Location"].startswith("/admin/login/")
    else:
        assert response["Location"] == "/admin/"
    for secret in (b"Xanthippe", b"kneecap", appointment_request.reference.encode()):
        assert secret not in body
    stored = AppointmentRequest.objects.get(pk=appointment_request.pk)
    assert stored.status == "new"


def test_editors_in_wagtails_default_group_hold_no_booking_permission():
    editors = Group.objects.get(name="Editors")
    assert not editors.permissions.filter(content_type__app_label="booking").exists()
    staff = Group.objects.get(name="Booking staff")
    assert set(staff.permissions.filter(content_type__app_label="booking").values_list("codename", flat=True)) == {
        "view_appointmentrequest",
        "change_appointmentrequest",
        "export_appointmentrequest",
    }
    assert staff.permissions.filter(codename="access_admin").exists()


def test_only_booking_staff_see_the_menu_items(client, editor, booking_staff):
    assert "Appointment requests" not in client_for(client, editor).get("/admin/").content.decode()
    client.logout()
    html = client_for(client, booking_staff).get("/admin/").content.decode()
    assert "Appointment requests" in html
    assert "Requests by article" in html


def test_viewing_without_exporting_hides_the_downloads_and_refuses_them(client, booking_staff, appointment_request):
    from django.contrib.auth.models import Permission

    viewer = type(booking_staff).objects.create_user(username="viewer", password="x")
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_appointmentrequest")
    )
    client_for(client, viewer)
    html = client.get(LIST).content.decode()
    assert "Xanthippe" in html
    assert "Download CSV" not in html
    assert client.get(LIST + "?export=csv").status_code == 302


def test_admin_pages_are_never_cached(client, booking_staff, appointment_request):
    client_for(client, booking_staff)
    for url in (LIST, detail_url(appointment_request), LIST + "?export=csv"):
        assert "no-store" in client.get(url)["Cache-Control"]


# The list


def test_the_list_shows_reference_status_age_and_source(client, booking_staff, site_tree):
    article = make_article(site_tree["blog"], title="Shin splints explained")
    recent = make_appointment_request(source_page=article)
    older = make_appointment_request(created_at=timezone.now() - datetime.timedelta(days=3))
    html = client_for(client, booking_staff).get(LIST).content.decode()
    assert recent.reference in html and older.reference in html
    assert html.index(recent.reference) < html.index(older.reference)  # newest first
    assert "Shin splints explained" in html
    assert "New" in html
    assert "3\xa0days ago" in html or "3 days ago" in html


def test_the_list_filters_by_status_and_searches_by_name_email_and_reference(client, booking_staff, site_tree):
    maya = make_appointment_request(first_name="Maya", email="maya@example.com")
    tom = make_appointment_request(first_name="Tom", email="tom@example.org", status="scheduled")
    client_for(client, booking_staff)

    def shown(query):
        html = client.get(LIST + query).content.decode()
        return {r.reference for r in (maya, tom) if r.reference in html}

    assert shown("?status=scheduled") == {tom.reference}
    assert shown("?status=new&status=scheduled") == {maya.reference, tom.reference}
    assert shown("?q=maya") == {maya.reference}
    assert shown("?q=example.org") == {tom.reference}
    assert shown(f"?q={tom.reference}") == {tom.reference}
    assert shown("?reason=lingering_pain") == {maya.reference, tom.reference}
    assert shown("?reason=other") == set()


# The detail page


def test_the_detail_page_shows_the_request_history_and_the_status_form(client, booking_staff, appointment_request):
    html = client_for(client, booking_staff).get(detail_url(appointment_request)).content.decode()
    assert "Xanthippe Okafor" in html
    assert "Sharp pain under the kneecap" in html
    assert "(212) 555-0147" in html
    assert 'href="tel:+12125550147"' in html
    assert "Received as new" in html
    assert 'name="status"' in html and 'name="note"' in html


def test_the_detail_page_says_which_questions_were_skipped(client, booking_staff, request_with_only_required_answers):
    html = client_for(client, booking_staff).get(detail_url(request_with_only_required_answers)).content.decode()
    answers = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]*)", html))
    assert answers["Preferred contact"] == "No preference: phone or email"
    for question in ("New or returning", "Payment", "Physician's referral", "Body area", "Usual times", "Dates"):
        assert answers[question] == "Not given", question
    assert answers["Reason"] == "Pain that lingers after runs"


def test_a_status_change_and_note_are_recorded_with_who_and_when(client, booking_staff, appointment_request):
    client_for(client, booking_staff)
    response = client.post(
        f"/admin/booking/requests/edit/{appointment_request.pk}/", {"status": "scheduled", "note": "Tue 7am with Jason"}
    )
    assert response.status_code == 302
    assert response["Location"] == detail_url(appointment_request)
    event = appointment_request.events.get(kind="status")
    assert (event.from_status, event.to_status, event.note, event.user) == (
        "new",
        "scheduled",
        "Tue 7am with Jason",
        booking_staff,
    )
    html = client.get(detail_url(appointment_request)).content.decode()
    assert "Tue 7am with Jason" in html and "reception" in html


def test_saving_without_a_change_or_a_note_explains_why_nothing_happened(client, booking_staff, appointment_request):
    client_for(client, booking_staff)
    response = client.post(f"/admin/booking/requests/edit/{appointment_request.pk}/", {"status": "new", "note": ""})
    assert response.status_code == 200
    assert "Change the status or write a note." in response.content.decode()
    assert appointment_request.events.count() == 1


def test_nobody_adds_requests_in_the_admin(client, superuser):
    client_for(client, superuser)
    assert client.get("/admin/booking/requests/new/").status_code == 404


# Export


def read_csv(response):
    return list(csv.reader(io.StringIO(body_of(response).decode())))


def test_the_export_leaves_out_free_text_health_details_unless_asked(client, booking_staff, appointment_request):
    client_for(client, booking_staff)
    plain = read_csv(client.get(LIST + "?export=csv"))
    assert "More about the reason (free text)" not in plain[0]
    assert "Sharp pain under the kneecap" not in str(plain)
    assert plain[1][0] == appointment_request.reference
    detailed = read_csv(client.get(LIST + "?export=csv&health_details=1"))
    assert detailed[0][-1] == "More about the reason (free text)"
    assert detailed[1][-1] == "Sharp pain under the kneecap"


@pytest.mark.parametrize("dangerous", ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1+1"])
def test_the_export_neutralises_spreadsheet_formulas(client, booking_staff, site_tree, dangerous):
    make_appointment_request(reason_details=dangerous, email="mallory@example.com")
    AppointmentRequest.objects.update(last_name=dangerous)  # as if it had got past the form
    client_for(client, booking_staff)

    rows = read_csv(client.get(LIST + "?export=csv&health_details=1"))
    header, row = rows[0], rows[1]
    assert row[header.index("Last name")] == "'" + dangerous
    assert row[header.index("More about the reason (free text)")] == "'" + dangerous
    assert row[header.index("Phone")] == "(212) 555-0147"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in row)

    workbook = openpyxl.load_workbook(io.BytesIO(body_of(client.get(LIST + "?export=xlsx&health_details=1"))))
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    cells = [cell for cell in sheet_rows[1] if isinstance(cell, str)]
    assert "'" + dangerous in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in cells)


def test_the_export_says_which_questions_were_skipped(client, booking_staff, request_with_only_required_answers):
    client_for(client, booking_staff)
    header, row = read_csv(client.get(LIST + "?export=csv&health_details=1"))
    answers = dict(zip(header, row, strict=True))
    assert answers["Preferred contact"] == "No preference: phone or email"
    for heading in ("New or returning", "Body area", "Payment", "Referral", "Preferred times", "Preferred dates"):
        assert answers[heading] == "Not given"
    assert answers["Reason"] == "Pain that lingers after runs"

    workbook = openpyxl.load_workbook(io.BytesIO(body_of(client.get(LIST + "?export=xlsx"))))
    sheet_header, sheet_row = workbook.active.iter_rows(values_only=True)
    assert dict(zip(sheet_header, sheet_row, strict=True))["Payment"] == "Not given"


def test_the_export_follows_the_filters(client, booking_staff, site_tree):
    kept = make_appointment_request(status="scheduled")
    make_appointment_request(status="spam")
    rows = read_csv(client_for(client, booking_staff).get(LIST + "?status=scheduled&export=csv"))
    assert [row[0] for row in rows[1:]] == [kept.reference]


# Report


def test_the_report_counts_requests_per_source_article_over_30_and_90_days(client, booking_staff, site_tree):
    blog = site_tree["blog"]
    shin = make_article(blog, title="Shin splints explained")
    knee = make_article(blog, title="Runner's knee")
    now = timezone.now()
    for days in (1, 5, 40):
        make_appointment_request(source_page=shin, created_at=now - datetime.timedelta(days=days))
    make_appointment_request(source_page=shin, created_at=now - datetime.timedelta(days=120))  # too old
    make_appointment_request(source_page=shin, spam_reason="honeypot")  # spam is not a patient
    make_appointment_request(source_page=knee, created_at=now - datetime.timedelta(days=60))
    make_appointment_request()  # came straight to /book/

    client_for(client, booking_staff)
    rows = read_csv(client.get("/admin/reports/appointment-requests-by-article/?export=csv"))
    assert rows[0] == ["Source", "Last 30 days", "Last 90 days"]
    # Busiest first: over 90 days, then over 30.
    assert rows[1:] == [
        ["Shin splints explained", "2", "3"],
        ["No article (the booking page was opened directly)", "1", "1"],
        ["Runner's knee", "0", "1"],
    ]
    html = client.get("/admin/reports/appointment-requests-by-article/").content.decode()
    assert "Shin splints explained" in html


# The page editors write


class BookingPageTests(WagtailPageTestCase):
    def test_the_booking_page_lives_under_the_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(BookingPage, {HomePage})
        self.assertAllowedSubpageTypes(BookingPage, set())
        self.assertCanNotCreateAt(StandardPage, BookingPage)

    def test_an_editor_can_create_the_booking_page_with_its_texts(self):
        tree = make_site_tree()
        tree["book"].delete()
        login_superuser(self.client)
        topic = make_topic("Running injuries")
        data = nested_form_data(
            {
                "title": "Book an appointment",
                "search_description": "Ask for an appointment with a running specialist.",
                "slug": "book",
                "intro": "Tell us what is bothering you.",
                "privacy_text": rich_text("<p>We keep what you send private.</p>"),
                "privacy_notice_version": "2025-09",
                "thank_you_heading": "Thank you",
                "thank_you_text": rich_text("<p>We will call you.</p>"),
                "reason_topics": inline_formset([{"topic": topic.pk, "reason": "recurring_injury"}]),
                "question_texts": streamfield(
                    [
                        (
                            "question",
                            {"question": "payment", "label": "Who pays?", "help_text": "", "required_message": ""},
                        ),
                        ("answer", {"answer": "payment:self_pay", "label": "I pay for my visits myself"}),
                        ("day", {"day": "sat", "label": "Sat."}),
                    ]
                ),
                # The form's texts, as the new page's form offers them (their defaults).
                **{
                    name: BookingPage._meta.get_field(name).default
                    for name in (
                        *BookingPage.FORM_TEXT_FIELDS,
                        *BookingPage.THANK_YOU_TEXT_FIELDS,
                        *BookingPage.LIMITED_TEXT_FIELDS,
                        *BookingPage.EMAIL_TEXT_FIELDS,
                        *BookingPage.NOT_SENT_TEXT_FIELDS,
                    )
                },
            }
        )
        self.assertCanCreate(tree["home"], BookingPage, data)
        page = BookingPage.objects.get()
        assert page.form_kwargs()["question_texts"] == {"payment": ("Who pays?", "", "", "")}
        assert page.form_kwargs()["answer_labels"] == {"payment": {"self_pay": "I pay for my visits myself"}}
        assert page.form_kwargs()["day_labels"] == {"sat": "Sat."}
        self.assertPageIsRenderable(page)
        self.assertPageIsPreviewable(page, post_data=data)  # the StreamField editor is drawn by JavaScript

    def test_the_privacy_version_changes_with_the_text_even_if_the_label_does_not(self):
        page = BookingPage(privacy_text="<p>One</p>", privacy_notice_version="3")
        before = page.privacy_version
        page.privacy_text = "<p>Two</p>"
        assert before.startswith("3:") and page.privacy_version.startswith("3:")
        assert before != page.privacy_version

    def test_the_site_has_one_booking_page(self):
        tree = make_site_tree()
        assert not BookingPage.can_create_at(tree["home"])
