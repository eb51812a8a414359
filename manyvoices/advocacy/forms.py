"""Forms of the advocacy pages. Every error names the field it is about."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.conf import settings

from .models import SHARE_NETWORKS, AdvocacySettings, Campaign, Feed, Shareable

IMAGE_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
SUGGESTION_ROWS = 6


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.replace("\n", ",").split(",") if p.strip()]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ShareableForm(forms.ModelForm):
    topics_text = forms.CharField(
        label="Topics", required=False, help_text="Comma-separated, e.g. Product, Hiring"
    )
    departments_text = forms.CharField(
        label="Departments",
        required=False,
        help_text="Comma-separated; empty means every department",
    )
    locations_text = forms.CharField(
        label="Locations", required=False, help_text="Comma-separated; empty means everywhere"
    )
    image = forms.FileField(label="Image", required=False, help_text="PNG, JPEG or GIF")
    url = forms.URLField(label="Link", required=False, max_length=2000, assume_scheme="https")

    class Meta:
        model = Shareable
        fields = (
            "kind",
            "url",
            "title",
            "description",
            "body",
            "image_alt",
            "campaign",
            "starts_at",
            "expires_at",
            "highlighted",
        )
        labels: ClassVar[dict[str, Any]] = {
            "url": "Link",
            "body": "Original post",
            "image_alt": "Image description (alt text)",
            "starts_at": "Starts",
            "expires_at": "Expires",
            "highlighted": "Highlight it at the top of the hub",
        }
        widgets: ClassVar[dict[str, Any]] = {
            "starts_at": DateTimeInput(),
            "expires_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.all()
        self.fields["campaign"].required = False
        self.fields["starts_at"].required = False
        self.fields["starts_at"].help_text = "Empty: now"
        if self.instance.pk:
            self.fields["topics_text"].initial = ", ".join(
                t.name for t in self.instance.topics.all()
            )
            self.fields["departments_text"].initial = ", ".join(self.instance.departments)
            self.fields["locations_text"].initial = ", ".join(self.instance.locations)

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"the image is {upload.size} bytes; the limit is {settings.MAX_UPLOAD_BYTES}"
            )
        data = upload.read()
        for magic, kind in IMAGE_TYPES.items():
            if data.startswith(magic):
                return (data, kind)
        raise forms.ValidationError("the image must be a PNG, JPEG or GIF file")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = data.get("kind")
        if kind == Shareable.Kind.LINK and not data.get("url"):
            self.add_error("url", "a link shareable needs its link")
        if kind == Shareable.Kind.POST and not data.get("body", "").strip():
            self.add_error("body", "an original post needs its text")
        if kind == Shareable.Kind.IMAGE:
            if not data.get("image") and not (self.instance.pk and self.instance.image_data):
                self.add_error("image", "an image shareable needs its image")
            if not data.get("image_alt", "").strip():
                self.add_error("image_alt", "describe the image for people who cannot see it")
        starts, expires = data.get("starts_at"), data.get("expires_at")
        if starts and expires and expires <= starts:
            self.add_error("expires_at", "the expiry must come after the start")
        return data

    def shareable_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        fields = {name: d.get(name) for name in self.Meta.fields}
        fields["url"] = fields["url"] or ""
        fields["departments"] = _split(d.get("departments_text", ""))
        fields["locations"] = _split(d.get("locations_text", ""))
        if fields["starts_at"] is None:
            fields.pop("starts_at")
        if d.get("image"):
            fields["image_data"], fields["image_type"] = d["image"]
        return fields

    def topics(self) -> list[str]:
        return _split(self.cleaned_data.get("topics_text", ""))


def suggestions_from(data: Any) -> tuple[list[tuple[str, str]], list[str]]:
    """The suggested texts from the form's rows: [(network, text)], and errors by row."""
    networks = data.getlist("suggestion_network")
    texts = data.getlist("suggestion_text")
    out, errors = [], []
    for i, (network, text) in enumerate(zip(networks, texts, strict=False), start=1):
        text = text.replace("\r\n", "\n").strip()
        if not text:
            continue
        if network not in SHARE_NETWORKS:
            errors.append(f"suggested text {i}: pick a network")
            continue
        if len(text) > 5000:
            errors.append(f"suggested text {i}: {len(text)} characters; the limit is 5000")
            continue
        out.append((network, text))
    return out, errors


class CampaignForm(forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].required = False
        self.fields["starts_at"].help_text = "Empty: now"

    class Meta:
        model = Campaign
        fields = ("name", "description", "starts_at", "ends_at")
        labels: ClassVar[dict[str, Any]] = {"starts_at": "Starts", "ends_at": "Ends"}
        widgets: ClassVar[dict[str, Any]] = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("starts_at"):
            from django.utils import timezone

            data["starts_at"] = timezone.now()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "the end must come after the start")
        return data


class FeedForm(forms.ModelForm):
    url = forms.URLField(label="Feed address (RSS or Atom)", max_length=2000, assume_scheme="https")

    class Meta:
        model = Feed
        fields = ("url", "title")
        labels: ClassVar[dict[str, Any]] = {"url": "Feed address (RSS or Atom)", "title": "Name"}


class SettingsForm(forms.ModelForm):
    class Meta:
        model = AdvocacySettings
        fields = ("points_per_share", "points_per_click", "currency")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for network, label in SHARE_NETWORKS.items():
            self.fields[f"cap_{network}"] = forms.IntegerField(
                label=f"{label}: reach cap", min_value=0, initial=self.instance.cap_for(network)
            )
            self.fields[f"cpm_{network}"] = forms.DecimalField(
                label=f"{label}: CPM", min_value=0, decimal_places=2,
                initial=self.instance.cpm_for(network),
            )  # fmt: skip
            self.fields[f"cpc_{network}"] = forms.DecimalField(
                label=f"{label}: CPC", min_value=0, decimal_places=2,
                initial=self.instance.cpc_for(network),
            )  # fmt: skip

    def save(self, commit: bool = True) -> AdvocacySettings:
        config = super().save(commit=False)
        d = self.cleaned_data
        config.reach_cap = {n: int(d[f"cap_{n}"]) for n in SHARE_NETWORKS}
        config.cpm = {n: float(d[f"cpm_{n}"]) for n in SHARE_NETWORKS}
        config.cpc = {n: float(d[f"cpc_{n}"]) for n in SHARE_NETWORKS}
        if commit:
            config.save()
        return config


class ProfileForm(forms.Form):
    on_leaderboard = forms.BooleanField(label="Show me on the leaderboards", required=False)
    weekly_digest = forms.BooleanField(label="Send me the weekly digest", required=False)
    mastodon_instance = forms.CharField(
        label="My Mastodon server", required=False, max_length=200,
        help_text="e.g. mastodon.social: share links open there",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for network, label in SHARE_NETWORKS.items():
            self.fields[f"reach_{network}"] = forms.IntegerField(
                label=f"{label}: how many people see my posts", min_value=0,
                max_value=100_000_000, required=False,
            )  # fmt: skip

    def clean_mastodon_instance(self) -> str:
        from .sharing import clean_instance

        raw = self.cleaned_data.get("mastodon_instance", "").strip()
        if raw and not clean_instance(raw):
            raise forms.ValidationError("give the server's name, like mastodon.social")
        return clean_instance(raw)
