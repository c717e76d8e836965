"""Peewee models: every table of the store.

Times are aware UTC datetimes stored as UTC; money is integer centavos.
"""
from __future__ import annotations

from datetime import datetime, timezone

import peewee as pw

from .db import database


class UTCDateTimeField(pw.DateTimeField):
    """Stores UTC, returns aware UTC datetimes on SQLite and PostgreSQL alike."""

    def db_value(self, value):
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, datetime):
            return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        return value


def _now() -> datetime:
    return datetime.now(timezone.utc)


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaVersion(BaseModel):
    version = pw.IntegerField()
    applied_at = UTCDateTimeField(default=_now)


class Office(BaseModel):
    cns = pw.CharField(max_length=6, unique=True)
    name = pw.CharField()
    municipality = pw.CharField()
    natureza = pw.CharField(max_length=1, default="1")
    iss_rate_bp = pw.IntegerField()
    signature_card_seal = pw.BooleanField(default=False)
    created_at = UTCDateTimeField(default=_now)


class Setting(BaseModel):
    """Office configuration that is not part of the office's identity (TJ link, printing)."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class User(BaseModel):
    login = pw.CharField(unique=True)
    name = pw.CharField()
    email = pw.CharField(default="")
    role = pw.CharField()
    active = pw.BooleanField(default=True)
    password_hash = pw.CharField()
    failed_logins = pw.IntegerField(default=0)
    locked = pw.BooleanField(default=False)
    # The first-access code, as a password hash; "" when none is waiting.
    access_code_hash = pw.CharField(default="")
    access_code_expires_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField(default=_now)
    updated_at = UTCDateTimeField(default=_now)


class FeeTableFile(BaseModel):
    """The fee table in force: the TOML text as imported, so every terminal reads the same."""

    title = pw.CharField()
    is_example = pw.BooleanField()
    text = pw.TextField()
    imported_at = UTCDateTimeField(default=_now)
    imported_by = pw.ForeignKeyField(User, null=True, backref="+")


class SealSheet(BaseModel):
    """A sheet (cartela) of numbered physical seals of one series, handed to one clerk."""

    series = pw.CharField(max_length=6)
    seal_type = pw.CharField()  # domain.act_kinds.PhysicalSealType
    first_number = pw.IntegerField()
    last_number = pw.IntegerField()
    clerk = pw.ForeignKeyField(User, null=True, backref="sheets")
    assigned_at = UTCDateTimeField(null=True)
    created_at = UTCDateTimeField(default=_now)


class WithFees(BaseModel):
    """The fee columns of an act or a seal record (integer centavos). Not a table itself."""

    quantity = pw.IntegerField(default=1)
    tabeliao = pw.IntegerField(default=0)
    estado = pw.IntegerField(default=0)
    sefaz = pw.IntegerField(default=0)
    registro_civil = pw.IntegerField(default=0)
    tribunal_justica = pw.IntegerField(default=0)
    ministerio_publico = pw.IntegerField(default=0)
    iss = pw.IntegerField(default=0)
    total = pw.IntegerField(default=0)
    exempt_reason = pw.CharField(null=True)


class SignatureCard(BaseModel):
    name = pw.CharField()
    name_folded = pw.CharField(index=True)
    cpf = pw.CharField(max_length=11, null=True, unique=True)
    rg_number = pw.CharField(default="", index=True)
    rg_issuer = pw.CharField(default="")
    rg_state = pw.CharField(default="")
    id_type = pw.CharField(default="RG")
    id_issued_on = pw.DateField(null=True)
    birth_date = pw.DateField(null=True)
    father = pw.CharField(default="")
    mother = pw.CharField(default="")
    address = pw.CharField(default="")
    profession = pw.CharField(default="")
    nationality = pw.CharField(default="brasileira")
    marital_status = pw.CharField(default="")
    deposited_on = pw.DateField()
    collected_by = pw.ForeignKeyField(User, backref="+")
    created_at = UTCDateTimeField(default=_now)


class Act(WithFees):
    kind = pw.CharField()  # domain.act_kinds key
    day = pw.DateField(index=True)  # the office's local day
    performed_at = UTCDateTimeField()
    clerk = pw.ForeignKeyField(User, backref="acts")
    signature_card = pw.ForeignKeyField(SignatureCard, null=True, backref="acts")
    note = pw.CharField(default="")
    payment = pw.CharField(default="dinheiro")  # domain.payment.Payment
    cancelled_at = UTCDateTimeField(null=True)  # reversed or spoiled: never sent


class PhysicalSeal(BaseModel):
    sheet = pw.ForeignKeyField(SealSheet, backref="seals")
    series = pw.CharField(max_length=6)
    number = pw.IntegerField()
    state = pw.CharField(default="available", index=True)  # domain.seal_states.PhysicalState
    day = pw.DateField(null=True)
    act = pw.ForeignKeyField(Act, null=True, backref="physical_seals")
    reason = pw.CharField(default="")
    changed_at = UTCDateTimeField(null=True)

    class Meta:
        indexes = ((("series", "number"), True),)


class SequenceCounter(BaseModel):
    """Last sequential number used per (CNS, act code, year) for purely digital seals."""

    cns = pw.CharField(max_length=6)
    act_code = pw.CharField(max_length=2)
    year = pw.IntegerField()
    last_value = pw.IntegerField(default=0)

    class Meta:
        indexes = ((("cns", "act_code", "year"), True),)


class SealLoad(BaseModel):
    """A load (carga) of at most 500 hybrid seal records of one day, made by the closing."""

    day = pw.DateField()
    number = pw.IntegerField()  # 1, 2, ... within the day
    record_count = pw.IntegerField()
    created_at = UTCDateTimeField(default=_now)
    created_by = pw.ForeignKeyField(User, backref="+")

    class Meta:
        indexes = ((("day", "number"), True),)


class TransmissionBatch(BaseModel):
    created_at = UTCDateTimeField(default=_now)
    finished_at = UTCDateTimeField(null=True)
    record_count = pw.IntegerField(default=0)
    outcome = pw.CharField(default="sending")  # sending, answered, failed
    detail = pw.TextField(default="")
    holder = pw.CharField(default="")  # the lease holder that sent it


class SealRecord(WithFees):
    code = pw.CharField(max_length=25, index=True)  # unique unless cancelled: see below
    record_kind = pw.CharField(default="ato")  # domain.seal_states.RecordKind
    act = pw.ForeignKeyField(Act, null=True, backref="seal_records")
    act_kind = pw.CharField()
    act_code = pw.CharField(max_length=2)
    act_at = UTCDateTimeField()
    day = pw.DateField(index=True)
    physical_series = pw.CharField(max_length=6, null=True)
    physical_number = pw.IntegerField(null=True)
    state = pw.CharField(index=True)  # domain.seal_states.SealState
    replaces = pw.ForeignKeyField("self", null=True, backref="replaced_by")
    excludes = pw.ForeignKeyField("self", null=True, backref="excluded_by")
    parent = pw.ForeignKeyField("self", null=True, backref="children")
    deadline_at = UTCDateTimeField(index=True)
    created_at = UTCDateTimeField(default=_now)
    created_by = pw.ForeignKeyField(User, null=True, backref="+")
    queued_at = UTCDateTimeField(null=True)
    sent_at = UTCDateTimeField(null=True)
    batch = pw.ForeignKeyField(TransmissionBatch, null=True, backref="records")
    attempts = pw.IntegerField(default=0)
    late = pw.BooleanField(default=False)
    criticisms = pw.TextField(default="")  # JSON list of {"codigo", "mensagem"}
    failure = pw.TextField(default="")
    load = pw.ForeignKeyField(SealLoad, null=True, backref="records")


# A reversed hybrid seal goes back to the sheet and may be used again the same day: its
# cancelled record (never sent) keeps the code, which stays unique among all the others.
SealRecord.add_index(SealRecord.index(SealRecord.code, unique=True, name="seal_record_code_live",
                                      where=SealRecord.state != "cancelled"))
# The dashboard's list: the records someone may still have to act on, by deadline.
SealRecord.add_index(SealRecord.index(
    SealRecord.deadline_at, SealRecord.id, name="seal_record_listed_deadline",
    where=SealRecord.state.in_(["pending", "criticized", "failed"])))


# The seal search walks one of these in its order of results (store/seal_search.py).
_R = SealRecord
SealRecord.add_index(_R.act_at, _R.id, name="seal_record_search_act_at")
SealRecord.add_index(_R.state, _R.act_at, _R.id, name="seal_record_search_state")
SealRecord.add_index(_R.created_by, _R.act_at, _R.id, name="seal_record_search_clerk")
SealRecord.add_index(_R.act_kind, _R.act_at, _R.id, name="seal_record_search_kind")
SealRecord.add_index(_R.physical_number, _R.physical_series, name="seal_record_search_physical")


class TransmissionAttempt(BaseModel):
    batch = pw.ForeignKeyField(TransmissionBatch, backref="attempts")
    started_at = UTCDateTimeField(default=_now)
    finished_at = UTCDateTimeField(null=True)
    outcome = pw.CharField(default="")  # answered, unavailable, rate_limited, rejected
    detail = pw.TextField(default="")


class Lease(BaseModel):
    """At most one holder at a time for a named job (the transmitter), across processes."""

    name = pw.CharField(primary_key=True)
    holder = pw.CharField(default="")
    expires_at = UTCDateTimeField(null=True)


class DailyEntry(BaseModel):
    """Photocopies or digital authentications added to the day's counter."""

    kind = pw.CharField()
    day = pw.DateField(index=True)
    clerk = pw.ForeignKeyField(User, backref="+")
    quantity = pw.IntegerField()
    created_at = UTCDateTimeField(default=_now)
    payment = pw.CharField(default="dinheiro")  # domain.payment.Payment
    total = pw.IntegerField(default=0)  # what was charged for this quantity, in centavos


