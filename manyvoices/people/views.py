"""People pages: home, the directory for administrators, invitations, CSV import."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from .csv_import import COLUMNS, import_people
from .decorators import role_required
from .forms import AcceptInvitationForm, ImportForm, InvitationForm, ProfileForm
from .models import Invitation, User


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("composer:new")
    return render(request, "home.html")


@role_required("can_manage_people")
def people_list(request: HttpRequest) -> HttpResponse:
    people = User.objects.select_related("manager").order_by("department", "name")
    invitations = Invitation.objects.filter(accepted_at__isnull=True)
    return render(request, "people/list.html", {"people": people, "invitations": invitations})


def send_invitation(invitation: Invitation, token: str, inviter: User) -> str:
    """Email the invitation link; returns the link."""
    link = settings.SITE_URL + reverse("people:accept", args=[token])
    send_mail(
        "You are invited to ManyVoices",
        f"{inviter} invited you to ManyVoices. Set your password here (valid 14 days):\n\n{link}\n",
        None,
        [invitation.email],
    )
    return link


@role_required("can_manage_people")
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        invitation, token = Invitation.issue(invited_by=request.user, **form.cleaned_data)
        link = send_invitation(invitation, token, request.user)
        messages.success(request, f"Invitation sent to {invitation.email}.")
        form = InvitationForm()
    return render(request, "people/invite.html", {"form": form, "link": link})


@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.find(token)
    if invitation is None:
        return render(request, "people/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        user = invitation.accept(
            name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to ManyVoices. Please read the guidelines.")
        return redirect("guidelines:public")
    return render(request, "people/accept.html", {"form": form, "invitation": invitation})


@role_required("can_manage_people")
@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST" and form.is_valid():
        result = import_people(form.cleaned_data["file"])
        if result.ok:
            invited = 0
            if form.cleaned_data["invite"]:
                for person in result.created_people:
                    invitation, token = Invitation.issue(
                        email=person.email,
                        invited_by=request.user,
                        role=person.role,
                        name=person.name,
                        department=person.department,
                    )
                    send_invitation(invitation, token, request.user)
                    invited += 1
            note = f"; {invited} invitation{'s' if invited != 1 else ''} sent" if invited else ""
            messages.success(
                request, f"Imported: {result.created} new, {result.updated} updated{note}."
            )
            return redirect("people:list")
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "people/import.html",
        {"form": form, "result": result, "columns": COLUMNS},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Profile saved.")
            return redirect("people:profile")
        return render(request, "people/profile.html", {"form": form}, status=400)
    return render(request, "people/profile.html", {"form": form})
