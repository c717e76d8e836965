"""Fee values that add up the way the TJ checks them, for records built in tests."""


def fee_values(tabeliao: int = 1000, iss: int = 50, *, iss_in_total: bool = True) -> dict[str, int]:
    columns = {
        "tabeliao": tabeliao,
        "estado": tabeliao * 284 // 1000,
        "sefaz": tabeliao * 194 // 1000,
        "registro_civil": tabeliao * 52 // 1000,
        "tribunal_justica": tabeliao * 68 // 1000,
        "ministerio_publico": tabeliao * 48 // 1000,
    }
    total = sum(columns.values()) + (iss if iss_in_total else 0)
    return {**columns, "iss": iss, "total": total}
