"""The pure core: decks, answer checking, scheduling, history. No Textual, no Rich."""
