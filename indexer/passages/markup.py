"""Text as a reader should see it: papers converted from HTML or PDF-to-Markdown carry their
markup ("<p>", 'style="list-style-type: disc"', "**", "\\_") into the text."""
from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>")
_ATTRIBUTE = re.compile(r"\b(?:style|class|align|width|height)\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})|^\*{1,3}\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]+\)")
_FILL = re.compile(r"_{3,}")
_RULE = re.compile(r"^\s*(?:---+|\*\*\*+|___+)\s*$", re.M)


def plain(text: str) -> str:
    """`text` without HTML tags and attributes, Markdown emphasis, escapes, link syntax and
    rules: "**15TH** <p>March</p>" reads "15TH March". Entities are decoded."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", _RULE.sub("", text))
    text = _ATTRIBUTE.sub("", _TAG.sub(" ", text))
    text = _FILL.sub("", _ESCAPE.sub(r"\1", text))  # "\\_\\_\\_": a signature line
    return html.unescape(text)
