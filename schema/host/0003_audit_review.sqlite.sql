-- The audit trail reviewed by period, user, entity type and action (GET /api/audit, its Excel
-- export): pages run in time order (at_ms, then seq), inside the tenant for a lab's staff and
-- across organizations for admins. audit_events_by_org_time serves every (org_id) lookup and
-- audit_events_by_entity_time one entity's events in time order, so the older (org_id, seq) and
-- (entity, entity_id, seq) indexes go.
CREATE INDEX audit_events_by_org_time ON audit_events (org_id, at_ms, seq);
CREATE INDEX audit_events_by_org_actor ON audit_events (org_id, actor_name, at_ms, seq);
CREATE INDEX audit_events_by_org_entity ON audit_events (org_id, entity, at_ms, seq);
CREATE INDEX audit_events_by_org_action ON audit_events (org_id, action, at_ms, seq);
CREATE INDEX audit_events_by_time ON audit_events (at_ms, seq);
CREATE INDEX audit_events_by_entity_time ON audit_events (entity, entity_id, at_ms, seq);
DROP INDEX audit_events_by_org;
DROP INDEX audit_events_by_entity;
