from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import RequestsBySourceReportView, appointment_request_viewset, report_urls


@hooks.register("register_admin_viewset")
def register_appointment_request_viewset():
    return appointment_request_viewset


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls()


class BookingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return RequestsBySourceReportView.permission_policy.user_has_any_permission(
            request.user, RequestsBySourceReportView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_requests_by_source_menu_item():
    return BookingReportMenuItem(
        _("Requests by article"), reverse_lazy("booking_requests_by_source"), icon_name="doc-full", order=900
    )
