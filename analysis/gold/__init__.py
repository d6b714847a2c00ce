"""Gold labels made by annotators reading the text, and the paragraph texts they belong to."""
