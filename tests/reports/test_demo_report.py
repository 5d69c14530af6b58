"""The learning report from the demo data (`load_demo`): the seed report's numbers.

Runs once stories/demo.py and workshops/demo.py exist (after the merge).
"""

import html
import io
import re

import pytest
from django.core.management import call_command
from docx import Document

from domains import seed
from tests.reports.test_report import docx_headings, domain_sections, html_headings

pytest.importorskip("stories.demo")
pytest.importorskip("workshops.demo")

pytestmark = pytest.mark.django_db

REPORT_ORDER = [d["name"] for d in seed.domains()]


@pytest.fixture
def demo(db):
    call_command("load_demo", force=True, stdout=io.StringIO())


@pytest.fixture
def manager_client(demo, client):
    """The demo's manager "leder" (load_demo sets its password, so log in afterwards)."""
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="leder"))
    return client


def test_demo_preface_reads_twenty_stories_and_employment_in_words(manager_client, demo):
    body = manager_client.get("/report/").content.decode()
    assert "Vi har indsamlet i alt 20 forandringsfortællinger." in body
    bullets = re.search(r'<ul class="report-employment">(.*?)</ul>', body, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", bullets) == [
        "Syv er kommet i job med løntilskud",
        "Fire er i frivilligt arbejde",
        "To er i uvisiterede tilbud",
        "Fem er i beskyttet beskæftigelse (§103)",
        "To er i aktivitets- og samværstilbud (§104)",
    ]


def test_demo_domain_sections_in_ranking_order_with_examples(manager_client, demo):
    sections = domain_sections(manager_client.get("/report/").content.decode())
    assert list(sections) == REPORT_ORDER
    canonical = seed.story_for_example()
    for data in seed.domains():
        section = sections[data["name"]]
        examples = section[section.index('class="checklist"') :]
        examples = examples[: examples.index("</ul>")]
        listed = {html.unescape(t) for t in re.findall(r"<li>(.*?)</li>", examples)}
        assert listed == {canonical[t] for t in data["example_stories"]}, data["name"]


def test_demo_groups_discussed_and_not_prioritised_note(manager_client, demo):
    from reports.wording import groups_discussed_sentence

    sections = domain_sections(manager_client.get("/report/").content.decode())
    for data in seed.domains():
        if data["groups_discussed"]:
            assert groups_discussed_sentence(data["groups_discussed"]) in sections[data["name"]]
    note = "Dette domæne blev ikke særskilt prioriteret og drøftet på borgerworkshoppen."
    assert note in sections["VÆRDIGHED OG LIGEVÆRDIGHED"]


def test_demo_stories_without_report_consent_appear_nowhere(manager_client, demo):
    from stories.models import Story

    hidden = list(
        Story.objects.exclude(pk__in=Story.objects.for_report()).values_list("title", flat=True)
    )
    assert hidden, "the demo has draft, withdrawn and analysis-only stories"
    body = manager_client.get("/report/").content.decode()
    word = manager_client.get("/report/word/").content
    text = "\n".join(p.text for p in Document(io.BytesIO(word)).paragraphs)
    pages = [manager_client.get(p).content.decode() for p in ("/", "/domains/", "/domains/glaede/")]
    shown = set(Story.objects.for_report().values_list("title", flat=True))
    for title in set(hidden) - shown:
        assert title not in body
        assert title not in text
        for page in pages:
            assert title not in page


def test_demo_word_headings_equal_html_headings(manager_client, demo):
    body = manager_client.get("/report/").content.decode()
    word = manager_client.get("/report/word/").content
    assert html_headings(body) == docx_headings(word)


def test_demo_load_is_idempotent(demo):
    from stories.models import Feedback

    before = Feedback.objects.count()
    call_command("load_demo", force=True, stdout=io.StringIO())
    assert Feedback.objects.count() == before
