"""Formats: bytes of a file (text, PDF, HTML, AKN4UN XML; OCR for scans) to a decoded source text."""
