import pytest


def run_booking_queue():
    """Run the booking queue's ready tasks as `db_worker --backend booking` would; returns how many ran.

    The worker itself opens its own exclusive transaction, which cannot nest in
    a test's; one test in test_commands.py runs the real worker end to end.
    """
    from django_tasks_db.models import DBTaskResult

    ran = 0
    for db_result in DBTaskResult.objects.ready().filter(backend_name="booking").order_by("enqueued_at"):
        db_result.claim("test-worker")
        result = db_result.task_result
        db_result.set_successful(db_result.task.call(*result.args, **result.kwargs))
        ran += 1
    return ran


@pytest.fixture
def booking_queue():
    return run_booking_queue


@pytest.fixture(autouse=True)
def _staff_inbox(settings):
    """Where staff notifications go in these tests (the clinic's email is empty in the test site)."""
    settings.BOOKING_NOTIFICATION_EMAIL = "team@recooperatept.com"


# What the booking form hands the service when a visitor answers only the required questions.
SKIPPED_ANSWERS = {
    "preferred_contact": "",
    "patient_type": "",
    "reason_details": "",
    "body_area": "",
    "payment": "",
    "has_referral": "",
    "preferred_times": [],
    "preferred_dates": [],
}


@pytest.fixture
def request_with_only_required_answers(site_tree):
    """A stored request whose visitor skipped every optional question."""
    from tests.factories import make_appointment_request

    return make_appointment_request(**SKIPPED_ANSWERS)
