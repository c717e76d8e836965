"""balcao seals show CODE: what this office holds for a seal, and what the TJ said."""
from __future__ import annotations

import argparse

NAME = "seals"
HELP = "consulta selos (seals show CÓDIGO)"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="seals_command", metavar="AÇÃO", required=True)
    show = sub.add_parser("show", help="mostra um selo, seu estado e as críticas do TJ")
    show.add_argument("code", metavar="CÓDIGO")


def run(args: argparse.Namespace) -> int:
    from ..domain.deadlines import format_local
    from ..domain.money import format_money
    from ..domain.refusal import Refusal
    from ..store.queries import seal_detail
    from .common import fail, open_store

    open_store(args.db)
    try:
        detail = seal_detail(args.code)
    except Refusal as exc:
        return fail(exc.message, 1)
    lines = [
        f"Selo:          {detail.code}",
        f"Registro:      {detail.record_kind}  ({detail.act_kind})",
        f"Ato em:        {format_local(detail.act_at)}",
        f"Situação:      {detail.state_label}",
        f"Valor:         {format_money(detail.total)} (ISS {format_money(detail.iss)})",
        f"Prazo de envio: {format_local(detail.deadline_at)}",
    ]
    if detail.physical_seal:
        lines.append(f"Selo físico:   {detail.physical_seal}")
    if detail.sent_at:
        lines.append(f"Enviado em:    {format_local(detail.sent_at)}"
                     + ("  (fora do prazo de 24 h)" if detail.late else ""))
    if detail.attempts:
        lines.append(f"Tentativas:    {detail.attempts}")
    if detail.replaces:
        lines.append(f"Retifica:      {detail.replaces}")
    for code in detail.replaced_by:
        lines.append(f"Retificado por: {code}")
    if detail.excludes:
        lines.append(f"Exclui:        {detail.excludes}")
    if detail.failure:
        lines.append(f"Falha:         {detail.failure}")
    for criticism in detail.criticisms:
        lines.append(f"Crítica do TJ: [{criticism.code}] {criticism.message}")
    print("\n".join(lines))
    return 0
