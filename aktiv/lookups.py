"""`get_or_404` for the busiest pages, as one fixed statement instead of an ORM query.

The cached pages (aktiv.page_cache) spend most of their time outside the page itself;
building an ORM query for a single-row lookup is a noticeable part of what is left.
"""

from django.db import connection
from django.http import Http404


def get_or_404(model, **lookup):
    """model.objects.get(**lookup) for one unique field, or Http404."""
    ((name, value),) = lookup.items()
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    if not (field.unique or field.primary_key):
        raise ValueError(f"{model.__name__}.{name} is not unique")
    quote = connection.ops.quote_name
    sql = f"SELECT * FROM {quote(model._meta.db_table)} WHERE {quote(field.column)} = %s"  # noqa: S608 (names from the model)
    try:
        value = field.get_prep_value(value)
    except (TypeError, ValueError) as exc:
        raise Http404(f"No {model._meta.object_name} matches the given query.") from exc
    found = list(model._default_manager.raw(sql, [value]))
    if not found:
        raise Http404(f"No {model._meta.object_name} matches the given query.")
    return found[0]
