import pytest

from balcao_tui.labels import (
    LABEL_WIDTH,
    PrintError,
    labels_document,
    print_labels,
    registration_labels,
)
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.signature_cards import CardData, create_signature_card

from .conftest import FROZEN, MARIA_CPF


@pytest.fixture
def registration(office):
    card = create_signature_card(office.clerk, CardData(name="Maria da Silva", cpf=MARIA_CPF),
                                 now=FROZEN).card_id
    return register_counter_acts(office.clerk, "firma_com_valor", 2, signature_card_id=card,
                                 now=FROZEN)


def test_one_label_per_act_with_text_office_clerk_date_seal_and_value(registration):
    labels = registration_labels(registration, "São Paulo")
    assert len(labels) == 2
    first = labels[0]
    assert "Reconheço por semelhança a firma de\nMARIA DA SILVA, com valor econômico." in first
    for expected in ("1º Tabelião de Notas de Teste", "CNS 14.557-3",
                     "São Paulo, 21/11/2026 14:05", "Escrevente: Clara Escrevente",
                     "Selo RF0001 0000001", registration.acts[0].seal_code,
                     "Total R$ "):
        assert expected in first
    assert "Selo RF0001 0000002" in labels[1]
    assert all(len(line) <= LABEL_WIDTH for label in labels for line in label.splitlines())


def test_printing_to_a_file_and_to_a_command(registration, tmp_path):
    document = labels_document(registration_labels(registration, "São Paulo"))
    where = print_labels(document, command=None, directory=tmp_path / "etiquetas",
                         stamp=FROZEN, name="RF0001-0000001")
    written = tmp_path / "etiquetas" / "etiqueta-20261121-140500-RF0001-0000001.txt"
    assert str(written) in where and written.read_text(encoding="utf-8") == document
    out = tmp_path / "impressora.txt"
    where = print_labels(document, command=f"sh -c 'cat > {out}'", directory=tmp_path,
                         stamp=FROZEN, name="x")
    assert "Enviado para impressão" in where and out.read_text(encoding="utf-8") == document
    with pytest.raises(PrintError, match="A impressão falhou"):
        print_labels(document, command="false", directory=tmp_path, stamp=FROZEN, name="x")


async def test_the_label_names_a_supervisors_real_role(make_app, office):
    from balcao_tui.screens.label import LabelScreen
    from balcao_tui.store.usecases.stock import add_seal_sheet

    from .helpers import login, open_screen, settle, type_text

    add_seal_sheet(office.admin, series="AU0003", seal_type="autenticacao", first_number=1,
                   last_number=5, clerk_id=office.supervisor)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.supervisor)
        await open_screen(pilot, "f3")
        await type_text(pilot, "1")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        label = app.screen.labels[0]
    assert "Supervisor: Sueli Supervisora" in label
    assert "Escrevente" not in label
