"""The one SVG bar chart (aktiv.charts, templates/aktiv/_bar_chart.html)."""

import re

from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from aktiv.charts import Bar, Chart, bar_chart


def test_bars_scale_to_the_largest_value_and_keep_their_order():
    chart = bar_chart("Stemmer", "Søjlerne viser stemmer.", [("A", 10), ("B", 5), ("C", 0, True)])
    assert [bar.label for bar in chart.bars] == ["A", "B", "C"]
    assert chart.bars[0].width == 2 * chart.bars[1].width and chart.bars[2].width == 0
    assert chart.bars[2].muted


def test_svg_numbers_take_a_dot_in_danish_and_english():
    chart = Chart("Titel", "Beskrivelse", bars=[Bar(label="GLÆDE", value=3, y=0, width=12.5)])
    for language in ("da", "en"):
        with translation.override(language):
            svg = render_to_string("aktiv/_bar_chart.html", {"chart": chart, "chart_id": "t"})
        assert 'width="12.5"' in svg, language
        assert not re.search(r'="\d+,\d+"', svg), language
        assert '<td class="num">3</td>' in svg  # the table beside it


def test_the_rest_of_a_danish_page_keeps_danish_decimals():
    template = engines["django"].from_string(
        '{% include "aktiv/_bar_chart.html" with chart=chart chart_id="t" %}<p>{{ value }}</p>'
    )
    with translation.override("da"):
        html = template.render({"chart": bar_chart("T", "B", [("A", 1)]), "value": 0.5})
    assert "<p>0,5</p>" in html


def test_labels_are_escaped_and_danish_on_an_english_page():
    chart = bar_chart("T", "B", [("<GLÆDE>", 2)])
    for language, lang in (("da", ""), ("en", ' lang="da"')):
        with translation.override(language):
            svg = render_to_string("aktiv/_bar_chart.html", {"chart": chart, "chart_id": "t"})
        assert f'<text class="bar-label"{lang} x=' in svg, language
        assert "&lt;GLÆDE&gt;" in svg and "<GLÆDE>" not in svg, language
