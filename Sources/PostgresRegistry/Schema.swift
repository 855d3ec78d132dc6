import Core

/// The registry's PostgreSQL schema, as ordered migrations of its own, next to SQLite's
/// (Sources/Core/Storage/Schema.swift). A change of what a registry stores is a step in both lists,
/// under the same id; a step for one backend's query plans (SQLite's "v2-analysis-indexes") has none
/// in the other. A shipped migration is never edited.
///
/// Differences from SQLite, each for a reason:
/// - every text column is `COLLATE "C"`: byte order, as SQLite compares, so that both backends sort
///   and compare names and dates alike whatever the database's locale;
/// - `rid`, an identity column, stands in for SQLite's rowid; it has no index (a primary key cost a
///   million-firm load two seconds, and only a retraction's bulk update joins on it);
/// - `current` is a boolean, and a unique partial index allows one current fact per natural key, so that
///   even a bug in the write path could not make two facts current at once. It is the only index on
///   natural keys: a key with facts always has exactly one current fact, so "is this key defined" and
///   "does a filing of higher precedence state it" are both questions about the current fact. Every
///   index costs a load of a million facts seconds (docs/postgres.md, "Load speed");
/// - facts find their filing through a BRIN index (a filing's facts are stored together, in load order)
///   and refer to it without a foreign key: the per-row check cost more than the insert, and the code
///   that deletes a filing deletes its facts first (`regctl check` reports any fact without a filing);
/// - `filing_seq` hands out load sequence numbers to loaders running at the same time.
enum PostgresSchema {
    static let migrations: [(id: String, sql: String)] = [("v1-registry", v1), ("v5-former-names", v5), ("v6-link-decisions", v6)]

    /// Reviewers' decisions, as SQLite's migration of the same id.
    private static let v6: String = factTable("link", """
            name \(text) NOT NULL, name_key \(text) NOT NULL, region \(text) NOT NULL, unit \(text),
            uscc \(text) NOT NULL, decision \(text) NOT NULL, note \(text)
            """) + """
        CREATE INDEX link_name ON link(name_key, unit) WHERE current;
        CREATE INDEX link_uscc ON link(uscc);
        """

    /// Former names, as SQLite's migration of the same id (Sources/Core/Storage/Schema.swift).
    private static let v5: String = """
        ALTER TABLE firm ADD COLUMN former_names \(text), ADD COLUMN former_keys \(text);
        CREATE INDEX firm_former ON firm(rid) WHERE current AND former_keys IS NOT NULL;
        ALTER TABLE designation ADD COLUMN linked_by \(text);
        """

    private static let text = #"text COLLATE "C""#

    private static func factTable(_ name: String, _ columns: String) -> String {
        """
        CREATE TABLE \(name) (
            rid bigint GENERATED ALWAYS AS IDENTITY,
            filing bigint NOT NULL,
            line integer NOT NULL, nk \(text) NOT NULL, current boolean NOT NULL DEFAULT false,
            \(columns)
        );
        CREATE UNIQUE INDEX \(name)_current ON \(name)(nk) WHERE current;
        CREATE INDEX \(name)_filing ON \(name) USING brin (filing);

        """
    }

    private static let v1: String = """
        CREATE TABLE filing (
            seq bigint PRIMARY KEY,
            id \(text) NOT NULL UNIQUE,
            authority \(text) NOT NULL,
            issued \(text),
            title \(text),
            source \(text) NOT NULL,
            format \(text) NOT NULL,
            sha256 \(text) NOT NULL,
            loaded_at \(text) NOT NULL,
            precedence \(text) NOT NULL,
            counts \(text) NOT NULL DEFAULT '{}'
        );
        CREATE INDEX filing_sha ON filing(sha256);
        CREATE SEQUENCE filing_seq;

        """
        + factTable("park", """
            id \(text) NOT NULL, name \(text) NOT NULL, short_name \(text), region \(text) NOT NULL,
            level \(text) NOT NULL, kind \(text) NOT NULL
            """)
        + factTable("firm", """
            uscc \(text) NOT NULL, name \(text) NOT NULL, name_key \(text) NOT NULL,
            region \(text) NOT NULL, region_now \(text) NOT NULL, province \(text) NOT NULL, prefecture \(text) NOT NULL,
            park \(text), industry \(text), founded \(text), status \(text) NOT NULL, uscc_ok smallint NOT NULL
            """)
        + factTable("incubator", """
            id \(text) NOT NULL, name \(text) NOT NULL, kind \(text) NOT NULL, level \(text) NOT NULL,
            recognized integer, region \(text) NOT NULL, park \(text), operator \(text), area_m2 double precision, focus \(text)
            """)
        + factTable("designation", """
            uscc \(text), firm_name \(text), name_key \(text), region \(text), unit \(text),
            program \(text) NOT NULL, level \(text) NOT NULL, year integer NOT NULL, batch \(text),
            valid_from \(text), valid_to \(text), status \(text) NOT NULL, revoked_on \(text),
            resolved \(text)
            """)
        + factTable("incubation", """
            uscc \(text) NOT NULL, incubator \(text) NOT NULL, entered \(text) NOT NULL,
            intake \(text) NOT NULL, graduated \(text), exited \(text)
            """)
        + factTable("annual_report", """
            uscc \(text) NOT NULL, year integer NOT NULL,
            revenue bigint, main_revenue bigint, rd_expense bigint, employees bigint, rd_staff bigint,
            invention_patents bigint, assets bigint, liabilities bigint, equity_raised bigint
            """)
        + factTable("transfer", """
            id \(text) NOT NULL, title \(text) NOT NULL, source \(text) NOT NULL, source_kind \(text) NOT NULL,
            recipient \(text) NOT NULL, mode \(text) NOT NULL, channel \(text) NOT NULL, value bigint, signed \(text) NOT NULL
            """)
        + """
        CREATE INDEX firm_name_key ON firm(name_key) WHERE current;
        CREATE INDEX designation_program ON designation(program) WHERE current;
        CREATE INDEX designation_resolved ON designation(resolved);
        CREATE INDEX designation_by_name ON designation(rid) WHERE uscc IS NULL;
        CREATE INDEX incubation_uscc ON incubation(uscc);
        CREATE INDEX incubation_incubator ON incubation(incubator);
        CREATE INDEX annual_report_uscc ON annual_report(uscc);
        CREATE INDEX transfer_recipient ON transfer(recipient);
        """
}
