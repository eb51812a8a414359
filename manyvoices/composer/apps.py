from django.apps import AppConfig


class ComposerConfig(AppConfig):
    name = "manyvoices.composer"
    label = "composer"
    verbose_name = "Composer"
