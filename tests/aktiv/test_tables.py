"""aktiv.templatetags.aktiv_tables: a row's numeric cells ({{ values|number_cells }}), a
list's linked items ({{ items|link_items }}) and quotations ({{ quotes|quote_items }})."""

from django.template import engines
from django.utils import translation
from django.utils.safestring import mark_safe

TEMPLATE = engines["django"].from_string(
    '{% load aktiv_tables %}{{ values|number_cells }}|{{ values|number_cells:"text-end" }}'
)


def cells(values):
    return TEMPLATE.render({"values": values})


def test_each_value_is_a_cell_a_zero_is_marked_and_none_is_a_dash():
    html = cells([12, 0, None])
    assert html.split("|")[0] == (
        '<td class="num">12</td><td class="num zero">0</td><td class="num">–</td>'
    )
    assert html.split("|")[1].startswith('<td class="text-end">12</td>')


def test_numbers_read_the_same_in_danish_and_english():
    for language in ("da", "en"):
        with translation.override(language):
            assert cells([10_000]).startswith('<td class="num">10000</td>'), language


def test_text_is_escaped_and_safe_markup_passes_as_it_is():
    hidden = mark_safe('<span class="visually-hidden">skjult</span>')  # noqa: S308
    html = cells(["<b>", hidden])
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert '<td class="num"><span class="visually-hidden">skjult</span></td>' in html


LINKS = engines["django"].from_string("{% load aktiv_tables %}{{ items|link_items }}")


def test_each_item_links_its_title_or_shows_it_without_a_link():
    html = LINKS.render(
        {"items": [{"title": "Ny i job", "url": "/stories/7/"}, {"title": "Ro", "url": None}]}
    )
    assert html == '<li><a href="/stories/7/">Ny i job</a></li><li>Ro</li>'


def test_titles_and_addresses_are_escaped_and_marked_danish_on_english_pages():
    items = [{"title": '<b>"Mod"</b>', "url": '/x/?a=1&b="2"'}]
    html = LINKS.render({"items": items})
    assert "<b>" not in html and "&lt;b&gt;&quot;Mod&quot;&lt;/b&gt;" in html
    assert 'href="/x/?a=1&amp;b=&quot;2&quot;"' in html
    with translation.override("en"):
        html = LINKS.render({"items": [{"title": "Ro", "url": None}]})
    assert html == '<li lang="da">Ro</li>'


QUOTES = engines["django"].from_string("{% load aktiv_tables %}{{ quotes|quote_items }}")


def test_each_quotation_is_an_item_in_quotation_marks_escaped():
    html = QUOTES.render({"quotes": ["Jeg fik en kollega", '<script>"x"</script>']})
    assert html == (
        "<li>”Jeg fik en kollega”</li><li>”&lt;script&gt;&quot;x&quot;&lt;/script&gt;”</li>"
    )
    assert QUOTES.render({"quotes": []}) == ""


def test_quotations_are_marked_danish_on_english_pages():
    with translation.override("en"):
        assert QUOTES.render({"quotes": ["Ro"]}) == '<li lang="da">”Ro”</li>'
