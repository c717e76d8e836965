from balcao_tui.domain.text import fold


def test_fold_removes_accents_case_and_extra_spaces():
    assert fold("  José   da CONCEIÇÃO ") == "jose da conceicao"
    assert fold("ÁGUA\tFria") == fold("agua fria")
    assert fold("Straße") == "strasse"
    assert fold("João") != fold("Joana")
