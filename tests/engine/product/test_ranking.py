"""Ranks never renumber: between any two keys there is always another one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cairn.engine.product.ranking import RankError, initial_keys, key_between, keys_between


def test_a_key_between_nothing_is_a_key():
    key = key_between(None, None)
    assert key and key_between(None, key) < key < key_between(key, None)


def test_adjacent_keys_make_room_one_place_deeper():
    assert "a" < key_between("a", "b") < "b"
    assert "a" < key_between("a", "a1") < "a1"


@pytest.mark.parametrize(("before", "after"), [("b", "a"), ("a", "a"), ("a0", None), ("", None), ("a!", None)])
def test_neighbours_out_of_order_or_foreign_keys_are_refused(before, after):
    with pytest.raises(RankError):
        key_between(before, after)


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10_000), st.booleans()), max_size=120))
def test_any_sequence_of_inserts_keeps_a_strict_order(moves):
    ranked: list[str] = []
    for position, _ in moves:
        at = position % (len(ranked) + 1)
        before = ranked[at - 1] if at else None
        after = ranked[at] if at < len(ranked) else None
        key = key_between(before, after)
        assert (before is None or before < key) and (after is None or key < after)
        ranked.insert(at, key)
    assert ranked == sorted(ranked) and len(set(ranked)) == len(ranked)


@given(st.integers(min_value=0, max_value=5000))
def test_initial_keys_are_ascending_and_leave_room(count):
    keys = initial_keys(count)
    assert len(keys) == count and keys == sorted(keys) and len(set(keys)) == count
    for low, high in zip(keys, keys[1:]):
        assert low < key_between(low, high) < high


def test_many_keys_at_once_fit_between_two_neighbours():
    keys = keys_between("a", "b", 50)
    assert keys == sorted(keys) and keys[0] > "a" and keys[-1] < "b"


def test_keys_stay_short_when_always_inserting_at_the_top():
    key = key_between(None, None)
    for _ in range(200):
        key = key_between(None, key)
    assert len(key) < 60
