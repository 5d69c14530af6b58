from django import template

from aktiv.dates import short_date

register = template.Library()


@register.filter
def kort_dato(value):
    """{{ value|kort_dato }}: "21. apr. 2020" (aktiv.dates)."""
    return short_date(value)
