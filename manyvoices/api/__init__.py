"""The REST API at /api/v1/ (django-ninja), authenticated with personal tokens."""
