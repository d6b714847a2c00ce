"""The classifiers and parsers measured against gold labels, the UN markup and a learned baseline."""
