"""Importing people from CSV: every row checked, all or nothing, each bad row named by line."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from manyvoices.people.csv_import import import_people
from manyvoices.people.models import User

GOOD = (
    "email,name,title,department,manager_email,location,role,handles\n"
    "boss@globodyne.example,Bea Boss,Director,Operations,,Oslo,employee,linkedin:in/bea\n"
    "dana@globodyne.example,Dana Doe,Analyst,Operations,boss@globodyne.example,Oslo,,"
    "x:@dana; mastodon:@dana@example.social\n"
    "erin@globodyne.example,Erin Eve,Editor,Communications,,Rome,comms,\n"
)


def upload(client, text, name="people.csv"):
    return client.post("/people/import/", {"file": SimpleUploadedFile(name, text.encode())})


def test_a_good_file_imports_everyone_with_their_manager_and_handles(people, client_for):
    response = upload(client_for(people.admin), GOOD)
    assert response.status_code == 302
    dana = User.objects.get(email="dana@globodyne.example")
    assert dana.manager.email == "boss@globodyne.example"
    assert dana.handles == {"x": "@dana", "mastodon": "@dana@example.social"}
    assert dana.role == "employee" and not dana.has_usable_password()
    assert User.objects.get(email="erin@globodyne.example").role == "comms"


def test_a_known_person_is_updated_not_duplicated(people):
    result = import_people("email,title\nalice@globodyne.example,Staff Engineer\n")
    assert result.ok and result.updated == 1 and result.created == 0
    people.alice.refresh_from_db()
    assert people.alice.title == "Staff Engineer"
    assert people.alice.department == "Engineering"  # columns not in the file are kept


def test_one_bad_row_imports_nothing_and_every_bad_row_is_named_by_line(people, client_for):
    text = (
        "email,name,department,manager_email,role\n"
        "ok1@globodyne.example,Ok One,Ops,,\n"
        "not-an-email,Bad Email,Ops,,\n"
        "ok2@globodyne.example,Ok Two,Ops,ghost@globodyne.example,\n"
        "ok3@globodyne.example,Ok Three,Ops,,overlord\n"
        "ok1@globodyne.example,Twice,Ops,,\n"
    )
    before = User.objects.count()
    response = upload(client_for(people.admin), text)
    assert response.status_code == 400
    assert User.objects.count() == before
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "Line 3: &#x27;not-an-email&#x27; is not an email address" in page
    assert (
        "Line 4: manager ghost@globodyne.example is neither in this file nor a known person" in page
    )
    assert "Line 5: role &#x27;overlord&#x27; is not one of" in page
    assert "Line 6: ok1@globodyne.example is already on line 2" in page


def test_a_row_with_the_wrong_number_of_fields_is_named(people):
    result = import_people("email,name\na@globodyne.example,A,extra\n")
    assert result.errors == [(2, "expected 2 fields as in the header, found 3")]


def test_unknown_columns_and_a_missing_email_column_are_refused(people):
    result = import_people("mail,nickname\nx,y\n")
    assert not result.ok
    assert result.errors[0][0] == 1
    assert "unknown column(s) 'mail', 'nickname'" in result.errors[0][1]
    assert any("no 'email' column" in e for _l, e in result.errors)


def test_bad_handles_and_encodings_are_explained(people):
    result = import_people("email,handles\nh@globodyne.example,friendster:@h\n")
    assert result.errors == [
        (
            2,
            "unknown network 'friendster' in handles (one of x, linkedin, "
            "mastodon, bluesky, threads, facebook, instagram, blog, internal)",
        )
    ]
    assert "not UTF-8" in import_people(b"email\n\xff\xfe\n").errors[0][1]
    assert import_people("").errors == [
        (1, "the file is empty; expected a header row with at least 'email'")
    ]


def test_a_multi_line_quoted_field_keeps_line_numbers_right(people):
    text = 'email,title\n"a@globodyne.example","Two\nlines"\nbad,x\n'
    assert import_people(text).errors == [(4, "'bad' is not an email address")]


def test_only_administrators_can_import(people, client_for):
    for user in (people.alice, people.comms, people.compliance):
        assert upload(client_for(user), GOOD).status_code == 403
    assert upload(client_for(None), GOOD).status_code == 302
    assert not User.objects.filter(email="dana@globodyne.example").exists()


def test_new_people_can_be_invited_by_email_on_import(people, client_for):
    from django.core import mail

    client = client_for(people.admin)
    text = "email,name\nalice@globodyne.example,Alice\nnew1@globodyne.example,New One\n"
    response = client.post(
        "/people/import/", {"file": SimpleUploadedFile("p.csv", text.encode()), "invite": "on"}
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["new1@globodyne.example"]]  # not alice: not new
    assert "/invitations/" in mail.outbox[0].body


def test_without_the_box_ticked_nobody_is_emailed(people, client_for):
    from django.core import mail

    upload(client_for(people.admin), GOOD)
    assert mail.outbox == []
