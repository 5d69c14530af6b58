"""How easy a text is to read: LIX (læsbarhedsindeks), the Danish measure.

LIX = words / sentences + 100 × long words / words, where a long word has more than six
letters and a sentence ends at ".", "!", "?" or ":" (a text without one is one sentence).
Under 25 is very easy (children's books); the ballot's easy-read statements aim at 25 or
lower. static/domains/lix.js counts the same way while the editor types.
"""

import re

# A word: letters (Danish ones too), possibly joined by a hyphen or an apostrophe.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
LONG_WORD = 6
EASY_READ_LIMIT = 25


def lix(text):
    """The LIX of `text`, rounded to a whole number; None for a text without words."""
    words = WORD.findall(text or "")
    if not words:
        return None
    sentences = max(1, len(SENTENCE_END.findall(text.strip())))
    long_words = sum(1 for word in words if len(re.sub(r"[-'’]", "", word)) > LONG_WORD)
    return round(len(words) / sentences + 100 * long_words / len(words))
