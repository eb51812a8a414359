from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "manyvoices.people"
    label = "people"
    verbose_name = "People"
