import asyncio
from datetime import timedelta

from textual.widgets import OptionList

from balcao_tui.screens.home import HomeScreen
from balcao_tui.screens.login import LoginScreen
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.tj.link_status import LinkState, LinkStatus
from balcao_tui.widgets.status_line import StatusLine

from .conftest import FROZEN
from .helpers import fill, login, settle, text_of


def menu(app) -> list[str]:
    options = app.screen.query_one("#menu", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_clerk_sees_the_counter_actions_each_on_a_key(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        assert isinstance(app.screen, HomeScreen)
        assert menu(app) == ["F2   Reconhecimento de firma", "F3   Autenticação de cópia",
                             "F4   Ficha de firma (abertura)",
                             "F5   Fotocópias e autenticação digital",
                             "F6   Meus atos de hoje", "F7   Trocar a minha senha",
                             "F8   Fechar o meu caixa", "     Consultar selos",
                             "     Painel de selos",
                             "F10  Sair / trocar usuário"]
        await pilot.press("down", "enter")  # arrows and Enter work too
        await settle(pilot)
        assert app.screen.TITLE_TEXT == "Autenticação de cópia"
        await pilot.press("escape")
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen) and app.user is None


async def test_administrator_has_the_admin_screens_and_no_counter_action(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.admin)
        assert menu(app) == ["F7   Trocar a minha senha", "     Estoque de selos físicos",
                             "     Usuários", "     Configurações da serventia",
                             "     Tabela de emolumentos", "     Códigos dos atos",
                             "     Credenciais do TJ", "     Trilha de auditoria",
                             "     Consultar selos", "     Painel de selos",
                             "F10  Sair / trocar usuário"]
        for key in ("f2", "f3", "f4", "f5"):
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "não pratica atos" in text_of(app.screen.query_one("#message"))


async def test_status_line_shows_user_date_pending_seals_and_tj(make_app, office, cards):
    register_counter_acts(office.clerk, "firma_sem_valor", 2, signature_card_id=cards["maria"],
                          now=FROZEN - timedelta(hours=3))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        line = text_of(app.screen.query_one(StatusLine))
        assert line.split(" │ ") == [" clara", "21/11/2026 14:05", "Pendentes: 2",
                                      "prazo 21 h", "TJ: desligado"]
        assert "Prazo mais antigo: 22/11/2026 11:05 (21 h)" in text_of(
            app.screen.query_one("#pending"))
        # another terminal registers an act: the next refresh shows it
        register_counter_acts(office.clerk2, "firma_sem_valor", 1,
                              signature_card_id=cards["maria"], now=FROZEN)
        app.refresh_status()
        await settle(pilot)
        assert "Pendentes: 3" in text_of(app.screen.query_one(StatusLine))


class FakeTransmitter:
    def __init__(self):
        self.on_status = None
        self.wakes = 0
        self.running = False

    async def run(self) -> None:
        self.running = True
        await asyncio.Event().wait()  # until cancelled, like the real one

    def wake(self) -> None:
        self.wakes += 1


async def test_transmitter_runs_in_one_worker_and_reports_in_the_status_line(make_app, office,
                                                                             cards):
    transmitter = FakeTransmitter()
    app = make_app(transmitter=transmitter)
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        assert transmitter.running
        assert [w.group for w in app.workers].count("transmitter") == 1
        assert "TJ: iniciando" in text_of(app.screen.query_one(StatusLine))
        transmitter.on_status(LinkStatus(LinkState.ONLINE,
                                         certificate_expires_at=FROZEN + timedelta(days=12)))
        await pilot.pause()
        line = text_of(app.screen.query_one(StatusLine))
        assert "TJ: online" in line and "Cert. vence em 12 dias" in line
        transmitter.on_status(LinkStatus(LinkState.FAILING,
                                         certificate_expires_at=FROZEN + timedelta(days=90)))
        await pilot.pause()
        line = text_of(app.screen.query_one(StatusLine))
        assert "TJ: falhando" in line and "Cert." not in line
        await pilot.press("f2")
        await settle(pilot)
        fill(app, "card-query", "52998224725")
        for key in ("enter", "enter", "1", "enter", "enter"):
            await pilot.press(key)
            await settle(pilot)
        assert transmitter.wakes == 1


async def test_a_notarys_home_fits_and_keeps_administration_one_level_down(make_app, office):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.notary)
        await pilot.press("escape")  # from the dashboard, the notary's first screen
        await settle(pilot)
        lines = menu(app)
        assert lines[-2:] == ["     Administração…", "F10  Sair / trocar usuário"]
        assert not any("Usuários" in line or "Credenciais" in line for line in lines)
        listing = app.screen.query_one("#menu", OptionList)
        assert listing.size.height == len(lines)  # every line shown, none scrolled away
        await pilot.press("up", "up", "enter")
        await settle(pilot)
        assert app.screen.TITLE_TEXT == "Administração"
        admin = app.screen.query_one("#admin-menu", OptionList)
        titles = [str(admin.get_option_at_index(i).prompt) for i in range(admin.option_count)]
        assert titles == ["Estoque de selos físicos", "Usuários", "Configurações da serventia",
                          "Tabela de emolumentos", "Códigos dos atos", "Credenciais do TJ",
                          "Trilha de auditoria"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen.TITLE_TEXT == "Usuários"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
