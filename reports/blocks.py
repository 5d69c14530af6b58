"""A report text as blocks: paragraphs and bullet lists, for the HTML and the Word file.

Paragraphs are separated by a blank line; a block whose lines all start with "• " is a
bullet list (one bullet per line). A single line break inside a paragraph is kept.
"""


def blocks(text):
    """[("p", paragraph) | ("ul", [item, ...])] of `text`."""
    out = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        block = block.strip()
        if not block:
            continue
        lines = block.split("\n")
        if all(line.startswith("• ") for line in lines):
            out.append(("ul", [line[2:].strip() for line in lines]))
        else:
            out.append(("p", block))
    return out
