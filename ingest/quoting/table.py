"""Ordered, named rule tables: precedence is the order of a table, not a chain of branches.

A rule is a name and a function; `first_match` runs a table and returns the first result, with
the rule's name stamped on it, so every record says which rule produced it. A rule that knows
no later rule may apply (`," Reed barked and a guard ...` has no attribution after it) returns
`STOP`, which ends the search with no result. As spaCy's `Matcher` keeps named patterns as
data, the tables can be listed (`rule_names`) and tested one rule at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple


class Stop:
    """A rule's verdict that nothing attributes here: no later rule of the table may try."""

    def __repr__(self) -> str:
        return "STOP"


STOP = Stop()


class Rule(NamedTuple):
    """One named rule of a table."""

    name: str
    find: Callable[..., Any]


def first_match(rules: Sequence[Rule], *args: Any) -> Any:
    """The first result of the rules in order, its `rule` field (a record's last) set to the
    rule's name unless a nested table already named it; None when no rule matches or one
    returns `STOP`."""
    for rule in rules:
        found = rule.find(*args)
        if found is STOP:
            return None
        if found is not None:
            return found if found.rule else type(found)._make((*found[:-1], rule.name))
    return None


def rule_names(rules: Sequence[Rule]) -> list[str]:
    """The names of a table's rules, in precedence order."""
    return [rule.name for rule in rules]
