"""Rows written in one step: table cells of numbers, list items of links and quotations.

{{ row.counts|number_cells:"num" }}:

A row of counts (votes per group, stories per employment, a rank per workshop compared)
becomes <td class="num">12</td><td class="num zero">0</td>…: None is a dash, a 0 also
has the class "zero" (a table may grey it out), and a value that is already safe HTML
(e.g. a hidden group's marker) goes in as it is. A template loop costs some 100 Python
calls per cell and the overview and results pages show up to a few hundred cells; this
filter a handful. Whole numbers are written as Python writes them: no locale lookup, the
same digits in every language.

{{ stories|link_items }}: items with a "title" and a "url" (None: no link) become
<li><a href="…">title</a></li>…, escaped; the titles are Danish content (lang="da" on
each item on a page in another language, as aktiv_lang does). A domain page lists up to
25 story titles on every uncached view: some 110 Python calls each as a template loop.

{{ quotes|quote_items }}: quotations (what citizens said at a workshop, passages marked in
stories) become <li>”…”</li>…, escaped; Danish content, as the titles (lang="da" on a page
in another language).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from .aktiv_lang import da_lang

register = template.Library()

DASH = "–"


@register.filter(is_safe=True)
def number_cells(values, css_class="num"):
    css_class = conditional_escape(css_class)
    return mark_safe(  # noqa: S308 - every value is a whole number, a dash or escaped
        "".join(
            f'<td class="{css_class}{" zero" if value == 0 else ""}">{_cell(value)}</td>'
            for value in values
        )
    )


def _cell(value):
    if value is None:
        return DASH
    if type(value) is int:  # noqa: E721 - exactly int: its digits need no escaping
        return value
    return conditional_escape(value)


@register.filter(is_safe=True)
def link_items(items):
    lang = da_lang()
    return mark_safe(  # noqa: S308 - every address and title is escaped
        "".join(
            f'<li{lang}><a href="{conditional_escape(item["url"])}">'
            f"{conditional_escape(item['title'])}</a></li>"
            if item["url"]
            else f"<li{lang}>{conditional_escape(item['title'])}</li>"
            for item in items
        )
    )


@register.filter(is_safe=True)
def quote_items(quotes):
    lang = da_lang()
    return mark_safe(  # noqa: S308 - every quotation is escaped
        "".join(f"<li{lang}>”{conditional_escape(quote)}”</li>" for quote in quotes)
    )
