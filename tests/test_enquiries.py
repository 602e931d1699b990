""" "Ask about this practice": the form on practice and material pages stores the message, mails it to
the organisation (Reply-To the sender) and thanks the visitor; robots, floods and bad input are
refused with form errors; the organisation's editors read their own messages in the admin, moderators
count them; old messages are pruned."""

import time
from datetime import timedelta
from io import StringIO
from smtplib import SMTPException

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from enquiries.models import Enquiry
from enquiries.protection import form_shown_token, seconds_since_shown
from practices.models import GoodPracticePage, Organisation, OrganisationPage, TrainingMaterialPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo]

HIDDEN_ADDRESS_ORGANISATION = "centar-dorcol"  # show_email = false, its own address for enquiries
LOGGER = "enquiries.delivery"


@pytest.fixture(autouse=True)
def fresh_rate_counts():
    cache.clear()
    yield
    cache.clear()


def practice_of(slug, language="en"):
    organisation = Organisation.objects.get(slug=slug, locale__language_code="en")
    return (
        GoodPracticePage.objects.live()
        .filter(organisation__translation_key=organisation.translation_key, locale__language_code=language)
        .order_by("pk")
        .first()
    )


def form_data(page, seconds_ago=30, **changes):
    data = {
        "name": "Ana Kovač",
        "email": "ana@reader.example",
        "message": "How did you find the volunteers for the first season?",
        "consent": "on",
        "homepage": "",
        "shown": form_shown_token(page.pk, now=time.time() - seconds_ago),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def ask_url(page, language="en"):
    with translation.override(language):
        return reverse("enquiries:ask", args=[page.pk])


def send(client, page, language="en", **changes):
    return client.post(ask_url(page, language), form_data(page, **changes))


def not_found(client, url, method="get"):
    """Outside the language prefixes a 404 is first redirected to the /en/ address, where it is one."""
    return getattr(client, method)(url, follow=True).status_code == 404


def errors(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [p.get_text(strip=True) for p in soup.select(".enquiry-form__error, .enquiry-form__errors p")]


# --- the form on the page, and sending it -------------------------------------------------------


def test_practice_and_material_pages_show_the_form_with_its_privacy_notice(client):
    practice = practice_of("udruga-tvornica")
    material = TrainingMaterialPage.objects.live().filter(locale__language_code="en").first()
    for page in (practice, material):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        form = soup.select_one("#ask form.enquiry-form")
        assert form["action"] == ask_url(page)
        assert {field["name"] for field in form.select("input, textarea") if field.get("name")} >= {
            "name",
            "email",
            "message",
            "consent",
            "homepage",
            "shown",
            "csrfmiddlewaretoken",
        }
        notice = form.select_one(".enquiry-form__privacy").get_text(" ", strip=True)
        assert "180 days" in notice
        assert "Only that organisation's editors read them" in notice


def test_a_message_is_stored_mailed_to_the_organisation_with_reply_to_the_sender_and_thanked(client):
    page = practice_of("udruga-tvornica")
    response = send(client, page)

    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:thanks", args=[page.pk])
    enquiry = Enquiry.objects.get()
    assert (enquiry.page_id, enquiry.organisation.slug) == (page.pk, "udruga-tvornica")
    assert (enquiry.sender_name, enquiry.sender_email, enquiry.language) == (
        "Ana Kovač",
        "ana@reader.example",
        "en",
    )
    assert enquiry.message == "How did you find the volunteers for the first season?"
    assert enquiry.emailed

    [message] = mail.outbox
    assert message.to == ["pitanja@tvornica.example"]
    assert message.reply_to == ["ana@reader.example"]
    assert page.title in message.subject
    assert "How did you find the volunteers for the first season?" in message.body
    assert page.full_url in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "your message was received" in thanks.content.decode()


def test_the_mail_is_written_in_the_organisations_language(client):
    page = practice_of("udruga-tvornica")  # a Croatian organisation, asked by a reader in Albanian
    client.post(ask_url(page, "sq"), form_data(page))
    [message] = mail.outbox
    assert "Pitanje o" in message.subject
    assert Enquiry.objects.get().language == "sq"


def test_a_hidden_address_never_reaches_the_page(client):
    organisation = Organisation.objects.get(slug=HIDDEN_ADDRESS_ORGANISATION, locale__language_code="en")
    assert not organisation.show_email
    page = practice_of(HIDDEN_ADDRESS_ORGANISATION)
    profile = OrganisationPage.objects.get(
        organisation__translation_key=organisation.translation_key, locale__language_code="en"
    )
    for url in (page.url, profile.url, ask_url(page), reverse("enquiries:thanks", args=[page.pk])):
        html = client.get(url).content.decode()
        assert organisation.email not in html
        assert organisation.enquiries_email not in html
    assert BeautifulSoup(client.get(page.url).content, "html.parser").select_one("#ask form")

    send(client, page)
    assert mail.outbox[0].to == ["upiti@dorcol.example"]


def test_a_public_address_is_still_shown_on_the_profile(client):
    organisation = Organisation.objects.get(slug="udruga-tvornica", locale__language_code="en")
    profile = OrganisationPage.objects.get(
        organisation__translation_key=organisation.translation_key, locale__language_code="en"
    )
    html = client.get(profile.url).content.decode()
    assert "info@tvornica.example" in html
    assert "pitanja@tvornica.example" not in html


def test_an_organisation_without_any_address_gets_no_form(client):
    page = practice_of("udruga-tvornica")
    Organisation.objects.filter(translation_key=page.organisation.translation_key).update(
        email="", enquiries_email=""
    )
    assert not BeautifulSoup(client.get(page.url).content, "html.parser").select("#ask")
    assert client.get(ask_url(page)).status_code == 404
    assert send(client, page).status_code == 404
    assert not Enquiry.objects.exists()


def test_the_form_in_cyrillic_serbian(client):
    page = practice_of("centar-dorcol", "sr")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    section = soup.select_one("#ask")
    assert section.select_one("h2").get_text(strip=True) == "Питајте о овој пракси"
    assert "Ваше име" in section.get_text()

    response = send(client, page, "sr", name="Марко Петровић", message="Како сте нашли простор?")
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.sender_name, enquiry.language) == ("Марко Петровић", "sr")
    assert "Како сте нашли простор?" in mail.outbox[0].body
    thanks = client.get(response["Location"]).content.decode()
    assert "Хвала" in thanks

    refused = send(client, page, "sr", consent=None)
    assert refused.status_code == 400
    assert any("сагласност" in error or "Сложите" in error for error in errors(refused))


# --- when mail fails ---------------------------------------------------------------------------


def test_a_mail_server_failure_keeps_the_message_and_still_thanks_the_visitor(client, monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise SMTPException("451 try again later")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    page = practice_of("udruga-tvornica")
    with caplog.at_level("ERROR", logger=LOGGER):
        response = send(client, page)

    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:thanks", args=[page.pk])
    enquiry = Enquiry.objects.get()
    assert not enquiry.emailed
    assert any("stored but not emailed" in record.getMessage() for record in caplog.records)


# --- robots, floods and bad input --------------------------------------------------------------


def test_a_filled_in_honeypot_is_refused(client):
    page = practice_of("udruga-tvornica")
    response = send(client, page, homepage="https://cheap-pills.example")
    assert response.status_code == 400
    assert "Your message could not be sent." in errors(response)
    assert not Enquiry.objects.exists()
    assert not mail.outbox


def test_the_honeypot_is_hidden_by_a_class_not_an_inline_style(client):
    page = practice_of("udruga-tvornica")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    trap = soup.select_one("#ask .enquiry-form__trap")
    assert trap.select_one("input[name=homepage]")
    assert trap["aria-hidden"] == "true"
    assert not soup.select("#ask [style]")


@pytest.mark.parametrize(
    ("shown", "error"),
    [
        ("just-now", "faster than anyone can write"),
        ("two-days-ago", "opened too long ago"),
        ("forged", "did not come from this page"),
        ("other-page", "did not come from this page"),
        ("missing", "did not come from this page"),
    ],
)
def test_forms_sent_too_fast_too_late_or_with_a_made_up_time_are_refused(client, shown, error):
    page = practice_of("udruga-tvornica")
    other = practice_of("centar-dorcol")
    token = {
        "just-now": form_shown_token(page.pk),
        "two-days-ago": form_shown_token(page.pk, now=time.time() - 2 * 24 * 3600),
        "forged": form_shown_token(page.pk, now=time.time() - 60)[:-3] + "abc",
        "other-page": form_shown_token(other.pk, now=time.time() - 60),
        "missing": None,
    }[shown]
    response = send(client, page, shown=token)
    assert response.status_code == 400
    assert any(error in message for message in errors(response))
    assert not Enquiry.objects.exists()
    # Shown again with the visitor's text and a new time, so a second try can succeed.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("textarea[name=message]").get_text().strip().startswith("How did you find")
    assert 0 <= seconds_since_shown(soup.select_one("input[name=shown]")["value"], page.pk) < 60


def test_an_address_is_throttled_after_the_limit(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 3
    page = practice_of("udruga-tvornica")
    for _ in range(3):
        assert send(client, page).status_code == 302
    response = send(client, page)
    assert response.status_code == 429
    assert any("several messages in a short time" in error for error in errors(response))
    assert Enquiry.objects.count() == 3
    assert len(mail.outbox) == 3


def test_the_limit_counts_the_visitor_behind_the_proxy_not_the_proxy(client, settings):
    settings.ENQUIRY_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    page = practice_of("udruga-tvornica")
    first = client.post(ask_url(page), form_data(page), headers={"x-forwarded-for": "198.51.100.7"})
    assert first.status_code == 302
    again = client.post(ask_url(page), form_data(page), headers={"x-forwarded-for": "198.51.100.7"})
    assert again.status_code == 429
    other_visitor = client.post(ask_url(page), form_data(page), headers={"x-forwarded-for": "203.0.113.9"})
    assert other_visitor.status_code == 302


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "not an address"},
        {"email": "a@b.example\r\nBcc: everyone@example.org"},
        {"name": ""},
        {"name": "x" * 201},
        {"message": ""},
        {"message": "y" * 5001},
        {"consent": None},
        {"shown": "\x00"},
        {"name": "   "},
    ],
)
def test_bad_input_gives_form_errors_never_a_500(client, changes):
    page = practice_of("udruga-tvornica")
    response = send(client, page, **changes)
    assert response.status_code == 400
    assert errors(response)
    assert not Enquiry.objects.exists()


