"""Small write helpers shared by the services."""

from __future__ import annotations


def fields_set(obj, values: dict) -> bool:
    """Set the attributes that differ; True when anything changed (so a save is due)."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def save_validated(obj, user=None) -> None:
    """full_clean() then save(), with the history row attributed to ``user``."""
    obj._history_user = user
    obj.full_clean()
    obj.save()
