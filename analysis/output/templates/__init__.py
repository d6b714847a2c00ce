"""The Jinja2 templates and styles of the briefing (``analysis.output.briefing``), as package data."""
