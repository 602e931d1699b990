"""Whole numbers read from a query string (page numbers, years, ids), and durations as people
write them."""

import re

from django.utils.translation import gettext as _

ASCII_NUMBER = re.compile(r"[0-9]{1,10}")

# The largest integer column of every database the site runs on: no id, year or page number is larger.
LARGEST = 2**31 - 1


def parse_positive_int(raw):
    """``raw`` as a whole number from 1 to ``LARGEST``, or None when it is not one.

    Only ASCII digits count. ``str.isdigit()`` also accepts superscripts such as "²", which ``int()``
    refuses, and ``int()`` reads digits of every script ("٣", "１"), signs, spaces and underscores,
    which no link on the site writes.
    """
    if not ASCII_NUMBER.fullmatch(raw or ""):
        return None
    number = int(raw)
    return number if 1 <= number <= LARGEST else None


def duration_display(total_minutes):
    hours, minutes = divmod(total_minutes, 60)
    if hours and minutes:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if hours:
        return _("%(hours)d h") % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": minutes}
