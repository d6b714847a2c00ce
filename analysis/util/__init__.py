"""Utilities every stage may use: atomic file writes, where data and caches live, progress bars, and one
switch that clears every cache."""
