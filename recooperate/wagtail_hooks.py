from wagtail import hooks

from .pagecache import mark_cacheable

# Registered before Wagtail's own hooks (recooperate comes first in INSTALLED_APPS), so it
# wraps Wagtail's view-restriction check and sees the response that check lets through.
hooks.register("on_serve_page", mark_cacheable)
