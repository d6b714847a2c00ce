"""Comparisons between resolutions: shares with intervals, differences, paragraph lineage, the series."""
