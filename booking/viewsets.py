"""The staff inbox in the Wagtail admin: appointment requests, their detail and history, and a report.

Everything here needs one of the model's own permissions (view, change,
export, delete), which only the "Booking staff" group is given: Wagtail's
"Editors", who write the articles, see none of it.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from . import services
from .forms import AppointmentRequestUpdateForm
from .models import AppointmentRequest, AppointmentRequestEvent, Reason
from .privacy import mark_sensitive

# A spreadsheet treats a cell starting with one of these as a formula (tab and
# carriage return can hide one); a leading apostrophe makes it plain text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEALTH_DETAILS_PARAM = "health_details"


def neutralise_formula(value):
    """A spreadsheet cell that cannot run: '=1+1' becomes "'=1+1"."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SensitiveViewMixin:
    """Marks the request so that error reports and logs leave out what it shows."""

    def setup(self, request, *args, **kwargs):
        mark_sensitive(request)
        super().setup(request, *args, **kwargs)


def sources_with_requests(request):
    return Page.objects.filter(pk__in=AppointmentRequest.objects.exclude(source_page=None).values("source_page"))


class AppointmentRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=AppointmentRequest.Status.choices, widget=forms.CheckboxSelectMultiple
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=Reason.choices, widget=forms.RadioSelect, empty_label=_("All")
    )
    created_at = django_filters.DateFromToRangeFilter(label=_("Received"), widget=DateRangePickerWidget)
    source_page = django_filters.ModelChoiceFilter(label=_("Source article"), queryset=sources_with_requests)
    notification_status = django_filters.ChoiceFilter(
        label=_("Notification"),
        choices=AppointmentRequest.Notification.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = AppointmentRequest
        fields = []


class AppointmentRequestIndexView(SensitiveViewMixin, IndexView):
    """The list, with CSV/XLSX downloads that leave out free-text health details unless asked.

    A download with them is recorded in the history of each request it holds.
    """

    # A question the visitor skipped reads "Not given" (or "No preference"), never an empty cell.
    export_headings = {
        "reference": _("Reference"),
        "created_at": _("Received"),
        "get_status_display": _("Status"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "email": _("Email"),
        "phone_display": _("Phone"),
        "preferred_contact_text": _("Preferred contact"),
        "patient_type_text": _("New or returning"),
        "get_reason_display": _("Reason"),
        "body_area_text": _("Body area"),
        "payment_text": _("Payment"),
        "has_referral_text": _("Referral"),
        "preferred_times_text": _("Preferred times"),
        "preferred_dates_text": _("Preferred dates"),
        "source_title": _("Source article"),
        "privacy_notice_version": _("Privacy notice version"),
        "get_notification_status_display": _("Notification"),
        "reason_details": _("More about the reason (free text)"),
    }

    def dispatch(self, request, *args, **kwargs):
        # Downloads take patients' data out of the admin: they need a permission of their own.
        if self.is_export and not self.user_has_permission("export"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def include_health_details(self):
        return self.request.GET.get(HEALTH_DETAILS_PARAM) == "1"

    @cached_property
    def list_export(self):
        fields = [name for name in self.export_headings if name != "reason_details"]
        if self.include_health_details:
            fields.append("reason_details")
        return fields

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("source_page")
        if not (self.is_export and self.include_health_details):
            # Not shown: not read, so not decrypted, into a page that has no use for it.
            queryset = queryset.defer("reason_details")
        return queryset

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if self.include_health_details:
            # Evaluated here, once: the file holds exactly the requests recorded as exported.
            exported_ids = [appointment_request.pk for appointment_request in queryset]
            services.appointment_requests_access_record(
                kind=AppointmentRequestEvent.Kind.EXPORTED, user=self.request.user, appointment_request_ids=exported_ids
            )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def get_filename(self):
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        suffix = "-with-health-details" if self.include_health_details else ""
        return f"appointment-requests-{stamp}{suffix}"

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, datetime.datetime):
            # Staff read times in the clinic's time zone, not UTC.
            local = timezone.localtime(value).replace(tzinfo=None, microsecond=0)
            return local if export_format == self.FORMAT_XLSX else local.strftime("%Y-%m-%d %H:%M")
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))

    @cached_property
    def show_export_buttons(self):
        return self.user_has_permission("export")

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.show_export_buttons:
            params = self.request.GET.copy()
            params[HEALTH_DETAILS_PARAM] = "1"
            for label, export_format, priority in (
                (_("Download XLSX with health details"), self.FORMAT_XLSX, 110),
                (_("Download CSV with health details"), self.FORMAT_CSV, 120),
            ):
                params["export"] = export_format
                buttons.append(
                    Button(
                        label, url=f"{self.request.path}?{params.urlencode()}", icon_name="download", priority=priority
                    )
                )
        return buttons

    def get_edit_url(self, instance):
        # The title opens the detail page, where the status form is too.
        return None


