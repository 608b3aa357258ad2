from django.apps import AppConfig


class RecooperateConfig(AppConfig):
    name = "recooperate"
    verbose_name = "ReCOOPERate PT site"

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
