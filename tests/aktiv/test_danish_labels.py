"""The main pages, rendered in Danish, as each role: no English label, no "---------"
choice, and one word for the change domains (staff: "forandringsområde"; participants:
"område", explained on the ballot)."""

import re
from html.parser import HTMLParser

import pytest

from domains.models import Domain
from tests.factories import cast, make_story, make_workshop, open_workshop
from workshops.models import Quote, Selection, Workshop

pytestmark = pytest.mark.django_db

# Words Django or a model would show when a label was never written in Danish.
ENGLISH = {
    "Group", "Domain", "Domains", "Story", "Stories", "Kind", "Text", "Reason", "Dissent",
    "Round", "Name", "Slug", "Order", "Icon", "Title", "Date", "Created", "Delete", "Save",
    "Submit", "Search", "Next", "Previous", "Yes", "No", "None", "Unknown", "Username",
    "Password", "Choose", "Select", "Ballot", "Vote", "Quote", "Selection", "Feedback",
    "Consent", "Employment", "Method", "User", "Users", "Action", "Details", "Witness",
}  # fmt: skip
# Where a label is read: form labels and legends, table headers and captions, choices,
# buttons and headings.
LABEL_TAGS = {"label", "legend", "th", "caption", "option", "button", "h1", "h2", "h3", "dt"}


class _Labels(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.texts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in LABEL_TAGS:
            self.depth += 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if tag in LABEL_TAGS and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def labels_of(html):
    parser = _Labels()
    parser.feed(html)
    return [" ".join(text.split()) for text in parser.texts if text.strip()]


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def world(staff_user):
    story = make_story(consent=("analysis", "report"), user=staff_user, storyteller_code="B-1")
    staff_ws = make_workshop(title="Medarbejdere", kind=Workshop.Kind.STAFF)
    open_ws = open_workshop(code="ABCDEF")
    ballot = cast(open_ws, open_ws.groups.first(), ["glaede"])
    glaede = Domain.objects.get(slug="glaede")
    quote = Quote.objects.create(workshop=open_ws, domain=glaede, kind="why", text="Et citat")
    Selection.objects.create(workshop=staff_ws, domain=glaede, story=story, reason="Fordi")
    return {"story": story, "staff_ws": staff_ws, "open": open_ws, "ballot": ballot, "q": quote}


def staff_pages(w):
    s = w["story"].pk
    return [
        "/", "/stories/", "/stories/new/", f"/stories/{s}/", f"/stories/{s}/edit/",
        f"/stories/{s}/withdraw/", "/stories/import/", "/stories/rounds/",
        "/stories/rounds/new/", "/domains/", "/domains/glaede/", f"/stories/{s}/feedback/",
    ]  # fmt: skip


def facilitator_pages(w):
    o, t = w["open"].pk, w["staff_ws"].pk
    return [
        "/", "/workshops/", "/workshops/new/", f"/workshops/{o}/", f"/workshops/{o}/edit/",
        f"/workshops/{o}/groups/", f"/workshops/{o}/quotes/",
        f"/workshops/{o}/quotes/{w['q'].pk}/edit/", f"/workshops/{o}/ballots/",
        f"/workshops/{o}/ballots/new/", f"/workshops/{o}/ballots/{w['ballot'].pk}/delete/",
        f"/workshops/{o}/close/", f"/workshops/{o}/results/", f"/workshops/{t}/selection/",
        "/workshops/compare/", "/domains/", "/domains/glaede/",
    ]  # fmt: skip


def assert_danish(client, paths, staff=True):
    problems = _check(client, paths, staff)
    assert not problems, "\n".join(f"{path}: {what}" for path, what in problems)


def _check(client, paths, staff=True):
    problems = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        html = main_of(response.content.decode())
        if "---------" in html:
            problems.append((path, "---------"))
        for label in labels_of(html):
            english = ENGLISH & set(re.findall(r"[A-Za-z]+", label))
            if english:
                problems.append((path, label))
        # A file's column names (<code>domæner</code>) are what they are.
        if staff and re.search(r"domæne", re.sub(r"<code>.*?</code>", "", html), re.I):
            problems.append((path, "domæne"))
    return problems


def test_staff_pages_speak_danish_and_say_forandringsomraade(staff_client, world):
    assert_danish(staff_client, staff_pages(world))


def test_facilitator_pages_speak_danish_and_say_forandringsomraade(facilitator_client, world):
    assert_danish(facilitator_client, facilitator_pages(world))
    quotes = facilitator_client.get(f"/workshops/{world['open'].pk}/quotes/").content.decode()
    assert "Gruppe" in labels_of(main_of(quotes)) and "Forandringsområde" in quotes


def test_manager_and_participant_pages_speak_danish(manager_client, client, world):
    assert_danish(manager_client, ["/", "/domains/", "/stories/"])
    client.get("/w/ABCDEF/")
    ballot = client.get("/w/ABCDEF/stem/?gruppe=1")
    assert_danish(client, ["/w/", "/w/ABCDEF/stem/?gruppe=1"], staff=False)
    body = ballot.content.decode()
    assert "Et område er en del af livet" in body and "forandringsområde" not in body
