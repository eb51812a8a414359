"""Forms of the people pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password

from .csv_import import parse_handles
from .models import Role, User


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, labelled for an email address."""

    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Email")
    name = forms.CharField(label="Name", max_length=200, required=False)
    department = forms.CharField(label="Department", max_length=100, required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices, initial=Role.EMPLOYEE)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        existing = User.objects.filter(email=email).first()
        if existing is not None and existing.has_usable_password():
            raise forms.ValidationError(f"{email} already has an account")
        return email


class AcceptInvitationForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=200)
    password1 = forms.CharField(
        label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label="Password again", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        elif data.get("password1"):
            try:
                validate_password(data["password1"])
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file of people",
        help_text="Columns: email, name, title, department, manager_email, location, role, handles",
    )

    invite = forms.BooleanField(
        label="Email an invitation to each new person",
        required=False,
        help_text="Each invitation link sets a password; leave unticked when people sign in "
        "through single sign-on.",
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {settings.MAX_UPLOAD_BYTES} bytes."
            )
        return upload.read()


class ProfileForm(forms.ModelForm):
    """What a person may change about themselves; role, department and manager are an
    administrator's to set."""

    handles_text = forms.CharField(
        label="Network handles",
        required=False,
        help_text="network:handle pairs separated by ;, e.g. linkedin:in/jane; x:@jane",
        max_length=1000,
    )

    class Meta:
        model = User
        fields = ("name", "title", "location")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handles_text"].initial = "; ".join(
            f"{k}:{v}" for k, v in (self.instance.handles or {}).items()
        )

    def clean_handles_text(self) -> dict[str, str]:
        try:
            return parse_handles(self.cleaned_data.get("handles_text") or "")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def save(self, commit: bool = True) -> User:
        self.instance.handles = self.cleaned_data["handles_text"]
        return super().save(commit=commit)
