"""The package data of ``analysis``, installed as ``analysis.data``.

This directory is the repository's ``data/`` and, in an installed package (wheel or editable),
the package ``analysis.data`` (see ``[tool.setuptools]`` in ``pyproject.toml``). It holds the
vocabulary (``lexicon/``), the comparison plan, the gold labels, and the bundled corpus
(``raw/``) with its manifest. Read it with :mod:`importlib.resources`; never write into it.
"""