def test_unknown_unpublished_and_other_pages_are_not_found(client):
    page = practice_of("udruga-tvornica")
    assert client.get(reverse("enquiries:ask", args=[999999999])).status_code == 404
    home = page.get_parent().get_parent()
    assert send(client, home).status_code == 404
    page.unpublish()
    assert send(client, page).status_code == 404


# --- the inbox in the admin --------------------------------------------------------------------


@pytest.fixture
def messages_to_two_organisations():
    tvornica = practice_of("udruga-tvornica")
    dorcol = practice_of("centar-dorcol")

    def enquiry(page, text):
        return Enquiry.objects.create(
            page=page,
            page_title=page.title,
            organisation=page.organisation,
            sender_name="Visitor",
            sender_email="visitor@reader.example",
            message=text,
            language="en",
        )

    return enquiry(tvornica, "A question for Tvornica"), enquiry(dorcol, "A question for Dorćol")


def test_an_editor_reads_only_their_organisations_messages(client, editor_of, messages_to_two_organisations):
    for_tvornica, for_dorcol = messages_to_two_organisations
    client.force_login(editor_of("udruga-tvornica"))

    inbox = client.get(reverse("enquiries_inbox:index"))
    assert inbox.status_code == 200
    assert for_tvornica.page_title in inbox.content.decode()
    assert for_dorcol.page_title not in inbox.content.decode()

    message = client.get(reverse("enquiries_inbox:inspect", args=[for_tvornica.pk]))
    assert "A question for Tvornica" in message.content.decode()

    # Another organisation's message, by its address
    assert not_found(client, reverse("enquiries_inbox:inspect", args=[for_dorcol.pk]))
    assert not_found(client, reverse("enquiries_inbox:delete", args=[for_dorcol.pk]))
    assert not_found(client, reverse("enquiries_inbox:delete", args=[for_dorcol.pk]), "post")
    assert Enquiry.objects.filter(pk=for_dorcol.pk).exists()
    # Nobody writes or edits an enquiry in the admin
    assert client.get(reverse("enquiries_inbox:add")).status_code in (302, 403)
    assert client.get(reverse("enquiries_inbox:edit", args=[for_tvornica.pk])).status_code in (302, 403)
    assert client.get(reverse("enquiries_inbox:counts")).status_code in (302, 403)


