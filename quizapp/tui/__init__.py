"""The Textual interface, on top of the pure core."""
