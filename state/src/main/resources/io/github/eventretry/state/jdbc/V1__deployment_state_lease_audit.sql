-- eventretry schema version 1: deployment state, the rollout lease row, the audit log and its head.
-- Applied by JdbcSchema.migrate() (eventretry state init) inside one transaction, with search_path set to
-- the eventretry schema. Statements end with a semicolon at the end of a line.

-- One row per integration: the state's JSON exactly as the file store writes it, and its serial and
-- lineage beside it for the compare-and-set.
CREATE TABLE deployment_state (
  integration_id text PRIMARY KEY,
  serial bigint NOT NULL CHECK (serial >= 1),
  lineage text NOT NULL,
  state_json text NOT NULL
);

-- Who holds an integration's rollout lease, for the message another deployer gets. The lease itself is a
-- session-level advisory lock held by the connection backend_pid: it ends with that connection.
CREATE TABLE rollout_lease (
  integration_id text PRIMARY KEY,
  owner text NOT NULL,
  pid bigint NOT NULL,
  host text NOT NULL,
  acquired_at text NOT NULL,
  nonce text NOT NULL,
  backend_pid integer NOT NULL
);

-- The audit log: append-only (the deployers' role gets INSERT and SELECT, never UPDATE or DELETE).
-- Every column is a member of the record's canonical JSON; hash is the SHA-256 of that JSON without
-- hash, prev_hash the hash of the record before.
CREATE TABLE audit_record (
  seq bigint PRIMARY KEY CHECK (seq >= 1),
  recorded_at text NOT NULL,
  action text NOT NULL,
  version_id text,
  policy_fingerprint text,
  actor text NOT NULL,
  compliance_standard text NOT NULL,
  details text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);

-- The head of the audit log (seq 0 and 64 zeros while empty), updated in the transaction of each append:
-- appends are serialized on this row, and a record deleted from the end is found by verify().
CREATE TABLE audit_head (
  log smallint PRIMARY KEY CHECK (log = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (log, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
