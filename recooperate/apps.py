from django.apps import AppConfig


class RecooperateConfig(AppConfig):
    name = "recooperate"
    verbose_name = "ReCOOPERate PT site"

    def ready(self):
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
