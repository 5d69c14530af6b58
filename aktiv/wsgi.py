"""WSGI entry point (gunicorn aktiv.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aktiv.settings")
application = get_wsgi_application()
