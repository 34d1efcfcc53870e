"""Tools for deck authors: starter decks, canonical layout, ids, adding cards.

Everything here works on the TOML text of a deck with tomlkit, so the
author's comments and blank lines survive, and writes go through
:mod:`quizapp.core.atomic`.
"""
