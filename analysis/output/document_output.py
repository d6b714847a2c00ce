"""One resolution as ``crimepol parse`` and ``crimepol classify`` write it: JSON, JSON Lines, CSV or,
for ``parse``, a reading view. pandas is imported only for tables, so that ``crimepol parse`` starts fast."""

from __future__ import annotations

from analysis.model import Resolution
from analysis.serialize import to_csv, to_json, to_records


def format_document(command: str, resolution: Resolution, fmt: str, themes: str = "lexicon") -> str:
    """One document's output: ``parse`` or ``classify`` in json, jsonl, csv or text, with themes from
    the ``themes`` model (classify)."""
    if command == "parse":
        return _parsed(resolution, fmt)
    return _classified(resolution, fmt, themes)


def _parsed(resolution: Resolution, fmt: str) -> str:
    if fmt in ("json", "jsonl"):
        return to_json({**resolution.to_dict(), "source": resolution.source}, lines=fmt == "jsonl")
    if fmt == "csv":
        from analysis.output.tables import paragraph_table

        return to_csv(paragraph_table([resolution]))
    return format_text(resolution)


def _classified(resolution: Resolution, fmt: str, themes: str) -> str:
    from analysis.coding.labels import classification_table
    from analysis.learned.option import classify_with

    table = classification_table(classify_with(resolution, themes))
    if fmt == "csv":
        return to_csv(table)
    if fmt == "json":
        return to_json(table)
    document = {
        "symbol": resolution.symbol,
        "language": resolution.language,
        "source": resolution.source,
        "paragraphs": to_records(table),
    }
    return to_json(document, lines=True)


def format_text(r: Resolution) -> str:
    """A reading view: metadata, then every paragraph with its reference."""
    lines = [
        f"{r.symbol} ({r.language}) {r.title}",
        f"adopted {r.adopted or '?'}; plenary meeting {r.plenary_meeting or '?'}; "
        f"{r.committee or 'no committee'} {r.report}".rstrip(),
        "",
    ]
    for p in r.preamble:
        lines.append(f"[{p.ref}] ({p.lead}) {p.text}")
    for p in r.operative:
        lines.append(f"[{p.ref}] {p.text}")
        lines += [f"    ({s.label}) {s.text}" for s in p.subparagraphs]
    for a in r.annexes:
        lines += ["", f"Adopted text: {a.heading[:200]}"]
        lines += [f"[{p.ref}] {p.text}" for p in a.paragraphs]
    lines.append("")
    lines += [f"footnote {f.marker} (cited in {', '.join(f.cited_in) or '-'}): {f.text}" for f in r.footnotes]
    return "\n".join(lines) + "\n"
