"""Failed sign-ins noticed across usernames and addresses.

django-axes locks one username from one address. A slow attack spread over many
usernames or addresses never meets that lock, so the rate of all failed sign-ins is
watched too: every failure is in axes' failure log (AXES_ENABLE_ACCESS_FAILURE_LOG), a
rate at or above FAILED_LOGIN_ALERT in FAILED_LOGIN_WINDOW is logged as a warning
(logger "aktiv.security", once per window per process) and shown on the audit page.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger("aktiv.security")

FAILED_LOGIN_WINDOW = timedelta(minutes=15)


def alert_level():
    return settings.AKTIV_FAILED_LOGIN_ALERT


def recent_failed_logins(window=FAILED_LOGIN_WINDOW):
    """Failed sign-ins (every username and address) in the last `window`."""
    from axes.models import AccessFailureLog

    return AccessFailureLog.objects.filter(attempt_time__gte=timezone.now() - window).count()


def failed_login_summary():
    """For the audit page: the count in the window and whether it is at the alert level."""
    count = recent_failed_logins()
    return {
        "count": count,
        "minutes": int(FAILED_LOGIN_WINDOW.total_seconds() // 60),
        "alert": count >= alert_level(),
        "level": alert_level(),
    }


def note_failed_login(sender, credentials=None, request=None, **kwargs):
    """user_login_failed receiver: warn once per window when the global rate is high."""
    count = recent_failed_logins()
    if count + 1 < alert_level():  # this failure may not be in the log yet
        return
    window = int(timezone.now().timestamp() // FAILED_LOGIN_WINDOW.total_seconds())
    if cache.add(f"aktiv.security.failed-login-alert.{window}", True, timeout=None):
        logger.warning(
            "Many failed sign-ins: %d in the last %d minutes (alert level %d), across "
            "usernames and addresses. See the audit page.",
            count + 1,
            int(FAILED_LOGIN_WINDOW.total_seconds() // 60),
            alert_level(),
        )
