from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from aktiv import roles
from aktiv.text import CleanTextForm, CleanTextMixin


class LoginForm(CleanTextMixin, allauth_forms.LoginForm):
    """allauth's sign-in form, sending `username` (a user name or an e-mail address) as
    the sign-in form always did, with length limits checked before anything else.

    A 5,000-character username once reached django-axes, whose failure record (max 255
    characters) then crashed with a 500; a password longer than PASSWORD_MAX_LENGTH is
    refused before it is hashed.
    """

    PASSWORD_MAX_LENGTH = 4096
    USERNAME_MAX_LENGTH = 254

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.pop("login")
        field.label = _("Brugernavn eller e-mail")
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs["autocomplete"] = "username"
        field.validators.append(
            MaxLengthValidator(
                self.USERNAME_MAX_LENGTH,
                message=_("Brugernavnet må højst være %(limit_value)d tegn.")
                % {"limit_value": self.USERNAME_MAX_LENGTH},
            )
        )
        self.fields = {"username": field, **self.fields}
        password = self.fields["password"]
        password.label = _("Adgangskode")
        password.widget.attrs.pop("placeholder", None)
        password.help_text = ""  # the page has its own "Glemt adgangskode?" link
        password.validators.append(
            MaxLengthValidator(
                self.PASSWORD_MAX_LENGTH,
                message=_("Adgangskoden må højst være %(limit_value)d tegn.")
                % {"limit_value": self.PASSWORD_MAX_LENGTH},
            )
        )

    def clean_username(self):
        return self.cleaned_data["username"].strip()

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.non_field_errors():
            # "Wrong user name or password" belongs to both fields (WCAG 3.3.1, 1.3.1):
            # templates/account/login.html shows it above them as #login-error.
            for name in ("username", "password"):
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": "login-error"}
                )

    def clean(self):
        if self._errors:
            return self.cleaned_data
        self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().clean()


ROLE_CHOICES = [(name, name) for name in roles.ROLES]


class RolesForm(CleanTextForm):
    roles = forms.MultipleChoiceField(
        label=_("Roller"),
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    administrator = forms.BooleanField(
        label=_("Administrator"),
        required=False,
        help_text=_("Må alt, også brugere, roller og revisionsloggen. Kræver totrinslogin."),
    )


class InviteForm(RolesForm):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    username = forms.CharField(
        label=_("Brugernavn"),
        max_length=150,
        help_text=_("Bogstaver, tal og @ . + - _ (fx initialer eller e-mailadressen)."),
    )
    first_name = forms.CharField(label=_("Fornavn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)

    field_order = ["email", "username", "first_name", "last_name", "roles", "administrator"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Der findes allerede en bruger med denne e-mail."))
        return email

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User = get_user_model()
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Brugernavnet er optaget."))
        return username


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, max_length=100)
