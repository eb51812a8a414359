from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "manyvoices.networks"
    label = "networks"
    verbose_name = "Publishing to networks"
