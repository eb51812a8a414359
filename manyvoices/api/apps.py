from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "manyvoices.api"
    label = "api"
    verbose_name = "API"
