/// One schema change, written for both backends. The list is append-only: a released migration is
/// never edited; a change is a new migration.
public struct Migration: Sendable {
    public var id: String
    public var sqlite: String
    public var postgres: String
    public init(id: String, sqlite: String, postgres: String) {
        self.id = id
        self.sqlite = sqlite
        self.postgres = postgres
    }
}

/// The metadata schema of Socle, in order.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(
            id: "0001-catalog",
            sqlite: """
            CREATE TABLE organisations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 64),
                name TEXT NOT NULL CHECK (length(name) > 0),
                created_at TEXT NOT NULL
            );
            CREATE TABLE datasets (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 64),
                title TEXT NOT NULL CHECK (length(title) > 0),
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                current_revision INTEGER,
                created_at TEXT NOT NULL
            );
            CREATE TABLE revisions (
                dataset_id INTEGER NOT NULL REFERENCES datasets(id),
                number INTEGER NOT NULL CHECK (number > 0),
                created_at TEXT NOT NULL,
                source_name TEXT NOT NULL,
                source_size INTEGER NOT NULL,
                source_sha256 TEXT NOT NULL,
                format TEXT NOT NULL,
                encoding TEXT,
                delimiter TEXT,
                row_count INTEGER NOT NULL CHECK (row_count >= 0),
                columns_json TEXT NOT NULL,
                warnings_json TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('ready', 'superseded')),
                table_name TEXT NOT NULL UNIQUE,
                PRIMARY KEY (dataset_id, number)
            );
            """,
            postgres: """
            CREATE TABLE organisations (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 64),
                name TEXT NOT NULL CHECK (length(name) > 0),
                created_at TIMESTAMPTZ NOT NULL
            );
            CREATE TABLE datasets (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 2 AND 64),
                title TEXT NOT NULL CHECK (length(title) > 0),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                current_revision INTEGER,
                created_at TIMESTAMPTZ NOT NULL
            );
            CREATE TABLE revisions (
                dataset_id BIGINT NOT NULL REFERENCES datasets(id),
                number INTEGER NOT NULL CHECK (number > 0),
                created_at TIMESTAMPTZ NOT NULL,
                source_name TEXT NOT NULL,
                source_size BIGINT NOT NULL,
                source_sha256 TEXT NOT NULL,
                format TEXT NOT NULL,
                encoding TEXT,
                delimiter TEXT,
                row_count BIGINT NOT NULL CHECK (row_count >= 0),
                columns_json TEXT NOT NULL,
                warnings_json TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('ready', 'superseded')),
                table_name TEXT NOT NULL UNIQUE,
                PRIMARY KEY (dataset_id, number)
            );
            """
        ),
        Migration(
            id: "0002-platform",
            sqlite: """
            ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'commune'
                CHECK (kind IN ('commune','ccas','cias','epci','syndicat','departement','region','partner'));
            ALTER TABLE organisations ADD COLUMN siren TEXT CHECK (siren IS NULL OR length(siren) = 9);
            ALTER TABLE organisations ADD COLUMN population INTEGER CHECK (population IS NULL OR population >= 0);
            ALTER TABLE organisations ADD COLUMN agents INTEGER CHECK (agents IS NULL OR agents >= 0);
            CREATE TABLE services (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                slug TEXT NOT NULL CHECK (length(slug) BETWEEN 2 AND 64),
                name TEXT NOT NULL CHECK (length(name) > 0),
                UNIQUE (organisation_id, slug)
            );
            CREATE TABLE users (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                email TEXT NOT NULL UNIQUE CHECK (instr(email, '@') > 1),
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                created_at TEXT NOT NULL
            );
            CREATE TABLE memberships (
                user_id INTEGER NOT NULL REFERENCES users(id),
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                role TEXT NOT NULL CHECK (role IN ('admin','dpo','steward','agent')),
                PRIMARY KEY (user_id, organisation_id)
            );
            CREATE TABLE api_tokens (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id),
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
                prefix TEXT NOT NULL,
                can_write INTEGER NOT NULL CHECK (can_write IN (0, 1)),
                datasets_json TEXT,
                created_at TEXT NOT NULL,
                expires_at TEXT,
                revoked_at TEXT,
                last_used_at TEXT
            );
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
                user_id INTEGER NOT NULL REFERENCES users(id),
                csrf_token TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            );
            ALTER TABLE datasets ADD COLUMN metadata_json TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE datasets ADD COLUMN published_revision INTEGER;
            CREATE TABLE jobs (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed')),
                progress REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
                rows INTEGER NOT NULL DEFAULT 0,
                dataset_slug TEXT,
                error_json TEXT,
                payload TEXT NOT NULL,
                result TEXT,
                created_by INTEGER REFERENCES users(id),
                created_at TEXT NOT NULL,
                started_at TEXT,
                finished_at TEXT
            );
            CREATE INDEX jobs_status_idx ON jobs (status, id);
            CREATE TABLE audit_log (
                seq INTEGER PRIMARY KEY CHECK (seq > 0),
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                object_type TEXT NOT NULL,
                object_id TEXT NOT NULL,
                details TEXT NOT NULL,
                prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
                hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
            );
            """,
            postgres: """
            ALTER TABLE organisations ADD COLUMN kind TEXT NOT NULL DEFAULT 'commune'
                CHECK (kind IN ('commune','ccas','cias','epci','syndicat','departement','region','partner'));
            ALTER TABLE organisations ADD COLUMN siren TEXT CHECK (siren IS NULL OR length(siren) = 9);
            ALTER TABLE organisations ADD COLUMN population INTEGER CHECK (population IS NULL OR population >= 0);
            ALTER TABLE organisations ADD COLUMN agents INTEGER CHECK (agents IS NULL OR agents >= 0);
            CREATE TABLE services (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                slug TEXT NOT NULL CHECK (length(slug) BETWEEN 2 AND 64),
                name TEXT NOT NULL CHECK (length(name) > 0),
                UNIQUE (organisation_id, slug)
            );
            CREATE TABLE users (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email TEXT NOT NULL UNIQUE CHECK (position('@' in email) > 1),
                name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                disabled BOOLEAN NOT NULL DEFAULT FALSE,
                created_at TIMESTAMPTZ NOT NULL
            );
            CREATE TABLE memberships (
                user_id BIGINT NOT NULL REFERENCES users(id),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                role TEXT NOT NULL CHECK (role IN ('admin','dpo','steward','agent')),
                PRIMARY KEY (user_id, organisation_id)
            );
            CREATE TABLE api_tokens (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id),
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                secret_hash TEXT NOT NULL UNIQUE CHECK (length(secret_hash) = 64),
                prefix TEXT NOT NULL,
                can_write BOOLEAN NOT NULL,
                datasets_json TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                expires_at TIMESTAMPTZ,
                revoked_at TIMESTAMPTZ,
                last_used_at TIMESTAMPTZ
            );
            CREATE TABLE sessions (
                id_hash TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
                user_id BIGINT NOT NULL REFERENCES users(id),
                csrf_token TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL
            );
            ALTER TABLE datasets ADD COLUMN metadata_json TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE datasets ADD COLUMN published_revision INTEGER;
            CREATE TABLE jobs (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed')),
                progress DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
                rows BIGINT NOT NULL DEFAULT 0,
                dataset_slug TEXT,
                error_json TEXT,
                payload TEXT NOT NULL,
                result TEXT,
                created_by BIGINT REFERENCES users(id),
                created_at TIMESTAMPTZ NOT NULL,
                started_at TIMESTAMPTZ,
                finished_at TIMESTAMPTZ
            );
            CREATE INDEX jobs_status_idx ON jobs (status, id);
            CREATE TABLE audit_log (
                seq BIGINT PRIMARY KEY CHECK (seq > 0),
                at_ms BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                object_type TEXT NOT NULL,
                object_id TEXT NOT NULL,
                details TEXT NOT NULL,
                prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
                hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
            );
            """
        ),
        Migration(
            id: "0003-documents",
            sqlite: """
            CREATE TABLE dataset_documents (
                dataset_id INTEGER NOT NULL REFERENCES datasets(id),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
                key TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (dataset_id, kind, key)
            );
            """,
            postgres: """
            CREATE TABLE dataset_documents (
                dataset_id BIGINT NOT NULL REFERENCES datasets(id),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
                key TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (dataset_id, kind, key)
            );
            """
        ),
        Migration(
            id: "0004-register",
            sqlite: """
            CREATE TABLE register_records (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                organisation_id INTEGER NOT NULL REFERENCES organisations(id),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
                body TEXT NOT NULL,
                archived INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX register_records_by_kind ON register_records (kind, organisation_id);
            """,
            postgres: """
            CREATE TABLE register_records (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
                body TEXT NOT NULL,
                archived BOOLEAN NOT NULL DEFAULT false,
                created_at TIMESTAMPTZ NOT NULL,
                updated_at TIMESTAMPTZ NOT NULL
            );
            CREATE INDEX register_records_by_kind ON register_records (kind, organisation_id);
            """
        ),
        // The subject index (issue 12, item 3): per indexed revision, its plan's signature, and its entries —
        // 8 bytes each (the keyed hash's top 34 bits, then `_row`), sorted, in runs of at most 8,192 with their first
        // and last entries (`SubjectRuns`). A search reads the few runs whose range holds a key; no identifier is stored.
        Migration(
            id: "0005-subject-index",
            sqlite: """
            CREATE TABLE subject_index_state (
                dataset_id INTEGER NOT NULL REFERENCES datasets(id),
                revision INTEGER NOT NULL,
                signature TEXT NOT NULL,
                PRIMARY KEY (dataset_id, revision)
            );
            CREATE TABLE subject_index (
                dataset_id INTEGER NOT NULL,
                revision INTEGER NOT NULL,
                first_key INTEGER NOT NULL,
                last_key INTEGER NOT NULL,
                entries BLOB NOT NULL,
                PRIMARY KEY (dataset_id, revision, first_key)
            );
            CREATE INDEX subject_index_by_key ON subject_index (first_key, last_key);
            """,
            postgres: """
            CREATE TABLE subject_index_state (
                dataset_id BIGINT NOT NULL REFERENCES datasets(id),
                revision INTEGER NOT NULL,
                signature TEXT NOT NULL,
                PRIMARY KEY (dataset_id, revision)
            );
            CREATE TABLE subject_index (
                dataset_id BIGINT NOT NULL,
                revision INTEGER NOT NULL,
                first_key BIGINT NOT NULL,
                last_key BIGINT NOT NULL,
                entries BYTEA NOT NULL,
                PRIMARY KEY (dataset_id, revision, first_key)
            );
            CREATE INDEX subject_index_by_key ON subject_index (first_key, last_key);
            """
        ),
        // Files of the register (issue 12, item 1: proofs): the bytes of a register record whose body describes them
        // (type, title, links, media type, SHA-256). One file per record, removed with it.
        Migration(
            id: "0006-register-files",
            sqlite: """
            CREATE TABLE register_files (
                record_id INTEGER PRIMARY KEY REFERENCES register_records(id),
                size INTEGER NOT NULL CHECK (size >= 0),
                sha256 TEXT NOT NULL,
                content BLOB NOT NULL
            );
            """,
            postgres: """
            CREATE TABLE register_files (
                record_id BIGINT PRIMARY KEY REFERENCES register_records(id),
                size BIGINT NOT NULL CHECK (size >= 0),
                sha256 TEXT NOT NULL,
                content BYTEA NOT NULL
            );
            """
        ),
        // In-app notifications (issue 12, item 6): one per user and event (`event_key`), and the e-mail outbox
        // they feed, retried with backoff by the server so that no mail is lost across a restart.
        Migration(
            id: "0007-notifications",
            sqlite: """
            CREATE TABLE notifications (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id INTEGER NOT NULL REFERENCES users(id),
                event_key TEXT NOT NULL CHECK (length(event_key) BETWEEN 1 AND 200),
                kind TEXT NOT NULL,
                organisation_id INTEGER,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL,
                read_at TEXT,
                UNIQUE (user_id, event_key)
            );
            CREATE INDEX notifications_by_user ON notifications (user_id, id);
            CREATE TABLE mail_outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NOT NULL,
                last_error TEXT,
                created_at TEXT NOT NULL,
                sent_at TEXT
            );
            CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
            """,
            postgres: """
            CREATE TABLE notifications (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                user_id BIGINT NOT NULL REFERENCES users(id),
                event_key TEXT NOT NULL CHECK (length(event_key) BETWEEN 1 AND 200),
                kind TEXT NOT NULL,
                organisation_id BIGINT,
                body TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                read_at TIMESTAMPTZ,
                UNIQUE (user_id, event_key)
            );
            CREATE INDEX notifications_by_user ON notifications (user_id, id);
            CREATE TABLE mail_outbox (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                recipient TEXT NOT NULL,
                subject TEXT NOT NULL,
                body TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TIMESTAMPTZ NOT NULL,
                last_error TEXT,
                created_at TIMESTAMPTZ NOT NULL,
                sent_at TIMESTAMPTZ
            );
            CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
            """
        ),
    ]
}
