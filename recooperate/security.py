"""What every response carries to be safe in a browser, and who the client is behind proxies.

Django's SecurityMiddleware sends HSTS, ``nosniff``, Referrer-Policy and
Cross-Origin-Opener-Policy, and XFrameOptionsMiddleware ``X-Frame-Options``
(Wagtail lifts it to SAMEORIGIN for its preview frame); django-csp builds the
Content-Security-Policy. This module adds the rest, and picks the policy: strict
on the public site, the one Wagtail's admin needs under the admin's URLs.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseNotAllowed
from wagtail import views as wagtail_views
from wagtail.models import Page


def client_ip(request):
    """The address the request came from, trusting only the proxies the site is configured to have.

    With ``TRUSTED_PROXY_COUNT = 0`` (the default) that is REMOTE_ADDR, whatever
    headers say. With N proxies, each appends to X-Forwarded-For the address that
    connected to it, so the client is the N-th entry from the end; anything before
    it was written by the client and is ignored. A request with fewer entries than
    proxies did not come through them, so its own REMOTE_ADDR is used.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr[:64]
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote_addr[:64]
    return forwarded[-count][:64]


def is_admin_path(path):
    return path.startswith(settings.ADMIN_URL_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under the admin's URLs.

    The public policy (CONTENT_SECURITY_POLICY) allows nothing inline and no other
    origin; Wagtail's admin sets inline styles from its scripts, so its pages get
    ADMIN_CONTENT_SECURITY_POLICY instead. A view's own @csp_* decorator still wins.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy, which Django does not send."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": settings.CROSS_ORIGIN_RESOURCE_POLICY,
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


class PageMethodsMiddleware:
    """Pages answer only the methods they handle; PUT, DELETE, PATCH and the rest get 405.

    Runs before the CSRF check, which would otherwise answer those methods with a
    403 "form expired" page. Routing here is not done twice: Wagtail keeps the
    result on the request for its own serve view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method in ("GET", "HEAD"):
            return None
        route = Page.route_for_request(request, request.path_info)
        if route is None:
            return None  # Wagtail's own 404
        allowed = getattr(route[0], "allowed_http_methods", ("GET", "HEAD"))
        if request.method in allowed:
            return None
        return HttpResponseNotAllowed(allowed)
