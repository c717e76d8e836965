"""The signature card on paper: with the office's card seal on, the printed ficha-padrão
carries the ID data, the seal code and the signed public consultation URL; it is shown
after the card is created and can be printed again from the card search."""
from balcao_tui.screens.label import LabelScreen
from balcao_tui.screens.signature_card import SignatureCardScreen
from balcao_tui.store.models import SealRecord, SignatureCard
from balcao_tui.store.secret_box import ensure_key_file
from balcao_tui.store.usecases.credentials import import_certificate
from balcao_tui.tj.qr import CONSULTATION_BASE
from balcao_tui.tj.signing import load_certificate, make_test_certificate, verify_qr_signature
from support.office import CNS

from .helpers import fill, login, open_screen, settle, type_text

PEDRO_CPF = "390.533.447-05"


def sheet_url(text: str) -> str:
    lines = text.splitlines()
    start = lines.index("Consulta pública:") + 1
    return "".join(line for line in lines[start:] if line and not line.startswith("Assinatura"))


async def test_the_card_print_carries_the_seal_and_its_url_and_prints_again(
        make_app, office, tmp_path, data_dir, key_file):
    p12 = tmp_path / "a1.p12"
    make_test_certificate(p12, "senha-a1", common_name="Tabelião de Teste", cns=CNS)
    ensure_key_file(key_file)
    import_certificate(None, str(p12), "senha-a1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f4")
        assert isinstance(app.screen, SignatureCardScreen)
        for field, text in [("name", "Pedro Alvares Cabral"), ("cpf", PEDRO_CPF),
                            ("birth_date", "22/04/1970"), ("father", "João Cabral"),
                            ("mother", "Ana Cabral"), ("rg_number", "11.222.333-4"),
                            ("id_issued_on", "10/01/1990"), ("address", "Rua Direita, 5"),
                            ("profession", "navegador"), ("marital_status", "casado(a)")]:
            fill(app, field, text)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("s")  # generate the card's seal
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        printed = app.screen.document
        await pilot.press("i")
        await settle(pilot)
        written = sorted((data_dir / "etiquetas").glob("*ficha*.txt"))
        assert [w.read_text(encoding="utf-8") for w in written] == [printed]
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SignatureCardScreen)
        # later: found by the CPF, chosen, printed again
        await type_text(pilot, PEDRO_CPF)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        again = app.screen.document
        written[0].unlink()
        await pilot.press("i")
        await settle(pilot)
        assert written[0].read_text(encoding="utf-8") == printed
    assert again == printed
    record = SealRecord.get(SealRecord.act_kind == "abertura_firma")
    card = SignatureCard.get(SignatureCard.cpf == "39053344705")
    for expected in ("PEDRO ALVARES CABRAL", "João Cabral e Ana Cabral", "22/04/1970",
                     PEDRO_CPF, "RG 112223334, SSP/SP", "10/01/1990", "Rua Direita, 5",
                     "navegador", "brasileira", "casado(a)", "21/11/2026",
                     "Escrevente:    Clara Escrevente", f"nº {card.id}",
                     f"Selo digital: {record.code}"):
        assert expected in printed, expected
    url = sheet_url(printed)
    assert url.startswith(f"{CONSULTATION_BASE}?r={record.code}%7C{record.total}%7C"
                          f"{record.iss}%7C")
    from urllib.parse import parse_qs, urlsplit
    code, total, iss, signature = parse_qs(urlsplit(url).query)["r"][0].split("|")
    public = load_certificate(p12, "senha-a1").public_pem()
    assert verify_qr_signature(code, int(total), int(iss), signature, public)
    assert all(len(line) <= 68 for line in printed.splitlines())


async def test_without_a_seal_the_card_print_has_neither_code_nor_url(make_app, office, cards):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await login(pilot, office.clerk)
        await open_screen(pilot, "f4")
        await pilot.press("f6")  # nothing chosen yet
        await settle(pilot)
        assert isinstance(app.screen, SignatureCardScreen)
        await type_text(pilot, "mariana")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "f6")
        await settle(pilot)
        assert isinstance(app.screen, LabelScreen)
        printed = app.screen.document
    assert "MARIANA SOUZA LIMA" in printed and "RG 987654321, SSP/SP" in printed
    assert "Selo digital" not in printed and "Consult" not in printed
