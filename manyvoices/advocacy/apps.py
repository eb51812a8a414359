from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "manyvoices.advocacy"
    label = "advocacy"
    verbose_name = "Advocacy hub"
