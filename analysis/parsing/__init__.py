"""Structure: a source text or AKN4UN XML to a Resolution (paragraphs, footnotes, citations)."""
