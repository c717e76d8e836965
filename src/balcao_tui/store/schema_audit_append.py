"""Frozen DDL of the audit chain's append on PostgreSQL, done by the server in one call.

`balcao_audit_append` locks the chain's head, numbers the entry, finishes its hash from
the body the caller computed (domain/audit_hash.entry_body: the canonical array between
seq and prev_hash) and writes the entry and the new head. The head stays locked until the
caller's transaction ends, as before; what the step saves is the round trips made while
holding it, which every terminal's writes queue behind. SQLite has one writer at a time
and keeps the append in Python (store/audit_chain.py).
"""
from __future__ import annotations

POSTGRESQL = ['''CREATE FUNCTION "balcao_audit_append"(
  p_at timestamp, p_user_id integer, p_action text, p_entity text, p_entity_id text,
  p_detail text, p_reason text, p_body text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  last_entries integer;
  last_hash text;
  next_seq integer;
  digest text;
  new_id integer;
BEGIN
  SELECT "entries", "hash" INTO STRICT last_entries, last_hash
    FROM "audit_head" WHERE "id" = 1 FOR UPDATE;
  next_seq := last_entries + 1;
  digest := encode(sha256(convert_to(
    '[' || next_seq || ',' || p_body || ',"' || last_hash || '"]', 'UTF8')), 'hex');
  INSERT INTO "audit_entry" ("at", "user_id", "action", "entity", "entity_id", "detail",
                             "reason", "seq", "prev_hash", "hash")
  VALUES (p_at, p_user_id, p_action, p_entity, p_entity_id, p_detail, p_reason, next_seq,
          last_hash, digest)
  RETURNING "id" INTO new_id;
  UPDATE "audit_head" SET "entries" = next_seq, "last_id" = new_id, "hash" = digest
    WHERE "id" = 1;
END
$$''']
