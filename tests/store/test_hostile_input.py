"""Hostile values at every use case that takes text, numbers or files, on SQLite AND
PostgreSQL: very long text, control characters, lone surrogates, bidi overrides, non-NFC
forms, huge and negative numbers, bools, None, floats, deep or huge fee files.

Each call either succeeds and the text it stored is NFC, clean and within its limits, or
raises the project's Refusal with a short, clean Portuguese message and writes nothing
(support/hostile.py). The pure parsers must refuse with a Refusal, in bounded time.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from balcao_tui.domain.deadlines import parse_date_br
from balcao_tui.domain.identifiers import cpf_check_digits
from balcao_tui.domain.money import MAX_CENTS, MAX_RATE_BP, parse_money, parse_rate
from balcao_tui.domain.seal_code import build_hybrid_seal_code
from balcao_tui.domain.seal_spec import parse_seals
from balcao_tui.domain.payment import COUNTED_METHODS
from balcao_tui.store.models import (Act, AuditEntry, CashDrawer, DailyEntry, FeeTableFile,
                                     Office, SealRecord, SealSheet, Setting, SignatureCard, User)
from balcao_tui.store.queries import SealDetail, seal_detail
from balcao_tui.store.usecases.counter import register_counter_acts
from balcao_tui.store.usecases.daily import add_daily_count
from balcao_tui.store.usecases.drawers import MAX_COUNTED, close_drawer, reopen_drawer
from balcao_tui.store.usecases.fee_tables import import_fee_table
from balcao_tui.store.usecases.first_access import add_user, redeem_code, reset_access
from balcao_tui.store.usecases.first_setup import FirstSetup, first_setup
from balcao_tui.store.usecases.office import set_settings, setup_office
from balcao_tui.store.usecases.signature_cards import (CardData, CardSummary, card_by_cpf,
                                                        create_signature_card,
                                                        find_signature_cards)
from balcao_tui.store.usecases.stock import add_seal_sheet
from balcao_tui.store.usecases.users import authenticate, create_user, set_password, update_user
from support.hostile import (HOSTILE_NUMBERS, HOSTILE_OTHER, HOSTILE_TEXTS, arguments,
                             assert_clean_refusal, assert_clean_stored, hostile_number,
                             hostile_text, refused_or_done)
from support.office import CNS, PASSWORD, close_store, open_store

NOON = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)  # 12:00 in São Paulo
STORE = settings(max_examples=30, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])
HASHING = settings(STORE, max_examples=15)  # each success or login costs a slow scrypt
PURE = settings(max_examples=200, deadline=None)


@dataclass(frozen=True)
class Person:
    """A user of the TestOffice, named before the fixture gives the ids."""
    role: str


def who(office, value):
    return getattr(office, value.role) if isinstance(value, Person) else value


def actors(*roles: str) -> st.SearchStrategy:
    return st.sampled_from([Person(role) for role in roles])


NAMES = st.sampled_from(["Ana Souza", "José da Conceição", "Maria D'Ávila-Neto",
                         "Jose\u0301 Conceic\u0327a\u0303o", "Zoë O’Brien"])
CPFS = st.integers(0, 999_999_999).map(lambda n: f"{n:09d}").map(lambda b: b + cpf_check_digits(b))
HOSTILE_DATES = st.sampled_from([datetime(1990, 1, 1), datetime(1990, 1, 1, tzinfo=timezone.utc),
                                 date(1, 1, 1), date(9999, 12, 31), "01/01/1990", "", 0, -1,
                                 2**63, True, 1.5, b"1990", [1990, 1, 1]])


def _card_id(office) -> int:
    card = SignatureCard.select().first()
    if card is not None:
        return card.id
    return create_signature_card(office.clerk, CardData(name="Maria da Silva",
                                                        cpf="529.982.247-25"), now=NOON).card_id


def _seal_code(office) -> str:
    record = SealRecord.select().first()
    if record is not None:
        return record.code
    return register_counter_acts(office.clerk, "autenticacao", 1, now=NOON).acts[0].seal_code


# Counter acts


# The payment that fits the exempt reason drawn (isento with one, dinheiro without), so that
# hostile reasons reach the store; the other values test the pairing itself.
FITTING = "fitting"
PAYMENTS = st.sampled_from([FITTING, "pix", "credito", "isento"])


def payment_for(args: dict) -> object:
    if args["payment"] == FITTING:
        return "isento" if args["exempt_reason"] else "dinheiro"
    return args["payment"]


SEAL = st.tuples(st.one_of(st.sampled_from(["AU0001", "au1", "RF0001", "ZZ9999"]), hostile_text()),
                 st.one_of(st.integers(1, 60), hostile_number()))
CARD = object()


@STORE
@given(args=arguments(
    valid={"actor": actors("clerk"), "kind": st.sampled_from(["autenticacao", "firma_sem_valor"]),
           "count": st.integers(1, 3), "exempt_reason": st.sampled_from(
               [None, "", "Art. 1º, II — justiça gratuita", "Lei 1.060/50 art. 3º"]),
           "payment": PAYMENTS, "seals": st.none(), "card": st.just(CARD)},
    hostile={"actor": hostile_number(), "kind": hostile_text(), "count": hostile_number(),
             "exempt_reason": hostile_text(), "payment": hostile_text(),
             "seals": st.one_of(st.lists(SEAL, min_size=1, max_size=3),
                                st.sampled_from(HOSTILE_OTHER + [[("AU0001", 5, 6)], "AU0001 5"])),
             "card": hostile_number()}))
def test_register_counter_acts(any_office, args):
    card = _card_id(any_office) if args["card"] is CARD else args["card"]
    with refused_or_done() as refused:
        result = register_counter_acts(who(any_office, args["actor"]), args["kind"],
                                       args["count"], seals=args["seals"],
                                       exempt_reason=args["exempt_reason"],
                                       payment=payment_for(args), signature_card_id=card,
                                       now=NOON)
    if refused:
        return
    assert len(result.acts) == args["count"]
    for act in Act.select().where(Act.id.in_([a.act_id for a in result.acts])):
        assert_clean_stored(act, "exempt_reason", "exempt_reason")
        assert act.payment == result.payment and (act.payment == "isento") == bool(
            act.exempt_reason)


# Signature cards

_CARD_TEXT = {"rg_issuer": "SSP", "rg_state": "SP", "id_type": "RG", "father": "João Souza",
              "mother": "Maria Souza", "address": "Rua Direita, 10 — Sé", "profession": "professora",
              "nationality": "brasileira", "marital_status": "casada"}
_CARD_DATES = ("id_issued_on", "birth_date", "deposited_on")


@STORE
@given(args=arguments(
    valid={"name": NAMES, "cpf": st.one_of(st.just(""), CPFS),
           "rg_number": st.from_regex(r"\A[0-9]{5,9}X?\Z"),
           **{name: st.sampled_from(["", value]) for name, value in _CARD_TEXT.items()},
           **{name: st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2026, 1, 1)))
              for name in _CARD_DATES}},
    hostile={**{name: hostile_text() for name in ("name", "cpf", "rg_number", *_CARD_TEXT)},
             **{name: HOSTILE_DATES for name in _CARD_DATES}}))
@example(args={"name": "\ufdfa " * 59 + "\ufdfa", "rg_number": "1234567"})
@example(args={"name": "Ana Souza", "rg_number": "1234567", "rg_state": "ßß"})
@example(args={"name": "Ana Souza", "rg_number": "1234567", "birth_date": datetime(1990, 1, 1)})
@example(args={"name": "- '.", "rg_number": "1234567"})
def test_create_signature_card(any_office, args):
    with refused_or_done() as refused:
        created = create_signature_card(any_office.clerk, CardData(**args), now=NOON,
                                        allow_duplicate=True)
    if refused:
        return
    card = SignatureCard.get_by_id(created.card_id)
    for name in ("name", "rg_number", *_CARD_TEXT):
        assert_clean_stored(card, name, name)
    assert_clean_stored(card, "name_folded")
    assert card.cpf is None or (len(card.cpf) == 11 and card.cpf.isdigit())
    for name in _CARD_DATES:
        assert type(getattr(card, name)) in (date, type(None)), name


@STORE
@given(query=st.one_of(st.sampled_from(["Maria", "maria da", "SILVA", "529.982.247-25",
                                        "52998224725", "1234567X", "%", "_", "\\"]),
                       hostile_text()))
@example(query="x" * 100_000)
@example(query="%_" * 50)
@example(query="\ufdfa" * 100)
def test_find_signature_cards_and_card_by_cpf(any_office, query):
    _card_id(any_office)
    with refused_or_done() as refused:
        found = find_signature_cards(query)
    if not refused:
        assert isinstance(found, list) and all(isinstance(c, CardSummary) for c in found)
    with refused_or_done() as refused:
        by_cpf = card_by_cpf(query)
    if not refused:
        assert by_cpf is None or isinstance(by_cpf, CardSummary)


# Daily counts


@STORE
@given(args=arguments(
    valid={"actor": actors("clerk", "clerk2"),
           "kind": st.sampled_from(["fotocopia", "autenticacao_digital"]),
           "quantity": st.integers(-3, 20), "payment": PAYMENTS,
           "exempt_reason": st.sampled_from([None, "Lei 1.060/50 art. 3º"])},
    hostile={"actor": hostile_number(), "kind": hostile_text(), "quantity": hostile_number(),
             "payment": hostile_text(), "exempt_reason": hostile_text()}))
@example(args={"actor": Person("clerk"), "kind": "fotocopia", "quantity": 2**63,
               "payment": FITTING, "exempt_reason": None})
@example(args={"actor": Person("clerk"), "kind": "x" * 100_000, "quantity": 1,
               "payment": FITTING, "exempt_reason": None})
def test_add_daily_count(any_office, args):
    with refused_or_done() as refused:
        totals = add_daily_count(who(any_office, args["actor"]), args["kind"], args["quantity"],
                                 now=NOON, payment=payment_for(args),
                                 exempt_reason=args["exempt_reason"])
    if refused:
        return
    last = DailyEntry.select().order_by(DailyEntry.id.desc()).first()
    assert (last.kind, last.quantity, last.payment) == (args["kind"], args["quantity"],
                                                        payment_for(args))
    assert (last.total == 0) == (last.payment == "isento")
    assert totals.quantity >= 0


# Cash drawers

TODAY = NOON.date()
COUNTED = st.dictionaries(st.sampled_from(COUNTED_METHODS), st.integers(0, MAX_COUNTED))
HOSTILE_COUNTED = st.one_of(
    st.dictionaries(st.one_of(st.sampled_from([*COUNTED_METHODS, "isento", "Dinheiro"]),
                              st.text(max_size=10)),
                    st.one_of(hostile_number(), st.sampled_from(HOSTILE_OTHER)), max_size=5),
    st.sampled_from(HOSTILE_OTHER), hostile_number())
EXPLANATIONS = st.sampled_from(["", "Troco dado a mais.",
                                "Cliente pagou duas vezes no PIX;\ndevolvido no dia seguinte."])


@STORE
@given(args=arguments(
    valid={"actor": actors("clerk", "supervisor"), "day": st.just(TODAY), "counted": COUNTED,
           "explanation": EXPLANATIONS},
    hostile={"actor": hostile_number(), "day": HOSTILE_DATES, "counted": HOSTILE_COUNTED,
             "explanation": hostile_text()}))
@example(args={"actor": Person("clerk"), "day": TODAY, "counted": {"dinheiro": 10**14},
               "explanation": "x"})
@example(args={"actor": Person("clerk"), "day": TODAY, "counted": {},
               "explanation": "x" * 100_000})
def test_close_drawer(any_office, args):
    actor = who(any_office, args["actor"])
    with refused_or_done() as refused:
        summary = close_drawer(actor, args["day"], args["counted"], args["explanation"],
                               now=NOON)
    if refused:
        return
    assert summary.closed
    row = CashDrawer.get((CashDrawer.clerk == actor) & (CashDrawer.day == args["day"]))
    assert_clean_stored(row, "explanation", "explanation")
    reopen_drawer(any_office.supervisor, actor, args["day"], "Próximo exemplo.", now=NOON)


@STORE
@given(args=arguments(
    valid={"actor": actors("supervisor", "notary"), "clerk": actors("clerk"),
           "day": st.just(TODAY), "reason": st.sampled_from(["Recontar o PIX.", "Cliente "
                                                              "voltou;\nmais duas cópias."])},
    hostile={"actor": hostile_number(), "clerk": hostile_number(), "day": HOSTILE_DATES,
             "reason": hostile_text()}))
def test_reopen_drawer(any_office, args):
    clerk = any_office.clerk
    if not CashDrawer.select().where(CashDrawer.state == "closed").exists():
        close_drawer(clerk, TODAY, {}, now=NOON)
    with refused_or_done() as refused:
        summary = reopen_drawer(who(any_office, args["actor"]), who(any_office, args["clerk"]),
                                args["day"], args["reason"], now=NOON)
    if refused:
        return
    assert not summary.closed
    assert_clean_stored(CashDrawer.get(CashDrawer.clerk == clerk), "reopen_reason", "reason")


# Users

LOGINS = st.from_regex(r"\A[a-z][a-z0-9._-]{1,12}\Z")
ROLES = st.sampled_from(["escrevente", "supervisor", "tabeliao", "administrador"])
PASSWORDS = st.sampled_from(["senha-boa-123", "Çãõ àé ü 2026", "😀😀😀😀 emoji!", "x" * 128])
EMAILS = st.sampled_from(["", "ana@cartorio.com.br", "josé@exemplo.com"])


@HASHING
@given(args=arguments(
    valid={"actor": actors("admin"), "login": LOGINS, "name": NAMES, "role": ROLES,
           "password": PASSWORDS, "email": EMAILS},
    hostile={"actor": hostile_number(), "login": hostile_text(), "name": hostile_text(),
             "role": hostile_text(), "password": hostile_text(), "email": hostile_text()}))
@example(args={"actor": Person("admin"), "login": "ponto", "name": "- '.",
               "role": "escrevente", "password": "senha-boa-123", "email": ""})
def test_create_user(any_office, args):
    with refused_or_done() as refused:
        info = create_user(who(any_office, args["actor"]), login=args["login"],
                           name=args["name"], role=args["role"], password=args["password"],
                           email=args["email"])
    if refused:
        return
    user = User.get_by_id(info.id)
    assert_clean_stored(user, "login", "login")
    assert_clean_stored(user, "name", "user_name")
    assert_clean_stored(user, "email", "email")
    assert user.password_hash.startswith("scrypt$") and user.role == args["role"]


@STORE
@given(args=arguments(
    valid={"actor": actors("admin"), "user": actors("clerk2", "supervisor", "admin"),
           "login": st.one_of(st.none(), LOGINS, st.just("clara")),
           "name": st.one_of(st.none(), NAMES), "email": st.one_of(st.none(), EMAILS),
           "role": st.one_of(st.none(), ROLES.filter(lambda r: r != "administrador")),
           "active": st.sampled_from([None, True, False])},
    hostile={"actor": hostile_number(), "user": hostile_number(), "login": hostile_text(),
             "name": hostile_text(), "email": hostile_text(), "role": hostile_text(),
             "active": st.sampled_from(["sim", 0, 2, "", [], None])}))
@example(args={"actor": Person("admin"), "login": None, "user": 2**63, "name": "Ana Souza",
               "email": None, "role": None, "active": None})
@example(args={"actor": Person("admin"), "login": None, "user": "x", "name": "Ana Souza",
               "email": None, "role": None, "active": None})
@example(args={"actor": Person("admin"), "login": None, "user": Person("admin"), "name": None,
               "email": None, "role": None, "active": 0})
def test_update_user(any_office, args):
    with refused_or_done() as refused:
        info = update_user(who(any_office, args["actor"]), who(any_office, args["user"]),
                           login=args["login"], name=args["name"], email=args["email"],
                           role=args["role"], active=args["active"])
    admin = User.get_by_id(any_office.admin)  # nobody deactivates or demotes himself
    assert admin.active and admin.role == "administrador", (admin.active, admin.role)
    if refused:
        return
    user = User.get_by_id(info.id)
    assert_clean_stored(user, "login", "login")
    assert_clean_stored(user, "name", "user_name")
    assert_clean_stored(user, "email", "email")
    assert isinstance(user.active, bool)


@HASHING
@given(args=arguments(
    valid={"actor": actors("admin", "clerk2"), "user": actors("clerk2"), "password": PASSWORDS},
    hostile={"actor": hostile_number(), "user": hostile_number(), "password": hostile_text()}))
@example(args={"actor": Person("admin"), "user": 2**63, "password": "senha-boa-123"})
def test_set_password(any_office, args):
    with refused_or_done():
        set_password(who(any_office, args["actor"]), who(any_office, args["user"]),
                     args["password"])
    typed = args["password"] if isinstance(args["password"], str) else ""
    for stored in (u.password_hash for u in User.select()):  # whatever happened: never in clear
        assert stored.startswith("scrypt$") and (len(typed) < 8 or typed not in stored)


@HASHING
@given(args=arguments(
    valid={"login": st.sampled_from(["clara", "CLARA", " clara ", "ninguem"]),
           "password": st.sampled_from([PASSWORD, "errada-123"])},
    hostile={"login": hostile_text(), "password": hostile_text()}))
def test_authenticate(any_office, args):
    # A failed login is recorded (audit, failure count) on purpose; nothing else is written.
    with refused_or_done(may_write=(AuditEntry, User)):
        info = authenticate(args["login"], args["password"])
        assert info.login == "clara"


@HASHING
@given(args=arguments(
    valid={"actor": actors("admin"), "login": LOGINS, "name": NAMES, "role": ROLES,
           "email": EMAILS},
    hostile={"actor": hostile_number(), "login": hostile_text(), "name": hostile_text(),
             "role": hostile_text(), "email": hostile_text()}))
def test_add_user(any_office, args):
    with refused_or_done() as refused:
        given = add_user(who(any_office, args["actor"]), login=args["login"],
                         name=args["name"], role=args["role"], email=args["email"], now=NOON)
    if refused:
        return
    user = User.get_by_id(given.user.id)
    assert_clean_stored(user, "login", "login")
    assert_clean_stored(user, "name", "user_name")
    assert user.password_hash == "" and user.access_code_hash.startswith("scrypt$")
    assert given.code.replace("-", "") not in user.access_code_hash


@STORE
@given(args=arguments(valid={"actor": actors("admin"), "user": actors("clerk", "clerk2")},
                      hostile={"actor": hostile_number(), "user": hostile_number()}))
def test_reset_access(any_office, args):
    with refused_or_done():
        reset_access(who(any_office, args["actor"]), who(any_office, args["user"]), now=NOON)


@HASHING
@given(args=arguments(
    valid={"login": st.sampled_from(["clara", "ninguem"]),
           "code": st.sampled_from(["ABCD-EFGH", "abcdefgh", ""]), "password": PASSWORDS},
    hostile={"login": hostile_text(), "code": hostile_text(), "password": hostile_text()}))
def test_redeem_code(any_office, args):
    # A wrong code counts toward the lockout (audit, failure count) on purpose.
    with refused_or_done(may_write=(AuditEntry, User)):
        redeem_code(args["login"], args["code"], args["password"], now=NOON)
        raise AssertionError("no code was handed out: nothing can be redeemed")


# Seal stock


@st.composite
def sheets(draw):
    first = draw(st.integers(0, 9_999_990))
    return draw(arguments(
        valid={"actor": actors("admin", "supervisor"),
               "series": st.from_regex(r"\A[A-Za-z0-9]{1,6}\Z"),
               "seal_type": st.sampled_from(["reconhecimento", "autenticacao"]),
               "first_number": st.just(first), "last_number": st.integers(first, first + 4),
               "clerk_id": st.one_of(st.none(), actors("clerk", "clerk2"))},
        hostile={"actor": hostile_number(), "series": hostile_text(),
                 "seal_type": hostile_text(), "first_number": hostile_number(),
                 "last_number": hostile_number(), "clerk_id": hostile_number()}))


@STORE
@given(args=sheets())
@example(args={"actor": Person("admin"), "series": "ZZ1", "seal_type": [], "first_number": 1,
               "last_number": 2, "clerk_id": None})
@example(args={"actor": Person("admin"), "series": "ZZ2", "seal_type": "autenticacao",
               "first_number": 0, "last_number": 9_999_999, "clerk_id": None})
def test_add_seal_sheet(any_office, args):
    with refused_or_done() as refused:
        info = add_seal_sheet(who(any_office, args["actor"]), series=args["series"],
                              seal_type=args["seal_type"], first_number=args["first_number"],
                              last_number=args["last_number"],
                              clerk_id=who(any_office, args["clerk_id"]))
    if refused:
        return
    sheet = SealSheet.get_by_id(info.id)
    assert_clean_stored(sheet, "series", "series")
    assert len(sheet.series) == 6 and sheet.series.isascii() and sheet.series.isalnum()
    assert sheet.seals.count() == args["last_number"] - args["first_number"] + 1 <= 10_000


# The office and its settings

OFFICE_NAMES = st.sampled_from(["1º Tabelião de Notas", "Cartório do Zé — Sé", "Tabelionato X"])
TOWNS = st.sampled_from(["São Paulo", "Mogi das Cruzes", "Embu-Guaçu"])


@STORE
@given(args=arguments(
    valid={"cns": st.sampled_from([CNS, "14.557-3", "145.573"]), "name": OFFICE_NAMES,
           "municipality": TOWNS, "iss": st.integers(200, 500), "seal": st.booleans()},
    hostile={"cns": hostile_text(), "name": hostile_text(), "municipality": hostile_text(),
             "iss": hostile_number(), "seal": st.sampled_from([None, "não", 0, []])}))
def test_setup_office_again(any_office, args):
    """The office exists: the same CNS changes nothing, any other value is refused."""
    before = list(Office.select().tuples())
    with refused_or_done():
        setup_office(args["cns"], args["name"], args["municipality"], args["iss"],
                     signature_card_seal=args["seal"])
    assert list(Office.select().tuples()) == before


SETTING_KEYS = st.sampled_from(["print.dir", "print.command", "tj.url", "tj.mode"])
SETTING_VALUES = st.sampled_from(["", "/tmp/etiquetas", "lp -d balcao", "https://tj.example/api",
                                  "Pasta d'Água — ç"])


@STORE
@given(args=arguments(
    valid={"actor": st.one_of(st.none(), actors("admin")),
           "values": st.dictionaries(SETTING_KEYS, SETTING_VALUES, min_size=1, max_size=2)},
    hostile={"actor": hostile_number(), "values": st.one_of(
        st.dictionaries(st.one_of(SETTING_KEYS, hostile_text().filter(
            lambda k: getattr(k, "__hash__", None) is not None)), st.one_of(
                SETTING_VALUES, hostile_text()), min_size=1, max_size=2),
        st.sampled_from(HOSTILE_OTHER + [[("print.dir", "x")], "print.dir"]))}))
@example(args={"actor": Person("admin"), "values": {"k" * 300: "v"}})
def test_set_settings(any_office, args):
    with refused_or_done() as refused:
        set_settings(who(any_office, args["actor"]), args["values"])
    if refused:
        return
    for row in Setting.select():
        assert_clean_stored(row, "key", "setting")
        assert_clean_stored(row, "value", "setting")


@pytest.fixture
def empty_store(db_url):
    open_store(db_url)
    yield
    close_store()


@HASHING
@given(args=arguments(
    valid={"cns": st.sampled_from([CNS, "14.557-3"]), "office_name": OFFICE_NAMES,
           "municipality": TOWNS, "iss_rate_bp": st.integers(200, 500),
           "signature_card_seal": st.booleans(), "admin_login": LOGINS, "admin_name": NAMES,
           "admin_email": EMAILS, "admin_password": PASSWORDS,
           "fee_table_text": st.none()},
    hostile={"cns": hostile_text(), "office_name": hostile_text(),
             "municipality": hostile_text(), "iss_rate_bp": hostile_number(),
             "admin_login": hostile_text(), "admin_name": hostile_text(),
             "admin_email": hostile_text(), "admin_password": hostile_text(),
             "fee_table_text": st.sampled_from(HOSTILE_TEXTS + ["titulo = 1"])}))
def test_first_setup(empty_store, args):
    """On an empty database: one success at most, then refusals that leave it as it was."""
    with refused_or_done() as refused:
        office, admin = first_setup(FirstSetup(**args))
    if refused:
        return
    assert_clean_stored(Office.get(), "name", "office_name")
    assert_clean_stored(Office.get(), "municipality", "municipality")
    user = User.get_by_id(admin.id)
    for attr, field in (("login", "login"), ("name", "user_name"), ("email", "email")):
        assert_clean_stored(user, attr, field)


# Fee tables


def _example_fee_table() -> str:
    from importlib import resources
    return resources.files("balcao_tui.domain.data").joinpath("fees_exemplo.toml").read_text(
        encoding="utf-8")


EXAMPLE = _example_fee_table()


def _titled(title: str) -> str:
    start = EXAMPLE.index('titulo = "') + len('titulo = "')
    end = EXAMPLE.index('"', start)
    return EXAMPLE[:start] + title + EXAMPLE[end:]


FEE_TEXTS = [
    EXAMPLE, _titled("Tabela 2026 — Sé"), _titled("x" * 300), _titled("x" * 5_000),
    _titled("\\u001b[31mvermelha"), _titled("\\u202eetnemaraC"), _titled("   "),
    _titled("Jose\\u0301"), _titled("\\u0007\\u0000"),
    "a = " + "[" * 400 + "]" * 400 + "\n", "a = " + "{b = " * 400 + "1" + "}" * 400 + "\n",
    "a = " + "9" * 5_000 + "\n", EXAMPLE.replace('tabeliao = "', 'tabeliao = "' + "9" * 5_000, 1),
    EXAMPLE + "\n# " + "x" * 600_000 + "\n", "k" * 5_000 + " = 1\n", '"a\\u0000\\u001b" = 1\n',
    EXAMPLE.replace("[vigencias.", "[vigencias." + "v" * 5_000, 1),
    EXAMPLE.replace("inicio = ", 'inicio = "99/99/9999"\n#', 1),
    "\x00", "\udcff", "titulo = \"\udcff\"", "",
]
RANDOM_FILES = st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape"))


@STORE
@given(args=arguments(
    valid={"actor": st.one_of(st.none(), actors("admin")), "text": st.just(EXAMPLE)},
    hostile={"actor": hostile_number(),
             "text": st.one_of(st.sampled_from(FEE_TEXTS), RANDOM_FILES, st.text(max_size=300),
                               st.sampled_from(HOSTILE_OTHER + HOSTILE_TEXTS))},
    most=1))
@example(args={"actor": Person("admin"), "text": _titled("x" * 300)})
@example(args={"actor": Person("admin"), "text": _titled("\\u001b[31m\\u202e")})
@example(args={"actor": Person("admin"), "text": "k" * 100_000 + " = 1\n"})
@example(args={"actor": Person("admin"), "text": None})
def test_import_fee_table(any_office, args):
    with refused_or_done() as refused:
        table = import_fee_table(who(any_office, args["actor"]), args["text"])
    if refused:
        return
    row = FeeTableFile.select().order_by(FeeTableFile.id.desc()).first()
    assert row.text == args["text"] and row.title == table.title
    assert_clean_stored(row, "title")


# Seal lookup


@STORE
@given(code=st.one_of(st.sampled_from(["STORED", "stored", "spaced", "9999991CE0000000000030184",
                                       build_hybrid_seal_code(CNS, "1", "AU", "ZZ0001", 5, 2026)]),
                      hostile_text()))
@example(code="\udcff")
@example(code="x" * 100_000)
def test_seal_detail(any_office, code):
    stored = _seal_code(any_office)
    typed = {"STORED": stored, "stored": stored.lower(),
             "spaced": " ".join(stored[i:i + 5] for i in range(0, 25, 5))}.get(code, code) \
        if isinstance(code, str) else code
    with refused_or_done() as refused:
        detail = seal_detail(typed)
    if not refused:
        assert isinstance(detail, SealDetail) and detail.code == stored


# The pure parsers: a Refusal (never another exception), and quickly


def _quick(call, *args, **kwargs):
    started = time.perf_counter()
    try:
        result = call(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 - what was raised is the point of the test
        assert_clean_refusal(exc)
        result = None
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"{call.__name__}{args!r:.80} took {elapsed:.1f} s"
    return result


@PURE
@given(text=st.one_of(st.sampled_from(["RF0001 0000123", "rf00010000123", "5", "1-3", "1 a 3",
                                       "RF0001 1; RF0001 2, 3", "RF0001 1-9999999"]),
                      hostile_text()),
       count=st.one_of(st.integers(1, 5), hostile_number()),
       default_series=st.one_of(st.sampled_from([None, "RF0001", "au1"]), hostile_text()))
@example(text="RF0001 1-9999999", count=3, default_series=None)
@example(text="RF0001 0", count=9_999_999, default_series=None)
@example(text=None, count=1, default_series="RF0001")
@example(text="1", count=None, default_series="RF0001")
def test_parse_seals(text, count, default_series):
    seals = _quick(parse_seals, text, count, default_series)
    if seals is not None:
        assert len(seals) == count and len(set(seals)) == count


@PURE
@given(text=st.one_of(st.sampled_from(["R$ 1.234,56", "-1,00", "0,5", "1234", "12,345",
                                       "9" * 12 + ",99"]), hostile_text()),
       allow_negative=st.booleans())
@example(text="\x1b[2J", allow_negative=False)
@example(text="\udcff", allow_negative=False)
@example(text=None, allow_negative=False)
def test_parse_money(text, allow_negative):
    cents = _quick(parse_money, text, allow_negative=allow_negative)
    assert cents is None or (isinstance(cents, int) and abs(cents) <= MAX_CENTS)


@PURE
@given(text=st.one_of(st.sampled_from(["5", "2,5%", "2,50 %", "100", "101", "0,001"]),
                      hostile_text()))
@example(text="\x07")
@example(text=None)
def test_parse_rate(text):
    rate = _quick(parse_rate, text)
    assert rate is None or (isinstance(rate, int) and 0 <= rate <= MAX_RATE_BP)


@PURE
@given(text=st.one_of(st.sampled_from(["21/11/2026", "1/2/2026", "21112026", "31/02/2026",
                                       "00/00/0000"]), hostile_text()))
@example(text="\udcff")
@example(text="\x1b[2J")
def test_parse_date_br(text):
    day = _quick(parse_date_br, text)
    assert day is None or type(day) is date


def test_hostile_values_are_really_hostile():
    """The lists hold what the issue names, so the tests above cannot go soft by accident."""
    for value in ("x" * 100_000, "\x00", "\udcff", "\u202eSOUZA", "\x1b[31mvermelho\x1b[0m"):
        assert value in HOSTILE_TEXTS
    for value in (2**63, -(2**63), 10**30, True, None, 1.0, -1):
        assert any(type(v) is type(value) and v == value for v in HOSTILE_NUMBERS)
