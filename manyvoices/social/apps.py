from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "manyvoices.social"
    label = "social"
    verbose_name = "Internal network"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps people's search text in step)
