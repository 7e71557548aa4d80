"""A mistake named from how a result differs: the record every diagnosis returns."""

from dataclasses import dataclass


@dataclass
class Finding:
    """A mistake named from the difference: ``key`` tells findings apart across cases."""

    name: str
    fix: str
    key: str = ""
