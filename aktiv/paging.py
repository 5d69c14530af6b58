"""Pages of a long list that cost only the page shown.

Django's Paginator counts the whole list to know how many pages there are: at 100,000
stories that count cost more than the page. Here a page reads one row more than it
shows, which says whether a next page exists. The total is shown only when it is known
cheaply (the tallies PostgreSQL keeps for an unfiltered list); otherwise the page says
"Næste side" without a count.
"""

import math
from dataclasses import dataclass

# Deep pages are read with OFFSET, which costs the rows skipped: stop somewhere sensible
# (a filter or the search finds anything further back).
MAX_PAGE = 1000


@dataclass
class Page:
    object_list: list
    number: int
    size: int
    has_next: bool
    total: int | None = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_previous or self.has_next

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    @property
    def start_index(self):
        return (self.number - 1) * self.size + 1 if self.object_list else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.size + len(self.object_list)

    @property
    def num_pages(self):
        if self.total is None:
            return None
        return max(1, math.ceil(self.total / self.size))


def page_number(raw):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def page_of(queryset, raw_number, size, total=None):
    """The page `raw_number` (anything a user typed) of `queryset` (or a list), `size`
    rows; `total` when it is known without counting."""
    number = page_number(raw_number)
    if total is not None:
        number = min(number, max(1, math.ceil(total / size)))
    start = (number - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Page(
        object_list=rows[:size],
        number=number,
        size=size,
        has_next=len(rows) > size,
        total=total,
    )
