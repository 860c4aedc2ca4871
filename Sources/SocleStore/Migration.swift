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
    ]
}