class CashDrawer(BaseModel):
    """One clerk's cash drawer on one day: open until the clerk closes it (fechamento do
    caixa). Expected and counted values per payment method, in centavos."""

    clerk = pw.ForeignKeyField(User, backref="+")
    day = pw.DateField()
    state = pw.CharField(default="open")  # open, closed
    expected_dinheiro = pw.IntegerField(default=0)
    expected_pix = pw.IntegerField(default=0)
    expected_debito = pw.IntegerField(default=0)
    expected_credito = pw.IntegerField(default=0)
    counted_dinheiro = pw.IntegerField(default=0)
    counted_pix = pw.IntegerField(default=0)
    counted_debito = pw.IntegerField(default=0)
    counted_credito = pw.IntegerField(default=0)
    explanation = pw.TextField(default="")
    closed_at = UTCDateTimeField(null=True)
    reopened_at = UTCDateTimeField(null=True)
    reopened_by = pw.ForeignKeyField(User, null=True, backref="+")
    reopen_reason = pw.TextField(default="")

    class Meta:
        indexes = ((("clerk", "day"), True),)


class ShiftClosing(BaseModel):
    """The closed day (fechamento do expediente): no new act on it afterwards."""

    day = pw.DateField(unique=True)
    closed_by = pw.ForeignKeyField(User, backref="+")
    closed_at = UTCDateTimeField(default=_now)
    cash_counted = pw.IntegerField(default=0)
    paper_count = pw.IntegerField(default=0)
    report = pw.TextField(default="")  # JSON: the closing report as it stood when closed
    cash_expected = pw.IntegerField(default=0)
    paper_expected = pw.IntegerField(default=0)
    explanation = pw.TextField(default="")  # of the divergences, when there are any
    open_drawers_reason = pw.TextField(default="")  # closed with drawers still open


