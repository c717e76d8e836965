"""Credenciais do TJ: the A1 certificate and the OAuth client. What the certificate says of
itself is shown; the password and the secret are typed once, stored encrypted and never
shown again."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ..domain.boundary import LIMITS
from ..domain.deadlines import format_date
from ..widgets.form_field import FormField
from ..widgets.store_calls import Failure
from .base import BACK, BalcaoScreen

if TYPE_CHECKING:
    from ..store.usecases.credentials import CredentialsOverview

CERT_FIELDS = (("cert_path", "Arquivo .p12", False), ("cert_password", "Senha do A1", True))
OAUTH_FIELDS = (("client_id", "Client id", False), ("client_secret", "Client secret", True))


def _summary(view: CredentialsOverview) -> str:
    cert = view.certificate
    if cert is None:
        lines = ["Certificado A1: não importado."]
    else:
        lines = [f"Certificado A1: {cert.holder} · {cert.document}",
                 f"  Válido de {format_date(cert.not_before)} a {format_date(cert.not_after)}"
                 f" · senha {'cifrada' if view.has_cert_password else 'não informada'}",
                 f"  {cert.path}"]
    secret = "cifrado" if view.has_client_secret else "não informado"
    lines.append(f"Client OAuth: {view.client_id or 'não informado'} · secret {secret}")
    lines.append(f"Chave dos segredos: {view.key_problem or 'em ordem'}")
    return "\n".join(lines)


class CredentialsScreen(BalcaoScreen):
    TITLE_TEXT = "Credenciais do TJ"
    HELP_TEXT = (
        "• O certificado A1 (.p12 ou .pfx) assina os selos; o client OAuth dá acesso à API "
        "do TJ.\n"
        "• Digite o caminho do arquivo no servidor e a senha: Enter no último campo (ou F6) "
        "confere o certificado e o guarda. O client id e o secret: F7.\n"
        "• Senha e secret são guardados cifrados, com a chave que fica fora do banco, e "
        "nunca mais aparecem.\n"
        "• O aviso de vencimento aparece 30, 15 e 7 dias antes; vencido, nada é enviado.")
    BINDINGS = [
        BACK,
        Binding("f6", "import_certificate", "Importar certificado", id="credentials.cert"),
        Binding("f7", "set_oauth", "Gravar client", id="credentials.oauth"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._busy = False

    def compose_body(self) -> ComposeResult:
        yield Static("Lendo…", id="credentials-summary")
        for field, label, secret in CERT_FIELDS + OAUTH_FIELDS:
            yield FormField(label, Input(id=field, password=secret,
                                         max_length=LIMITS[field].max_length), field=field)

    def on_mount(self) -> None:
        self.query_one("#cert_path", Input).focus()
        self._reload()

    def _reload(self) -> None:
        from ..store.usecases.credentials import credentials_overview

        user_id = self.balcao.user.id
        self.call_store(lambda: credentials_overview(user_id), self._show,
                        failed=self.show_failure, group="credentials", exclusive=True)

    def _show(self, view: CredentialsOverview) -> None:
        self.query_one("#credentials-summary", Static).update(_summary(view))
        if view.key_problem:
            self.say(view.key_problem, kind="error")

    def has_typed_data(self) -> bool:
        return any(input.value for input in self.query(Input))

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "cert_password":
            self.action_import_certificate()
        elif event.input.id == "client_secret":
            self.action_set_oauth()
        else:
            self.focus_next()

    def _values(self, fields) -> list[str]:
        return [self.query_one(f"#{field}", Input).value for field, _, _ in fields]

    def action_import_certificate(self) -> None:
        from ..store.usecases.credentials import import_certificate

        path, password = self._values(CERT_FIELDS)
        user_id = self.balcao.user.id
        self._run(lambda: import_certificate(user_id, path, password), CERT_FIELDS,
                  "Conferindo o certificado…")

    def action_set_oauth(self) -> None:
        from ..store.usecases.credentials import set_oauth_client

        client_id, secret = self._values(OAUTH_FIELDS)
        user_id = self.balcao.user.id
        self._run(lambda: set_oauth_client(user_id, client_id, secret), OAUTH_FIELDS,
                  "Gravando o client…")

    def _run(self, job, fields, waiting: str) -> None:
        if self._busy:
            return
        self._busy = True
        self.clear_errors()
        self.say(waiting)
        # The secret leaves the field now: nothing typed stays on the screen.
        self.query_one(f"#{fields[1][0]}", Input).value = ""
        self.call_store(job, lambda result: self._saved(result, fields),
                        failed=self._refused, group="credentials-write", exclusive=True)

    def _refused(self, failure: Failure) -> None:
        self._busy = False
        self.show_failure(failure)

    def _saved(self, result: object, fields) -> None:
        self._busy = False
        for field, _, _ in fields:
            self.query_one(f"#{field}", Input).value = ""
        warning = getattr(result, "warning", None)
        done = ("Certificado importado; a senha foi guardada cifrada." if fields is CERT_FIELDS
                else "Client gravado; o secret foi guardado cifrado.")
        self.say(f"{done} {warning.text}" if warning else done,
                 kind="error" if warning and warning.level in (0, 7) else "ok")
        self.query_one(f"#{fields[0][0]}", Input).focus()
        self.balcao.refresh_status()
        self._reload()