def test_an_editor_deletes_their_organisations_message(client, editor_of, messages_to_two_organisations):
    for_tvornica, _for_dorcol = messages_to_two_organisations
    client.force_login(editor_of("udruga-tvornica"))
    response = client.post(reverse("enquiries_inbox:delete", args=[for_tvornica.pk]))
    assert response.status_code == 302
    assert not Enquiry.objects.filter(pk=for_tvornica.pk).exists()


def test_moderators_see_counts_not_contents(client, moderator, messages_to_two_organisations):
    for_tvornica, for_dorcol = messages_to_two_organisations
    client.force_login(moderator)

    inbox = client.get(reverse("enquiries_inbox:index"))
    assert inbox.status_code == 302
    assert inbox["Location"] == reverse("enquiries_inbox:counts")
    counts = client.get(inbox["Location"])
    assert counts.status_code == 200
    rows = {
        row.select("td")[0].get_text(strip=True): row.select("td")[1].get_text(strip=True)
        for row in BeautifulSoup(counts.content, "html.parser").select("table.listing tbody tr")
    }
    assert rows[for_tvornica.organisation.name] == "1"
    assert rows[for_dorcol.organisation.name] == "1"
    html = counts.content.decode()
    assert "A question for" not in html
    assert "visitor@reader.example" not in html

    for enquiry in (for_tvornica, for_dorcol):
        assert not_found(client, reverse("enquiries_inbox:inspect", args=[enquiry.pk]))
        assert client.post(reverse("enquiries_inbox:delete", args=[enquiry.pk])).status_code in (302, 403)
    assert Enquiry.objects.count() == 2


