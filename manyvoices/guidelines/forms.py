"""Editing a policy: in a form or by uploading the YAML file, validated by the engine."""

from __future__ import annotations

from django import forms
from django.conf import settings

from manyvoices.engine import PolicyError, parse_policy


class PolicyForm(forms.Form):
    yaml = forms.CharField(
        label="Policy (YAML)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 28, "spellcheck": "false", "class": "code"}),
    )
    file = forms.FileField(
        label="…or upload a policy file",
        required=False,
        help_text="A .yaml file; it replaces the text above.",
    )
    note = forms.CharField(label="What changed", max_length=300, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        upload = data.get("file")
        source = "the text above"
        if upload:
            if upload.size > settings.MAX_UPLOAD_BYTES:
                raise forms.ValidationError(
                    f"The file is larger than {settings.MAX_UPLOAD_BYTES} bytes."
                )
            raw = upload.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise forms.ValidationError(
                    f"{upload.name}: not UTF-8 text (byte {exc.start})"
                ) from None
            source = upload.name
        else:
            text = data.get("yaml") or ""
        text = text.replace("\r\n", "\n")
        if not text.strip():
            raise forms.ValidationError("Write the policy or upload a policy file.")
        try:
            parse_policy(text, source=source)
        except PolicyError as exc:
            # The engine's message names the line and the key.
            self.policy_error = exc
            raise forms.ValidationError(str(exc)) from None
        data["yaml"] = text
        data["source"] = source
        return data
