from django.apps import AppConfig


class GuidelinesConfig(AppConfig):
    name = "manyvoices.guidelines"
    label = "guidelines"
    verbose_name = "Guidelines"
