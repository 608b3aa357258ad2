"""Keeps patients' details out of logs and error reports.

An appointment request is health information. Django's error reports (the
500 e-mail, the debug page) print POST data, every frame's local variables,
the exception's message and the URL's query string (where the admin's search
box puts a patient's name); log handlers print the message too. A view that
handles patients' data marks its request with ``mark_sensitive()``, the
booking admin's URLs count as marked whatever view they reach, and the classes
here withhold all of these for them. POST data is withheld for every request:
the site's only public form is the booking form, and a failure before the
booking view runs (in a middleware, say) would otherwise print it.

Imported by the logging configuration, before the apps are ready: no models here.
"""

import logging
import traceback

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

SENSITIVE_ATTRIBUTE = "booking_sensitive"
WITHHELD = "[withheld: may contain patient data]"
# Where the admin shows patients' data, relative to the admin's own URL: the
# appointment requests (booking/requests/...) and the requests-by-article report.
BOOKING_ADMIN_PATHS = ("booking/", "reports/appointment-requests-by-article/")
# request.META entries that repeat the query string: the CGI variable, the raw
# URI some servers add (uWSGI, gunicorn), and the page the browser came from,
# which for a request's detail page is often the search that found it.
META_QUERY_STRING = "QUERY_STRING"
META_URLS = ("REQUEST_URI", "RAW_URI", "HTTP_REFERER")


def mark_sensitive(request):
    """Tell error reporting and logging that this request carries patients' data."""
    request.sensitive_post_parameters = "__ALL__"
    setattr(request, SENSITIVE_ATTRIBUTE, True)


def is_sensitive(request):
    """True for a request marked with mark_sensitive(), or one for the booking admin."""
    if request is None:
        return False
    if getattr(request, SENSITIVE_ATTRIBUTE, False):
        return True
    # By path too: a failure in a middleware or an admin decorator comes before
    # any view could mark the request.
    path = getattr(request, "path", None)
    return isinstance(path, str) and path.startswith(_booking_admin_prefixes())


def _booking_admin_prefixes():
    # Looked up when asked, not at import: logging imports this module before the URLconf exists.
    from django.urls import reverse

    try:
        admin_root = reverse("wagtailadmin_home")
    except Exception:  # noqa: BLE001 (an error report must not fail on a broken URLconf)
        admin_root = "/admin/"
    return tuple(admin_root + path for path in BOOKING_ADMIN_PATHS)


def _without_query(url):
    """The URL with its query string replaced by WITHHELD; the path stays for developers."""
    base, sep, _query = str(url).partition("?")
    return f"{base}?{WITHHELD}" if sep else base


def _is_booking_frame(tb_frame):
    module = tb_frame.f_globals.get("__name__", "")
    return module == "booking" or module.startswith("booking.")


class PatientDataExceptionReporterFilter(SafeExceptionReporterFilter):
    """Withholds POST data always; local variables of booking code; query strings of sensitive requests."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return {name: self.cleansed_substitute for name in request.POST}

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        if is_sensitive(request):
            if meta.get(META_QUERY_STRING):
                meta[META_QUERY_STRING] = WITHHELD
            for name in META_URLS:
                if meta.get(name):
                    meta[name] = _without_query(meta[name])
        return meta

    def get_traceback_frame_variables(self, request, tb_frame):
        if is_sensitive(request) or _is_booking_frame(tb_frame):
            return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
        return super().get_traceback_frame_variables(request, tb_frame)


class PatientDataExceptionReporter(ExceptionReporter):
    """Withholds the exception's message (and its causes') and the query string when the request is sensitive."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if is_sensitive(self.request):
            data["exception_value"] = WITHHELD
            for frame in data.get("frames", []):
                if frame.get("exc_cause") is not None:
                    frame["exc_cause"] = WITHHELD
            data.pop("exception_notes", None)
            # A UnicodeError's hint quotes the text around the bad character.
            if data.get("unicode_hint"):
                data["unicode_hint"] = WITHHELD
            # Names as well as values: "?Xanthippe" is all key.
            if self.request.GET:
                data["request_GET_items"] = [("all parameters", WITHHELD)]
            data["request_insecure_uri"] = _without_query(data["request_insecure_uri"])
        return data


def _withheld_traceback(exc_info):
    exc_type, _exc_value, tb = exc_info
    lines = ["Traceback (most recent call last):\n", *traceback.format_tb(tb)]
    lines.append(f"{exc_type.__module__}.{exc_type.__qualname__}: {WITHHELD}")
    return "".join(lines).rstrip("\n")


class PatientDataLogFilter(logging.Filter):
    """Replaces the exception text of records about sensitive requests or from booking code.

    The frames (file, line, code) stay so a developer can find the fault; the
    exception's message, which may quote what a visitor typed, does not.
    """

    def filter(self, record):
        from_booking = record.name == "booking" or record.name.startswith("booking.")
        if (
            record.exc_info
            and record.exc_info[0] is not None
            and (from_booking or is_sensitive(getattr(record, "request", None)))
        ):
            # Formatters print exc_text when it is set and format exc_info only when it
            # is not, so exc_info can stay. It must: every handler on a logger shares
            # this record, and the admin mail (AdminEmailHandler) builds its report from
            # exc_info, through PatientDataExceptionReporter, which withholds the
            # message itself. Without it the mail would lose the exception's type and
            # traceback whenever the console handler filtered the record first.
            record.exc_text = _withheld_traceback(record.exc_info)
        return True
