"""Labels for operative paragraphs: verbs, themes and the short references they resolve (lexicon only)."""
