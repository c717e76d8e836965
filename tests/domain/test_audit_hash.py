"""The chain's hash is SHA-256 of the documented canonical array; splitting it into the
body the caller computes and the part PostgreSQL adds (seq and prev_hash) changes nothing."""
import hashlib
import json
from datetime import datetime, timedelta, timezone

from hypothesis import given, strategies as st

from balcao_tui.domain.audit_hash import GENESIS, chain_hash, entry_body, entry_hash

texts = st.text(max_size=60)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.just(timezone.utc))


def documented(seq, at, user_id, action, entity, entity_id, detail, reason, prev_hash):
    fields = [seq, at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), user_id, action, entity, entity_id,
              detail, reason, prev_hash]
    text = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@given(seq=st.integers(1, 2**31 - 1), at=moments, user_id=st.none() | st.integers(1, 2**31),
       action=texts, entity=texts, entity_id=texts, detail=texts, reason=texts,
       prev=st.sampled_from([GENESIS, hashlib.sha256(b"x").hexdigest()]))
def test_the_split_hash_is_the_documented_one(seq, at, user_id, action, entity, entity_id,
                                               detail, reason, prev):
    fields = dict(at=at, user_id=user_id, action=action, entity=entity, entity_id=entity_id,
                  detail=detail, reason=reason)
    expected = documented(seq, at, user_id, action, entity, entity_id, detail, reason, prev)
    assert entry_hash(seq=seq, prev_hash=prev, **fields) == expected
    assert chain_hash(seq, entry_body(**fields), prev) == expected


def test_quotes_backslashes_and_accents_are_kept_as_json_writes_them():
    at = datetime(2026, 11, 21, 12, 0, tzinfo=timezone.utc)
    body = entry_body(at=at, user_id=None, action='ato "x"', entity="a\\b", entity_id="1",
                      detail='{"nome": "Tânia 🙂"}', reason="")
    assert body == ('"2026-11-21T12:00:00.000000Z",null,"ato \\"x\\"","a\\\\b","1",'
                    '"{\\"nome\\": \\"Tânia 🙂\\"}",""')


def test_a_local_time_is_hashed_as_its_utc_instant():
    utc = datetime(2026, 11, 21, 15, 0, tzinfo=timezone.utc)
    local = utc.astimezone(timezone(timedelta(hours=-3)))
    fields = dict(user_id=1, action="a", entity="", entity_id="", detail="{}", reason="")
    assert entry_body(at=local, **fields) == entry_body(at=utc, **fields)
