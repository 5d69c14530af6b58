"""The one SVG bar chart: geometry and the repeated bar markup here, the figure around
it in templates/aktiv/_bar_chart.html.

A chart is a list of labelled values drawn as horizontal bars, scaled to the largest
value, with the same numbers as a table beside it (or in a table the page already
shows). Server-rendered, no script, no inline style: it prints and passes a strict CSP.

The bars and the table rows are written by `Chart.svg_bars` and `Chart.table_rows`
rather than by a template loop, which costs some 250 Python calls per bar (/domains/
draws two charts on every uncached view). The labels are escaped; the numbers are
written as Python writes them: a dot in every language (SVG needs it), no locale lookup.
"""

from dataclasses import dataclass, field

from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from aktiv.templatetags.aktiv_lang import da, da_lang

WIDTH = 640
LABEL_WIDTH = 230
BAR_HEIGHT = 26
GAP = 8
VALUE_ROOM = 40


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: int
    muted: bool = False  # e.g. a domain nobody voted for
    note: str = ""  # said after the value in the table, e.g. "delt 2. plads"

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT // 2 + 5

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + 6


@dataclass
class Chart:
    title: str
    description: str
    bars: list = field(default_factory=list)
    css_class: str = "bar"
    show_table: bool = True  # False when the page shows the same numbers in a table

    width = WIDTH
    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT
    label_x = LABEL_WIDTH - 8

    @property
    def height(self):
        return max(len(self.bars), 1) * (BAR_HEIGHT + GAP)

    def svg_bars(self):
        """Each bar's label, rectangle and value, as SVG (the labels are Danish content:
        lang="da" on a page in another language)."""
        lang = da_lang()
        return mark_safe(  # noqa: S308 - the labels are escaped, the rest are numbers
            "\n".join(
                f'<text class="bar-label"{lang} x="{self.label_x}" y="{bar.text_y}" '
                f'text-anchor="end">{conditional_escape(bar.label)}</text>'
                f'<rect class="{self.css_class}{" bar-muted" if bar.muted else ""}" '
                f'x="{LABEL_WIDTH}" y="{bar.y}" width="{bar.width}" height="{BAR_HEIGHT}"></rect>'
                f'<text class="bar-value" x="{bar.value_x}" y="{bar.text_y}">{bar.value}</text>'
                for bar in self.bars
            )
        )

    def table_rows(self):
        """The same numbers as table rows: label and value."""
        return mark_safe(  # noqa: S308 - the labels are escaped (by |da), the values numbers
            "".join(
                f'<tr><th scope="row">{da(bar.label)}</th><td class="num">{bar.value}</td></tr>'
                for bar in self.bars
            )
        )


def bar_chart(title, description, items, *, css_class="bar", show_table=True):
    """items: [(label, value)] or [(label, value, muted)] -> a Chart."""
    rows = [(item[0], item[1], item[2] if len(item) > 2 else False) for item in items]
    largest = max((value for _label, value, _muted in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = [
        Bar(
            label=label,
            value=value,
            y=index * (BAR_HEIGHT + GAP),
            width=round(room * value / largest),
            muted=muted,
        )
        for index, (label, value, muted) in enumerate(rows)
    ]
    return Chart(
        title=title,
        description=description,
        bars=bars,
        css_class=css_class,
        show_table=show_table,
    )
