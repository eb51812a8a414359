"""Small helpers shared by the web app's Django apps (no models here)."""
