import re

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET = re.compile(r'name="ticket" value="([^"]+)"')


def csrf_of(response):
    return CSRF.findall(response.content.decode())[-1]


def ticket_of(response):
    return TICKET.search(response.content.decode()).group(1)


def submit_choices(client, workshop, group_number, slugs):
    """join -> ballot page -> POST choices; returns the confirmation (or error) response."""
    code = workshop.join_code
    client.get(f"/w/{code}/")
    page = client.get(f"/w/{code}/stem/?gruppe={group_number}")
    return client.post(
        f"/w/{code}/stem/",
        {"csrfmiddlewaretoken": csrf_of(page), "gruppe": group_number, "d": slugs},
    )


def vote(client, workshop, group_number, slugs):
    """The whole flow; returns the response to "Bekræft"."""
    confirm = submit_choices(client, workshop, group_number, slugs)
    assert confirm.status_code == 200, confirm.content.decode()[:2000]
    return client.post(
        f"/w/{workshop.join_code}/bekraeft/",
        {"csrfmiddlewaretoken": csrf_of(confirm), "ticket": ticket_of(confirm)},
    )