class AppointmentRequestInspectView(SensitiveViewMixin, InspectView):
    """Everything about one request, its history, and (with the change permission) the status form.

    Each visit is recorded in the request's history: who read the patient's health details, and when.
    """

    template_name = "booking/admin/inspect.html"

    def get(self, request, *args, **kwargs):
        # Before the page is built, so that its history already lists this visit.
        services.appointment_requests_access_record(
            kind=AppointmentRequestEvent.Kind.VIEWED, user=request.user, appointment_request_ids=[self.object.pk]
        )
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return _("Appointment request")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        appointment_request = self.object
        context["events"] = appointment_request.events.select_related("user")
        edit_url = self.get_edit_url()
        if edit_url:
            context["update_form"] = AppointmentRequestUpdateForm(instance=appointment_request)
            context["update_url"] = edit_url
        source = appointment_request.source_page
        context["source_url"] = source.url if source is not None and source.live else ""
        return context

    @cached_property
    def header_more_buttons(self):
        # The status form is on this page; only Delete (for those allowed) remains.
        return [button for button in super().header_more_buttons if button.url != self.get_edit_url()]


class AppointmentRequestEditView(SensitiveViewMixin, EditView):
    """Changes the status and/or adds a note through the service, which records who and when."""

    def save_instance(self):
        return services.appointment_request_update(
            appointment_request=self.object,
            status=self.form.cleaned_data["status"],
            note=self.form.cleaned_data["note"],
            user=self.request.user,
        )

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_success_buttons(self):
        return []


class AppointmentRequestViewSet(ModelViewSet):
    """Admin views for appointment requests. Nobody adds one here: they come from /book/."""

    model = AppointmentRequest
    name = "appointment_requests"
    url_prefix = "booking/requests"
    icon = "date"
    menu_label = _("Appointment requests")
    add_to_admin_menu = True
    menu_order = 150
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = AppointmentRequestIndexView
    inspect_view_class = AppointmentRequestInspectView
    edit_view_class = AppointmentRequestEditView
    list_display = [
        "reference",
        "status",
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        "full_name",
        "reason",
        "source_page",
        "notification_status",
    ]
    filterset_class = AppointmentRequestFilterSet
    ordering = "-created_at"
    list_per_page = 50
    # Plain database lookups: a search index would copy patients' details into another table.
    search_fields = ["reference", "first_name", "last_name", "email", "phone"]
    search_backend_name = None

    def get_common_view_kwargs(self, **kwargs):
        # No "add", history or usage screens: requests arrive from the site, their history is their own.
        return super().get_common_view_kwargs(add_url_name=None, history_url_name=None, usage_url_name=None, **kwargs)

    def get_form_class(self, for_update=False):
        return AppointmentRequestUpdateForm

    def get_urlpatterns(self):
        hidden = {"add", "history", "history_results", "usage"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in hidden]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename="add_appointmentrequest")


class RequestsBySourceReportView(SensitiveViewMixin, ReportView):
    """How many requests each source article brought in the last 30 and 90 days (spam left out)."""

    page_title = _("Requests by article")
    header_icon = "doc-full"
    index_url_name = "booking_requests_by_source"
    index_results_url_name = "booking_requests_by_source_results"
    results_template_name = "booking/admin/requests_by_source_results.html"
    template_name = "booking/admin/requests_by_source.html"
    paginate_by = 100
    any_permission_required = ["view", "change"]
    permission_policy = ModelPermissionPolicy(AppointmentRequest)
    list_export = ["title", "last_30_days", "last_90_days"]
    export_headings = {"title": _("Source"), "last_30_days": _("Last 30 days"), "last_90_days": _("Last 90 days")}
    export_filename = "appointment-requests-by-article"
    columns = [
        Column("title", label=_("Source")),
        Column("last_30_days", label=_("Last 30 days")),
        Column("last_90_days", label=_("Last 90 days")),
    ]

    def get_queryset(self):
        now = timezone.now()
        since_30 = now - datetime.timedelta(days=30)
        since_90 = now - datetime.timedelta(days=90)
        rows = (
            AppointmentRequest.objects.not_spam()
            .filter(created_at__gte=since_90)
            .values("source_page", "source_page__title")
            .annotate(last_30_days=Count("pk", filter=Q(created_at__gte=since_30)), last_90_days=Count("pk"))
            .order_by("-last_90_days", "-last_30_days", "source_page__title")
        )
        no_source = _("No article (the booking page was opened directly)")
        return [{**row, "title": row["source_page__title"] or no_source} for row in rows]

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))


def report_urls():
    return [
        path(
            "reports/appointment-requests-by-article/",
            RequestsBySourceReportView.as_view(),
            name="booking_requests_by_source",
        ),
        path(
            "reports/appointment-requests-by-article/results/",
            RequestsBySourceReportView.as_view(results_only=True),
            name="booking_requests_by_source_results",
        ),
    ]


appointment_request_viewset = AppointmentRequestViewSet()