def test_superusers_see_counts_not_contents(client, messages_to_two_organisations):
    for_tvornica, _for_dorcol = messages_to_two_organisations
    client.force_login(get_user_model().objects.get(username="admin"))
    assert client.get(reverse("enquiries_inbox:index"))["Location"] == reverse("enquiries_inbox:counts")
    assert not_found(client, reverse("enquiries_inbox:inspect", args=[for_tvornica.pk]))


def test_a_visitor_or_trainer_has_no_inbox(client, messages_to_two_organisations):
    assert client.get(reverse("enquiries_inbox:index")).status_code == 302  # to the login
    client.force_login(get_user_model().objects.get(username="trainer-elena"))
    assert client.get(reverse("enquiries_inbox:index")).status_code in (302, 403)
    assert client.get(reverse("enquiries_inbox:counts")).status_code in (302, 403)


# --- pruning -----------------------------------------------------------------------------------


def test_prune_enquiries_deletes_messages_older_than_the_retention(settings, messages_to_two_organisations):
    settings.ENQUIRY_RETENTION_DAYS = 30
    old, recent = messages_to_two_organisations
    Enquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    Enquiry.objects.filter(pk=recent.pk).update(created_at=timezone.now() - timedelta(days=29))

    dry = StringIO()
    call_command("prune_enquiries", "--dry-run", stdout=dry)
    assert "1 enquiries are older than 30 days" in dry.getvalue()
    assert Enquiry.objects.count() == 2

    out = StringIO()
    call_command("prune_enquiries", stdout=out)
    assert "Deleted 1 of 1" in out.getvalue()
    assert list(Enquiry.objects.values_list("pk", flat=True)) == [recent.pk]
