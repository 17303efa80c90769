"""Deadline rules: the vocabulary of counting forms and anchors, and the printed-date check."""
from .agree import printed_agrees, printed_dates
from .vocabulary import (
    ANCHOR_WORDS,
    ANCHORS,
    BOUNDS,
    COUNT_FORMS,
    FORMS,
    TEXT,
    TEXT_EXAMPLE,
    TIME_ZONES,
    Anchor,
    BoundKey,
    Example,
    Form,
    FormInfo,
    TimeZoneKind,
    anchors_table,
    forms_table,
)

__all__ = ["ANCHORS", "ANCHOR_WORDS", "BOUNDS", "COUNT_FORMS", "FORMS", "TEXT", "TEXT_EXAMPLE", "TIME_ZONES",
           "Anchor", "BoundKey", "Example", "Form", "FormInfo", "TimeZoneKind", "anchors_table", "forms_table",
           "printed_agrees", "printed_dates"]
