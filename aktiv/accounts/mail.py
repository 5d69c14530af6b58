"""E-mails about accounts: the invitation (a link to choose a password, valid as long as
a password-reset link, PASSWORD_RESET_TIMEOUT)."""

import logging

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from . import sso

logger = logging.getLogger(__name__)


def invitation_link(user, site_url):
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return site_url.rstrip("/") + path


def send_invitation(user_pk, site_url):
    user = get_user_model().objects.get(pk=user_pk)
    context = {
        "user": user,
        "site_url": site_url.rstrip("/"),
        "login_url": site_url.rstrip("/") + reverse("login"),
        "password_link": invitation_link(user, site_url),
        "single_sign_on": sso.single_sign_on_configured(),
    }
    subject = (
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + render_to_string("accounts/email/invitation_subject.txt", context).strip()
    )
    body = render_to_string("accounts/email/invitation_message.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except OSError:
        # The user exists and can ask for a password link themselves; the mail server's
        # trouble must not undo the invitation.
        logger.exception("Invitation e-mail to user %s could not be sent", user_pk)
