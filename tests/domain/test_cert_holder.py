"""The holder of an ICP-Brasil certificate, read from its common name."""
from balcao_tui.domain.cert_holder import holder_document, holder_name, shown_document
from balcao_tui.domain.identifiers import cnpj_check_digits, cpf_check_digits

CPF = "123456789" + cpf_check_digits("123456789")
CNPJ = "112223330001" + cnpj_check_digits("112223330001")
ALNUM_CNPJ = "12ABC34501DE" + cnpj_check_digits("12ABC34501DE")


def test_e_cnpj_and_e_cpf_common_names():
    assert holder_document(f"1º TABELIÃO DE NOTAS:{CNPJ}") == CNPJ
    assert holder_name(f"1º TABELIÃO DE NOTAS:{CNPJ}") == "1º TABELIÃO DE NOTAS"
    assert holder_document(f"TÂNIA TABELIÃ:{CPF}") == CPF
    assert holder_document(f"ESCRITÓRIO:{ALNUM_CNPJ.lower()}") == ALNUM_CNPJ


def test_no_document_or_an_invalid_one():
    assert holder_document("Tabelião de Teste") == ""
    assert holder_document("NOME:12345678900") == ""
    assert holder_name("Tabelião de Teste") == "Tabelião de Teste"


def test_cpf_is_shown_masked_and_cnpj_whole():
    assert shown_document(CPF) == "CPF ***.456.789-**"
    assert shown_document(CNPJ) == "CNPJ 11.222.333/0001-81"
    assert shown_document("") == "não informado"
