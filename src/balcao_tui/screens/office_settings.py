"""Configurações da serventia: the office, the counter's confirmations and the TJ link,
saved together (one bad field saves nothing). The credentials have a screen of their own."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS
from ..store.usecases.office_settings import (OfficeSettings, read_office_settings,
                                              save_office_settings)
from ..widgets.form_field import FormField, RowErrors
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen

# (section title, rows of (setting key, label on screen)); print.* stay in `balcao config`.
SECTIONS = (
    ("Serventia", ((("office.cns", "CNS"), ("office.iss_rate", "Alíquota ISS")),
                   (("office.name", "Nome"),),
                   (("office.municipality", "Município"),
                    ("office.signature_card_seal", "Selo na ficha")))),
    ("Balcão: confirmação acima de (páginas, assinaturas); aviso de poucos selos",
     ((("counter.confirm_pages", "Páginas"), ("counter.confirm_signatures", "Assinaturas")),
      (("stock.low_seals", "Poucos selos"),))),
    ("Transmissão ao TJ", ((("tj.url", "Endereço"),),
                           (("tj.mode", "Modo"), ("tj.schedule", "Horário")))),
)
KEYS = tuple(key for _, rows in SECTIONS for row in rows for key, _ in row)
MODES_HINT = ("Modo: online (envia na hora), offline (só quando alguém mandar) ou agendado "
              "(uma vez por dia, no horário). Selo na ficha: sim ou não.")


def input_id(key: str) -> str:
    return "setting-" + key.replace(".", "-")


class OfficeSettingsScreen(BalcaoScreen):
    TITLE_TEXT = "Configurações da serventia"
    HELP_TEXT = (
        "• Altere os campos e tecle F9 para gravar tudo de uma vez; Enter passa ao campo "
        "seguinte. Se um campo estiver errado, nada é gravado e o erro aparece sob ele.\n"
        "• A alíquota do ISS vai de 2% a 5% (ex.: 2,5%). O CNS só muda antes do primeiro "
        "selo.\n• " + MODES_HINT + " O transmissor passa a usar o novo modo, endereço e "
        "horário na hora.\n• O certificado e o client OAuth do TJ são importados na tela "
        "de credenciais.")
    BINDINGS = [BACK, Binding("f9", "confirm", "Gravar", id="office_settings.save")]

    def __init__(self) -> None:
        super().__init__()
        self.loaded: OfficeSettings | None = None
        self._busy = False

    def compose_body(self) -> ComposeResult:
        for title, rows in SECTIONS:
            yield Static(title, classes="section-title")
            for row in rows:
                with Horizontal(classes="form-row"):
                    for key, label in row:
                        yield FormField(label, Input(id=input_id(key),
                                                     max_length=LIMITS["setting"].max_length),
                                        field=key)
                yield RowErrors()
        yield Static(MODES_HINT, id="settings-hint")

    def on_mount(self) -> None:
        self.query_one(f"#{input_id(KEYS[0])}", Input).focus()
        self.call_store(read_office_settings, self._show, failed=self.show_failure,
                        group="settings", exclusive=True)

    def typed(self) -> dict[str, str]:
        return {key: self.query_one(f"#{input_id(key)}", Input).value for key in KEYS}

    def has_typed_data(self) -> bool:
        return self.loaded is not None and any(
            self.loaded[key] != value for key, value in self.typed().items())

    def _show(self, settings: OfficeSettings) -> None:
        self.loaded = settings
        for key in KEYS:
            self.query_one(f"#{input_id(key)}", Input).value = settings[key]

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == input_id(KEYS[-1]):
            self.action_confirm()
        else:
            self.focus_next()

    def action_confirm(self) -> None:
        if self._busy or self.loaded is None:
            return
        self.clear_errors()
        self._busy = True
        user_id, typed = self.balcao.user.id, self.typed()
        self.say("Gravando…")
        self.call_store(lambda: save_office_settings(user_id, typed), self._saved,
                        failed=self._refused, group="settings", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _saved(self, settings: OfficeSettings) -> None:
        self._busy = False
        changed = self.loaded is not None and settings != self.loaded
        self._show(settings)
        if self.balcao.transmitter is not None:
            self.balcao.transmitter.wake()  # the new mode, endpoint or hour counts now
        self.say("Configurações gravadas." if changed else "Nada mudou.", kind="ok")
