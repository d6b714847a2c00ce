"""The package's version, on the ground floor so that every stage may print it (``analysis.__version__``
is this; pyproject.toml reads it from here). What changed in meaning is in CHANGELOG.md."""

__version__ = "0.2.0"
