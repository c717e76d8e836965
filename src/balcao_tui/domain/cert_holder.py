"""Who an ICP-Brasil certificate belongs to: its common name is "NAME:CPF" (e-CPF) or
"NAME:CNPJ" (e-CNPJ). The CPF is personal data and is shown masked; a CNPJ is public."""
from __future__ import annotations

from .identifiers import format_cnpj, is_valid_cnpj, is_valid_cpf, mask_cpf


def holder_document(common_name: str) -> str:
    """The CPF or CNPJ after the last ':' of the common name, or "" if there is none."""
    _, colon, tail = common_name.rpartition(":")
    tail = tail.strip().upper()
    if colon and (is_valid_cpf(tail) or is_valid_cnpj(tail)):
        return tail
    return ""


def holder_name(common_name: str) -> str:
    name, colon, _ = common_name.rpartition(":")
    return name.strip() if colon and holder_document(common_name) else common_name


def shown_document(document: str) -> str:
    """ "CNPJ 12.345.678/0001-95", "CPF ***.456.789-**", or "não informado"."""
    if len(document) == 14 and is_valid_cnpj(document):
        return f"CNPJ {format_cnpj(document)}"
    if len(document) == 11 and is_valid_cpf(document):
        return f"CPF {mask_cpf(document)}"
    return "não informado"