class AuditEntry(BaseModel):
    at = UTCDateTimeField(default=_now, index=True)
    user = pw.ForeignKeyField(User, null=True, backref="+")
    action = pw.CharField(index=True)
    entity = pw.CharField(default="")
    entity_id = pw.CharField(default="")
    detail = pw.TextField(default="")
    reason = pw.TextField(default="")
    # The tamper-evident chain (store/audit_chain.py): position, previous and own hash.
    seq = pw.IntegerField(unique=True)
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)


class AuditHead(BaseModel):
    """The chain's last link, one row (id 1): every audit write locks it on PostgreSQL, so
    that two terminals never chain from the same entry; a deleted last entry shows here."""

    id = pw.IntegerField(primary_key=True)
    entries = pw.IntegerField()
    last_id = pw.IntegerField()
    hash = pw.CharField(max_length=64)


class ChangeLog(BaseModel):
    """One written row of a watched table, inserted by the database's triggers
    (store/schema_change_feed.py); read through store/change_feed.py."""

    id = pw.BigAutoField()
    entity = pw.CharField(max_length=40)
    key = pw.CharField(max_length=40)
    detail = pw.CharField(max_length=80)
    at = UTCDateTimeField(index=True)


class ChangeLogFloor(BaseModel):
    """A single row: the change log was pruned up to this id."""

    pruned_through = pw.BigIntegerField()


class SealStateTally(BaseModel):
    """Records gained (+) or lost (-) by a state, inserted by the database's triggers
    (store/schema_state_tally.py); summed and folded by store/state_tally.py."""

    id = pw.BigAutoField()
    state = pw.CharField()
    delta = pw.BigIntegerField()


class TransmitterState(BaseModel):
    """A single row: the transmitter's state that every terminal shows alike."""

    link_state = pw.CharField(max_length=20)  # domain.link_state.LinkState
    detail = pw.TextField()
    last_success_at = UTCDateTimeField(null=True)
    last_attempt_at = UTCDateTimeField(null=True)
    last_attempt_outcome = pw.CharField(max_length=40)
    last_error = pw.TextField()
    paused = pw.BooleanField()
    paused_by = pw.ForeignKeyField(User, null=True, backref="+")
    paused_reason = pw.TextField()
    holder = pw.CharField()
    holder_since = UTCDateTimeField(null=True)
    send_now_requested_at = UTCDateTimeField(null=True)
    updated_at = UTCDateTimeField(null=True)


ALL_MODELS = [
    SchemaVersion, Office, Setting, User, FeeTableFile, SealSheet, SignatureCard, Act,
    PhysicalSeal, SequenceCounter, SealLoad, TransmissionBatch, SealRecord, TransmissionAttempt,
    Lease, DailyEntry, CashDrawer, ShiftClosing, AuditEntry, AuditHead, ChangeLog,
    ChangeLogFloor, TransmitterState, SealStateTally,
]
