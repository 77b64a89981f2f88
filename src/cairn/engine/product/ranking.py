"""Ranks that never renumber: a key between any two keys, so a dragged item writes one
row and its neighbours keep theirs.

Keys are strings of digits and lower-case letters, compared as plain strings: for these
characters every collation (SQLite's binary one, PostgreSQL's "C" and its language
collations alike) agrees with ASCII order, so the database sorts them as we do. A key never ends in
the alphabet's first digit, which is what keeps a gap between any two keys: there is
always room to go one digit deeper.
"""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)
_VALUE = {digit: n for n, digit in enumerate(DIGITS)}


class RankError(ValueError):
    """Two neighbours given out of order, or a key this module did not make."""


def _check(key: str) -> None:
    if not key or key[-1] == DIGITS[0] or any(ch not in _VALUE for ch in key):
        raise RankError(f"{key!r} is not a rank key")


def key_between(before: str | None, after: str | None) -> str:
    """A key strictly after `before` and strictly before `after`; None is either end."""
    if before is not None:
        _check(before)
    if after is not None:
        _check(after)
    if before is not None and after is not None and not before < after:
        raise RankError(f"{before!r} is not before {after!r}")
    return _between(before or "", after)


def _between(low: str, high: str | None) -> str:
    # Walk the digits the two keys share, then pick a digit between theirs; when
    # they are adjacent, keep low's digit and go one place deeper.
    prefix = ""
    n = 0
    while True:
        lo = _VALUE[low[n]] if n < len(low) else 0
        hi = _VALUE[high[n]] if high is not None and n < len(high) else BASE
        if hi - lo > 1:
            return prefix + DIGITS[(lo + hi) // 2]
        prefix += DIGITS[lo]
        if hi - lo == 1:
            # Past this place high is already larger; low's remaining digits are all
            # that bound us from below.
            high = None
        n += 1


def keys_between(before: str | None, after: str | None, count: int) -> list[str]:
    """`count` ascending keys between two neighbours, for placing many items at once."""
    keys: list[str] = []
    low = before
    for _ in range(count):
        low = key_between(low, after)
        keys.append(low)
    return keys


def initial_keys(count: int) -> list[str]:
    """Evenly spread keys for a list ranked for the first time: short, with room
    between every pair."""
    if count <= 0:
        return []
    width = 1
    while BASE**width <= count:
        width += 1
    step = BASE**width // (count + 1)
    keys = []
    for n in range(1, count + 1):
        value, digits = n * step, []
        for _ in range(width):
            value, digit = divmod(value, BASE)
            digits.append(DIGITS[digit])
        keys.append("".join(reversed(digits)).rstrip(DIGITS[0]))
    return keys
