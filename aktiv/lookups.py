"""Single-table lookups for the busiest requests, as fixed SQL instead of ORM queries.

The cached pages (aktiv.page_cache) and the participant's ballot spend most of their
time outside the page itself; building an ORM query (or a RawQuerySet's column mapping)
for a one-row lookup is a noticeable part of what is left. `fetch` runs a statement
whose columns are the model's own (all of them, from `columns`, or a subset) and builds
instances directly.

The statements name their columns rather than SELECT *: PostgreSQL prepares them (see
DJANGO_DB_PREPARED_STATEMENTS), and a prepared SELECT * fails once a migration adds a
column while the server runs ("cached plan must not change result type").
"""

from django.db import connection
from django.http import Http404


def columns(model, alias=""):
    """The model's columns, quoted, for a SELECT list (optionally as alias.column)."""
    quote = connection.ops.quote_name
    prefix = f"{alias}." if alias else ""
    return ", ".join(f"{prefix}{quote(f.column)}" for f in model._meta.concrete_fields)


def get_or_404(model, **lookup):
    """model.objects.get(**lookup) for one unique field, or Http404."""
    ((name, value),) = lookup.items()
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    if not (field.unique or field.primary_key):
        raise ValueError(f"{model.__name__}.{name} is not unique")
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(field.column)
    sql = f"SELECT {columns(model)} FROM {table} WHERE {column} = %s"  # noqa: S608 (model names)
    try:
        value = field.get_prep_value(value)
    except (TypeError, ValueError) as exc:
        raise Http404(f"No {model._meta.object_name} matches the given query.") from exc
    found = fetch(model, sql, [value])
    if not found:
        raise Http404(f"No {model._meta.object_name} matches the given query.")
    return found[0]


def fetch(model, sql, params, *, extra=0):
    """Instances of `model` from `sql`, whose columns are model columns (any subset, in
    any order) followed by `extra` further columns, set as attributes by their names.

    On PostgreSQL the values are used as psycopg returns them, which is right for every
    field without a from_db_value conversion (fetch refuses the others). Elsewhere
    (SQLite for `make run`) a RawQuerySet applies the backend's conversions.
    """
    if connection.vendor != "postgresql":
        return list(model._default_manager.raw(sql, params))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    own = len(names) - extra
    position = {name: i for i, name in enumerate(names[:own])}
    # from_db wants the values in the model's field order, whatever the column order.
    fields = []
    for field in model._meta.concrete_fields:
        if field.column in position:
            if hasattr(field, "from_db_value"):
                raise ValueError(f"fetch cannot convert {model.__name__}.{field.name}")
            fields.append((field.attname, position[field.column]))
    attnames = [attname for attname, _ in fields]
    objects = []
    for row in rows:
        instance = model.from_db(connection.alias, attnames, [row[i] for _, i in fields])
        for name, value in zip(names[own:], row[own:], strict=True):
            setattr(instance, name, value)
        objects.append(instance)
    return objects
