from django import template

from aktiv.dates import short_date, short_datetime, short_month

register = template.Library()


@register.filter
def kort_dato(value):
    """{{ value|kort_dato }}: "21. apr. 2020" (aktiv.dates)."""
    return short_date(value)


@register.filter
def kort_tid(value):
    """{{ value|kort_tid }}: "21. apr. 2020 kl. 14.05" (aktiv.dates)."""
    return short_datetime(value)


@register.filter
def kort_maaned(value):
    """{{ value|kort_maaned }}: "apr. 2020" (aktiv.dates)."""
    return short_month(value)
