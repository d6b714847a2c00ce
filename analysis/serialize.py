"""Writing and reading tables and records: the one place where list columns become text and back.

In memory, a label set is a list (``themes = ["corruption", "funding"]``). A CSV cell cannot hold a
list, so it is joined with ``|`` here when written and split here when read; JSON keeps real lists.
Nothing else in the package joins or splits label lists. (The corpus manifests and the lock file are
provenance records with fixed string columns, read and written with the csv module in corpus/registry.py.)
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

LIST_SEPARATOR = "|"
# The label columns that hold lists (``crimepol classify``, ``operative.csv``, the gold files), and with
# the paragraph table's, every column the package writes as a list: :func:`read_csv` splits them back.
LABEL_LIST_COLUMNS = (
    "verbs",
    "modifiers",
    "themes",
    "subject_themes",
    "addressees",
    "mandates",
    "funding_kind",
    "evidence",
)
LIST_COLUMNS = (*LABEL_LIST_COLUMNS, "subparagraphs", "footnotes")
FLOAT_FORMAT = "%.6g"  # six significant digits: shares and p-values, without float noise in diffs


def _is_list(value: object) -> bool:
    return isinstance(value, (list, tuple, frozenset, set))


def list_columns(frame: pd.DataFrame) -> list[str]:
    """Columns whose non-empty cells are lists (what a CSV must join)."""
    return [
        column
        for column in frame.columns
        if frame[column].dtype == object and any(_is_list(v) for v in frame[column].head(1000))
    ]


def join_list(value: object) -> object:
    """``["a", "b"]`` -> ``"a|b"`` (sets in sorted order, so the bytes are stable); other values as they are."""
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def split_list(value: object) -> list[str]:
    """``"a|b"`` -> ``["a", "b"]``; an empty or missing cell is an empty list."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, (list, tuple, frozenset, set)):
        return [str(v) for v in value]
    return [v for v in str(value).split(LIST_SEPARATOR) if v]


def to_csv(frame: pd.DataFrame) -> str:
    """The table as CSV text: list cells joined with ``|``, ``\\n`` line ends, no index."""
    flat = frame.copy()
    for column in list_columns(frame):
        flat[column] = flat[column].map(join_list)
    return flat.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)


def read_csv(path: str | Path, list_columns: Iterable[str] = LIST_COLUMNS) -> pd.DataFrame:
    """A table written by :func:`to_csv` (or typed by a person in that form), with ``list_columns``
    (by default every list column the package writes, those the table has) split back into lists.
    Other cells are strings; empty cells stay empty strings, not NaN."""
    import pandas as pd

    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in list_columns:
        if column in frame:
            frame[column] = frame[column].map(split_list)
    return frame


def _plain(value: Any) -> Any:
    """A JSON-ready value: NaN and pandas NA as null, numpy scalars as Python numbers, lists kept."""
    if _is_list(value):
        return [_plain(v) for v in (sorted(value) if isinstance(value, (set, frozenset)) else value)]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if type(value).__name__ == "ndarray":  # numpy array in a cell: a list (numpy is not imported to check)
        return [_plain(v) for v in value.tolist()]
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    pandas = sys.modules.get("pandas")  # only a table can hold pandas' NA; parsing never imports pandas
    if pandas is not None and (value is pandas.NA or value is pandas.NaT):
        return None
    return value


def to_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One JSON-ready dict per row (lists stay lists; missing values are ``None``)."""
    return [{str(k): _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def to_json(value: Any, lines: bool = False) -> str:
    """JSON text of a table, records or one object: indented, or with ``lines`` JSON Lines (one
    compact line per record of a table, one line for an object)."""
    if hasattr(value, "to_dict") and hasattr(value, "columns"):
        value = to_records(value)
    if lines and isinstance(value, list):
        return "".join(json.dumps(_plain(v), ensure_ascii=False) + "\n" for v in value)
    return json.dumps(_plain(value), ensure_ascii=False, indent=None if lines else 2) + "\n"
