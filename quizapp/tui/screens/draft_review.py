"""Review a draft: each proposed card beside the sentence it comes from; accept, edit or drop.

Every accepted card is written to the deck at once (atomically, checked as
``quizapp check`` would), so quitting at any moment loses nothing. Editing
happens in place (a text area with the card's TOML) or in ``$EDITOR``; an
edit that does not check is kept on screen with the error, never lost.
Article text is untrusted and shown through ``safe_text``.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea

from quizapp.core.draft import Draft, DraftDeck, DraftError, Proposal
from quizapp.core.draft.deckfile import card_ids, card_text, parse_card_text
from quizapp.core.draft.propose import card_id
from quizapp.core.i18n import N_, _, ngettext
from quizapp.core.l10n import decimal
from quizapp.tui.safe_text import literal, visible

PENDING, ACCEPTED, DROPPED = "pending", "accepted", "dropped"


class DraftReviewScreen(Screen[None]):
    """Proposals one by one; the deck file grows with each card accepted."""

    HELP_NOTES = N_(
        "Each proposal quotes its sentence (shown on the left, the answer marked). "
        "Accepted cards are written to the deck at once; the deck always passes "
        "'quizapp check'. Dropped and skipped proposals are not written."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "accept", N_("Accept")),
        Binding("e", "edit", N_("Edit")),
        Binding("E,f2", "edit_external", N_("Edit in $EDITOR")),
        Binding("t", "change_type", N_("Change type")),
        Binding("d,x", "drop", N_("Drop")),
        Binding("n,right", "next", N_("Skip")),
        Binding("p,left", "previous", N_("Back"), show=False),
        Binding("u", "undo", N_("Undo accept"), show=False),
        Binding("ctrl+s", "save_edit", N_("Save edit")),
        Binding("escape", "cancel_edit", N_("Cancel edit")),
        Binding("q", "finish", N_("Finish")),
    ]

    def __init__(self, draft: Draft, deck: DraftDeck) -> None:
        super().__init__()
        self.draft = draft
        self.deck = deck
        self.index = 0
        self.editing = False
        present = card_ids(deck.doc)
        lex = draft.analyzer.lexicon
        # Proposals already in the deck (a review taken up again) count as accepted.
        self.state = [ACCEPTED if card_id(p, lex) in present else PENDING for p in draft.proposals]
        self.accepted_at: list[int] = []
        self.index = self._next_pending(0)

    def compose(self) -> ComposeResult:
        yield Static(id="draft-status")
        with Horizontal(id="draft-panes"):
            with VerticalScroll(id="draft-sentence-pane"):
                yield Static(id="draft-sentence")
            with Vertical(id="draft-card-pane"):
                with VerticalScroll(id="draft-card-scroll"):
                    yield Static(id="draft-card")
                yield TextArea(id="draft-editor", soft_wrap=True, show_line_numbers=False)
                yield Static(id="draft-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#draft-editor", TextArea).display = False
        self.refresh_view()

    # --- what is shown ---------------------------------------------------------------------

    @property
    def proposal(self) -> Proposal | None:
        proposals = self.draft.proposals
        return proposals[self.index] if 0 <= self.index < len(proposals) else None

    def _next_pending(self, start: int) -> int:
        for index in range(start, len(self.state)):
            if self.state[index] == PENDING:
                return index
        return len(self.state)

    def refresh_view(self) -> None:
        counts = {s: self.state.count(s) for s in (ACCEPTED, DROPPED, PENDING)}
        total = len(self.state)
        where = (
            f"{self.index + 1}/{total}"
            if self.proposal
            else _("done ({total})").format(total=total)
        )
        analysis = self.draft.analyzer.name
        status = _(
            "Proposal {where} · ✓ {accepted} accepted · ✗ {dropped} dropped · "
            "{pending} to go · {analysis}"
        ).format(
            where=where,
            accepted=counts[ACCEPTED],
            dropped=counts[DROPPED],
            pending=counts[PENDING],
            analysis=analysis,
        )
        self.query_one("#draft-status", Static).update(Content(status))
        proposal = self.proposal
        sentence = self.query_one("#draft-sentence", Static)
        card = self.query_one("#draft-card", Static)
        if proposal is None:
            sentence.update(Content(""))
            message = ngettext(
                "Every proposal has been decided. {n} card is in {path}.\n"
                "Press q to finish, p to go back.",
                "Every proposal has been decided. {n} cards are in {path}.\n"
                "Press q to finish, p to go back.",
                counts[ACCEPTED],
            ).format(n=counts[ACCEPTED], path=self.deck.path)
            card.update(Content.assemble(literal(message)))
            return
        sentence.update(self._sentence_content(proposal))
        card.update(self._card_content(proposal))

    def _sentence_content(self, proposal: Proposal) -> Content:
        text, mention = proposal.sentence.text, proposal.mention
        number = proposal.sentence.index + 1
        return Content.assemble(
            (
                _("Sentence {number} of {total}").format(
                    number=number, total=len(self.draft.sentences)
                )
                + "\n\n",
                "bold",
            ),
            literal(text[: mention.start]),
            ("[", "dim"),
            (visible(mention.text), "bold underline reverse"),
            ("]", "dim"),
            literal(text[mention.end :]),
        )

    def _card_content(self, proposal: Proposal) -> Content:
        state = self.state[self.index]
        marks = {ACCEPTED: _("✓ accepted"), DROPPED: _("✗ dropped"), PENDING: _("proposed")}
        others = ", ".join(t for t in proposal.options if t != proposal.card_type) or _("none")
        head = _(
            "{state} · {type} · confidence {confidence}\nwhy: {reason} · other types (t): {others}"
        ).format(
            state=marks[state],
            type=proposal.card_type,
            confidence=decimal(proposal.confidence, 2),
            reason=proposal.reason,
            others=others,
        )
        head += "\n\n"
        table = self.deck.table_for(proposal)
        return Content.assemble((head, "bold"), literal(card_text(table)))

    # --- decisions -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_edit = {"save_edit", "cancel_edit"}
        if self.editing:
            return action in in_edit
        if action in in_edit:
            return False
        if action in {"accept", "edit", "edit_external", "change_type", "drop"}:
            return self.proposal is not None and self.state[self.index] == PENDING
        if action == "undo":
            return bool(self.accepted_at)
        return True

    def _advance(self) -> None:
        following = self._next_pending(self.index + 1)
        self.index = following if following < len(self.state) else self._next_pending(0)
        self.refresh_view()
        self.refresh_bindings()

    def action_accept(self) -> None:
        if self.proposal is not None:
            self._write(self.index, None)

    @work(exclusive=True, group="draft-write")
    async def _write(self, index: int, card: dict[str, object] | None) -> None:
        """Accept a proposal (or its edit): the deck is checked and written off the UI thread."""
        proposal = self.draft.proposals[index]
        try:
            table = await asyncio.to_thread(self.deck.accept, proposal, card)
        except DraftError as exc:
            self._show_error(str(exc))
            return
        self.state[index] = ACCEPTED
        self.accepted_at.append(index)
        self._close_editor()
        self.notify(_("Accepted {card}").format(card=table["id"]), markup=False, timeout=2)
        self._advance()

    def action_drop(self) -> None:
        self.state[self.index] = DROPPED
        self._advance()

    def action_next(self) -> None:
        if self.state:
            self.index = (self.index + 1) % len(self.state)
            self.refresh_view()
            self.refresh_bindings()

    def action_previous(self) -> None:
        if self.state:
            self.index = (self.index - 1) % len(self.state)
            self.refresh_view()
            self.refresh_bindings()

    def action_change_type(self) -> None:
        proposal = self.proposal
        if proposal is not None and len(proposal.options) > 1:
            proposal.card_type = proposal.next_type()
            self.refresh_view()

    @work(exclusive=True, group="draft-write")
    async def action_undo(self) -> None:
        if not self.accepted_at:
            return
        try:
            removed = await asyncio.to_thread(self.deck.undo)
        except DraftError as exc:
            self._show_error(str(exc))
            return
        index = self.accepted_at.pop()
        self.state[index] = PENDING
        self.index = index
        self.notify(_("Removed {card} from the deck").format(card=removed), markup=False, timeout=2)
        self.refresh_view()
        self.refresh_bindings()

    def action_finish(self) -> None:
        self.app.exit()

    # --- editing ---------------------------------------------------------------------------

    def action_edit(self) -> None:
        proposal = self.proposal
        if proposal is None:
            return
        self._open_editor(card_text(self.deck.table_for(proposal)))

    def _open_editor(self, text: str) -> None:
        editor = self.query_one("#draft-editor", TextArea)
        editor.load_text(text)
        editor.display = True
        self.query_one("#draft-card-scroll").display = False
        self.editing = True
        self._show_error(_("Editing: ctrl+s accepts the edited card, Escape cancels."))
        editor.focus()
        self.refresh_bindings()

    def _close_editor(self) -> None:
        self.editing = False
        self.query_one("#draft-editor", TextArea).display = False
        self.query_one("#draft-card-scroll").display = True
        self._show_error("")
        self.refresh_bindings()

    def _show_error(self, message: str) -> None:
        self.query_one("#draft-error", Static).update(literal(message))

    def action_save_edit(self) -> None:
        self._save_text(self.query_one("#draft-editor", TextArea).text)

    def _save_text(self, text: str) -> None:
        try:
            card = parse_card_text(text)
        except DraftError as exc:
            self._show_error(str(exc))
            return
        self._write(self.index, card)

    def action_cancel_edit(self) -> None:
        self._close_editor()

    def action_edit_external(self) -> None:
        """Write the card to a temporary file, open ``$EDITOR`` on it, read it back."""
        from quizapp.tui.editor import open_in_editor

        proposal = self.proposal
        if proposal is None:
            return
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "card.toml"
            path.write_text(card_text(self.deck.table_for(proposal)), encoding="utf-8")
            problem = open_in_editor(self.app, path, None)
            text = path.read_text(encoding="utf-8")
        if problem:
            self.notify(problem, severity="error", markup=False)
            return
        # The edit is shown in place, so one that does not check is never lost.
        self._open_editor(text)
        self._save_text(text)


class DraftReviewApp(App[None]):
    """The review screen alone, with the app's help key."""

    TITLE = "quizapp draft"
    CSS = """
    #draft-status { height: auto; padding: 0 1; background: $boost; }
    #draft-panes { height: 1fr; }
    #draft-sentence-pane { width: 2fr; padding: 1 1; border-right: solid $primary-muted; }
    #draft-card-pane { width: 3fr; }
    #draft-card-scroll { height: 1fr; padding: 1 1; }
    #draft-editor { height: 1fr; }
    #draft-error { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("question_mark,f1", "help", N_("Help"))]

    def __init__(self, draft: Draft, deck: DraftDeck) -> None:
        super().__init__()
        self.draft = draft
        self.deck = deck

    def on_mount(self) -> None:
        self.push_screen(DraftReviewScreen(self.draft, self.deck))

    def action_help(self) -> None:
        from quizapp.tui.screens.help import HasHelpNotes, HelpScreen, key_rows

        if isinstance(self.screen, HelpScreen) or isinstance(self.screen.focused, TextArea):
            return
        notes = self.screen.HELP_NOTES if isinstance(self.screen, HasHelpNotes) else ""
        self.push_screen(HelpScreen(key_rows(self, self.screen), "draft review", notes))


def run_review(draft: Draft, deck: DraftDeck) -> int:
    """Run the review; the number of cards accepted in it."""
    DraftReviewApp(draft, deck).run()
    return len(deck.accepted)
