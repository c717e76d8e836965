import pytest

from balcao_tui.domain import act_kinds as ak
from balcao_tui.domain.act_kinds import (
    ActKindTableError,
    PhysicalSealType,
    SealMode,
    UnknownActKind,
    act_kind_by_code,
    all_act_kinds,
    get_act_kind,
    load_act_kinds,
)
from balcao_tui.domain.seal_code import ALPHABET

EXPECTED = {
    "firma_sem_valor": ("RS", SealMode.HYBRID, PhysicalSealType.RECONHECIMENTO, True),
    "firma_com_valor": ("RV", SealMode.HYBRID, PhysicalSealType.RECONHECIMENTO, True),
    "firma_autenticidade": ("RA", SealMode.HYBRID, PhysicalSealType.RECONHECIMENTO, True),
    "certidao_firma": ("CF", SealMode.HYBRID, PhysicalSealType.RECONHECIMENTO, True),
    "autenticacao": ("AU", SealMode.HYBRID, PhysicalSealType.AUTENTICACAO, True),
    "fotocopia": ("FC", SealMode.DAILY, None, False),
    "autenticacao_digital": ("AD", SealMode.DAILY, None, True),
    "abertura_firma": ("AF", SealMode.OPTIONAL, None, True),
}


def test_key_constants():
    constants = [
        ak.FIRMA_SEM_VALOR, ak.FIRMA_COM_VALOR, ak.FIRMA_AUTENTICIDADE, ak.CERTIDAO_FIRMA,
        ak.AUTENTICACAO, ak.FOTOCOPIA, ak.AUTENTICACAO_DIGITAL, ak.ABERTURA_FIRMA,
    ]
    assert sorted(constants) == sorted(EXPECTED)
    assert ak.EXCLUSION_ACT_CODE == "XA"


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_shipped_table(key):
    kind = get_act_kind(key)
    assert (kind.act_code, kind.seal_mode, kind.physical_seal, kind.iss_in_total) == EXPECTED[key]
    assert kind.key == key and kind.label and kind.short_label
    assert act_kind_by_code(kind.act_code) is kind


def test_all_act_kinds_have_unique_codes_of_the_alphabet():
    kinds = all_act_kinds()
    codes = [kind.act_code for kind in kinds]
    assert len(set(codes)) == len(codes) == len(EXPECTED)
    assert all(len(code) == 2 and set(code) <= set(ALPHABET) for code in codes)
    assert "XA" not in codes


def test_shipped_file_says_codes_are_provisional():
    from importlib import resources

    text = resources.files("balcao_tui.domain.data").joinpath("act_codes.toml").read_text("utf-8")
    assert "PROVISÓRIOS" in text


def test_unknown_kind_and_code():
    with pytest.raises(UnknownActKind) as info:
        get_act_kind("carta_sentenca")
    assert isinstance(info.value, KeyError) and isinstance(info.value, ValueError)
    assert str(info.value) == 'Tipo de ato desconhecido: "carta_sentenca".'
    with pytest.raises(UnknownActKind):
        act_kind_by_code("ZZ")


def shipped_text() -> str:
    from importlib import resources

    return resources.files("balcao_tui.domain.data").joinpath("act_codes.toml").read_text("utf-8")


def line_of(text: str, fragment: str, start_after: str | None = None) -> int:
    lines = text.splitlines()
    begin = 0
    if start_after is not None:
        begin = next(i for i, line in enumerate(lines) if line.strip() == start_after)
    return next(i for i in range(begin, len(lines)) if fragment in lines[i]) + 1


@pytest.mark.parametrize(
    "old, new, fragment",
    [
        ('codigo = "RV"', 'codigo = "RS"', "repetido"),
        ('codigo = "RV"', 'codigo = "RVX"', "2 caracteres"),
        ('codigo = "RV"', 'codigo = "XA"', "reservado"),
        ('codigo = "RV"', 'codigo = "r$"', "2 caracteres"),
    ],
)
def test_bad_codes_are_refused_with_the_line(tmp_path, old, new, fragment):
    text = shipped_text().replace(old, new)
    path = tmp_path / "atos.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActKindTableError) as info:
        load_act_kinds(path)
    expected_line = line_of(text, new, start_after="[atos.firma_com_valor]")
    assert info.value.line == expected_line
    assert f"linha {expected_line}" in str(info.value)
    assert "atos.firma_com_valor" in str(info.value) and fragment in str(info.value)


def test_unknown_seal_mode_is_refused():
    text = shipped_text().replace('modo_selo = "daily"', 'modo_selo = "diario"', 1)
    with pytest.raises(ActKindTableError) as info:
        load_act_kinds(text=text)
    assert '"diario"' in str(info.value) and "atos.fotocopia" in str(info.value)


def test_hybrid_needs_physical_seal_type():
    text = shipped_text().replace('selo_fisico = "autenticacao"\n', "")
    with pytest.raises(ActKindTableError) as info:
        load_act_kinds(text=text)
    assert "selo_fisico" in str(info.value) and "atos.autenticacao]" in str(info.value)


def test_missing_required_kind_is_refused():
    text = shipped_text().split("[atos.abertura_firma]")[0]
    with pytest.raises(ActKindTableError) as info:
        load_act_kinds(text=text)
    assert "abertura_firma" in str(info.value)


def test_an_extra_kind_is_allowed():
    text = shipped_text() + (
        '\n[atos.carta_sentenca]\ncodigo = "CS"\ndescricao = "Carta de sentença"\n'
        'descricao_curta = "Carta sentença"\nmodo_selo = "digital"\n'
    )
    kinds = load_act_kinds(text=text)
    assert kinds["carta_sentenca"].seal_mode is SealMode.DIGITAL
    assert kinds["carta_sentenca"].physical_seal is None


def test_missing_file(tmp_path):
    with pytest.raises(ActKindTableError) as info:
        load_act_kinds(tmp_path / "nao_existe.toml")
    assert "não encontrado" in str(info.value)
