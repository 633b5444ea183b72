"""Word lists more than one stage reads, decided once: months, weekdays, speech verbs, hedges, years.

Only general English belongs here (no names, outlets or words of one story). A stage that needs a
narrower list builds it from these, so two stages never disagree on what a month or a hedge is.
"""

from __future__ import annotations

import calendar

# Month names and abbreviations -> month number ("sept" as well as "sep").
MONTHS: dict[str, int] = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = frozenset(d.lower() for d in calendar.day_name)

# Verbs that report speech. The core set also marks a name as a speaker in entity mentions; the
# wider one frames a quote.
SPEECH_LEMMAS = frozenset({
    "say", "tell", "add", "state", "acknowledge", "emphasize", "emphasise", "note", "insist", "warn", "claim",
    "argue", "explain", "announce", "confirm", "deny", "reiterate", "write", "list", "stress", "recall", "ask",
})
SPEECH_VERBS = SPEECH_LEMMAS | {"quote", "comment", "declare", "assert", "admit", "suggest", "tweet", "post",
                                "signal", "describe", "call", "remark", "reply", "respond", "promise", "predict"}

# Hedges: a modal of possibility, a speculative adverb, or hearsay. "would"/"should" make a
# conditional, not a hedge of fact, so they are only in CONDITIONAL_MODALS.
HEDGE_MODALS = frozenset({"could", "may", "might"})
CONDITIONAL_MODALS = HEDGE_MODALS | {"would", "should", "'d"}
SPECULATIVE_ADVERBS = frozenset({"probably", "possibly", "perhaps", "maybe"})
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "apparently", "purportedly"})
HEDGE_ADVERBS = SPECULATIVE_ADVERBS | HEARSAY_ADVERBS

# A bare four-digit number in this range reads as a year ("in 2016", "the 1990s"), not a count.
YEAR_MIN, YEAR_MAX = 1800, 2100


def is_year(value: float) -> bool:
    """A whole number that reads as a year when it stands alone."""
    return float(value).is_integer() and YEAR_MIN <= value <= YEAR_MAX
