"""The client's address, one rule for every part of the app that counts per address:
the login lockout (django-axes calls this through AXES_CLIENT_IP_CALLABLE), failed join
codes and new ballots (workshops.services).

Without a proxy it is REMOTE_ADDR. Behind AKTIV_TRUSTED_PROXIES proxies that each append
the address they saw to X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`), the
client is the entry that many places from the right: entries further left were sent by
the client itself and can say anything. An entry that is not an IP address falls back to
REMOTE_ADDR. Before this, axes read forwarded addresses only through django-ipware, which
was not installed: every client behind the proxy had the proxy's address, and five wrong
passwords from anyone locked a user out for everyone.
"""

import ipaddress

from django.conf import settings


def _address(value):
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address as text (at most 45 characters), or None when there is
    none (a request made in a test or a management command)."""
    proxies = getattr(settings, "AKTIV_TRUSTED_PROXIES", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            found = _address(forwarded[-proxies])
            if found:
                return found
    return _address(request.META.get("REMOTE_ADDR"))
