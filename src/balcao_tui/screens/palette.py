"""The command palette's source: every action of the App, matched without accents.

Clerks type "fotocopia" or "autenticacao"; Textual's matcher would not find "Fotocópias".
"""
from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from ..domain.text import fold


class BalcaoCommands(Provider):
    def _commands(self):
        return list(self.app.get_system_commands(self.screen))

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for command in self._commands():
            folded = fold(command.title)
            score = matcher.match(folded)
            if score > 0:
                shown = (_restyled(matcher.highlight(folded), command.title)
                         if len(folded) == len(command.title) else Content(command.title))
                yield Hit(score, shown, command.callback, text=command.title,
                          help=command.help)


def _restyled(highlighted: Content, original: str) -> Content:
    """The original title with the highlight spans found on its folded copy."""
    return Content(original, spans=list(highlighted.spans))
