"""The organisation Aktiv serves, as the report and the analysis questions name it.

`AKTIV_ORGANISATION_NAME` (a setting; default "Aalborg AKTIV", the seed's) is used in
the report ("Hvad kan vi lære af Aalborg AKTIV …"), the Word file's author and the
analysis workshops' second question.
"""

from django.conf import settings


def name():
    return getattr(settings, "AKTIV_ORGANISATION_NAME", "Aalborg AKTIV") or "Aalborg AKTIV"


def possessive():
    """Danish genitive: "Aalborg AKTIVs" (no apostrophe, as in the seed report)."""
    org = name()
    return org if org.endswith(("s", "x", "z")) else f"{org}s"
