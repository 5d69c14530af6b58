"""Language of parts (WCAG 3.1.2): what users wrote is Danish, also on English pages.

{% load aktiv_lang %}{{ domain.name|da }} gives the text as is on a Danish page and
<span lang="da">…</span> on a page in another language, so a screen reader reads it with
Danish pronunciation and the browser hyphenates it as Danish. For an element that already
exists, {% da_lang %} gives ` lang="da"` on a page in another language (and nothing on a
Danish page): <p class="story-text"{% da_lang %}>.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()

CONTENT_LANGUAGE = "da"


def _foreign_page():
    return (get_language() or CONTENT_LANGUAGE).split("-")[0] != CONTENT_LANGUAGE


@register.filter(is_safe=True)
def da(value):
    """Danish content: wrapped in <span lang="da"> on a page in another language."""
    if value in (None, ""):
        return value
    if not _foreign_page():
        return conditional_escape(value)
    # Paragraphs (|linebreaks) go in a <div>, a phrase in a <span>.
    tag = "div" if "<p>" in str(value) else "span"
    return format_html('<{} lang="{}">{}</{}>', tag, CONTENT_LANGUAGE, value, tag)


@register.simple_tag
def da_lang():
    """` lang="da"` on a page in another language, nothing on a Danish page."""
    return format_html(' lang="{}"', CONTENT_LANGUAGE) if _foreign_page() else ""
