"""Rules for interface chrome: buttons, ad markers, icon-font strings, navigation."""
from __future__ import annotations

import re

from . import LineContext, rule

_AD = re.compile(
    r"^[\s\-–—_*·|\[\]()]*(advertisement|advertising|advert|ad|ads|sponsored( content)?|anzeige|werbung|"
    r"publicité|publicidad|pubblicità|реклама|story continues below( advertisement)?)[\s\-–—_*·|\[\]()]*$",
    re.I,
)


@rule("ad-marker", "advertisement")
def ad_marker(ctx: LineContext) -> bool:
    """A line that only says an advertisement goes here.

    >>> ad_marker(LineContext(["- Advertisement -"], 0))
    True
    >>> ad_marker(LineContext(["Advertisement revenue fell by half in 2020."], 0))
    False
    """
    return bool(_AD.match(ctx.text))
