#!/usr/bin/env python3
"""Django's manage.py for the web app (same as `python -m manyvoices.manage`)."""

from manyvoices.manage import main

if __name__ == "__main__":
    main()
