/*
 * sax2_sqlite: the floor for loading an XML filing into SQLite.
 *
 * libxml2's SAX2 push parser (fed 256 KiB at a time, as regctl feeds it) reads every attribute of every
 * record; each record is inserted with a prepared statement into a plain table of its kind (one TEXT
 * column per field of docs/filing-format.md, plus the line), all in one transaction, with the pragmas
 * regctl uses (WAL, synchronous=NORMAL, 64 MiB page cache). No validation, no natural keys, no indexes,
 * no current flags: what is left is parsing and inserting, the work no loader can skip.
 *
 * Build:  cc -O2 -o sax2_sqlite sax2_sqlite.c $(pkg-config --cflags --libs libxml-2.0 sqlite3)
 * Run:    sax2_sqlite FILING.xml DATABASE.sqlite
 */
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 16

struct kind {
    const char *element;
    const char *table;
    const char *fields[MAX_FIELDS];
    int nfields;
    sqlite3_stmt *insert;
    long records;
};

static struct kind kinds[] = {
    {"park", "park", {"id", "name", "short-name", "region", "level", "kind"}, 0, NULL, 0},
    {"firm", "firm", {"uscc", "name", "region", "park", "industry", "founded", "status"}, 0, NULL, 0},
    {"incubator", "incubator", {"id", "name", "kind", "level", "recognized", "region", "park", "operator", "area-m2", "focus"}, 0, NULL, 0},
    {"designation", "designation", {"uscc", "firm", "region", "program", "level", "year", "batch", "valid-from", "valid-to", "status", "revoked-on"}, 0, NULL, 0},
    {"incubation", "incubation", {"uscc", "incubator", "entered", "intake", "graduated", "exited"}, 0, NULL, 0},
    {"annual-report", "annual_report", {"uscc", "year", "revenue", "main-revenue", "rd-expense", "employees", "rd-staff", "invention-patents", "assets", "liabilities", "equity-raised"}, 0, NULL, 0},
    {"transfer", "transfer", {"id", "title", "source", "source-kind", "recipient", "mode", "channel", "value", "signed"}, 0, NULL, 0},
};
#define NKINDS ((int)(sizeof kinds / sizeof kinds[0]))

static sqlite3 *db;
static xmlParserCtxtPtr parser;
static int depth;
static long problems;
static sqlite3_stmt *filing_insert;

static void die_sql(const char *what) {
    fprintf(stderr, "sax2_sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "sax2_sqlite: %s: %s\n", sql, err);
        exit(1);
    }
}

/* The column name of a field: hyphens become underscores. */
static void column(char *out, const char *field) {
    for (; *field; field++) *out++ = *field == '-' ? '_' : *field;
    *out = 0;
}

static void create_schema(void) {
    exec("CREATE TABLE IF NOT EXISTS filing (id TEXT, authority TEXT, issued TEXT, title TEXT)");
    if (sqlite3_prepare_v2(db, "INSERT INTO filing VALUES (?, ?, ?, ?)", -1, &filing_insert, NULL) != SQLITE_OK) die_sql("prepare filing");
    for (int k = 0; k < NKINDS; k++) {
        struct kind *kd = &kinds[k];
        while (kd->nfields < MAX_FIELDS && kd->fields[kd->nfields]) kd->nfields++;
        char create[2048], insert[2048], name[64];
        int c = snprintf(create, sizeof create, "CREATE TABLE IF NOT EXISTS %s (line INTEGER", kd->table);
        int i = snprintf(insert, sizeof insert, "INSERT INTO %s VALUES (?", kd->table);
        for (int f = 0; f < kd->nfields; f++) {
            column(name, kd->fields[f]);
            c += snprintf(create + c, sizeof create - c, ", %s TEXT", name);
            i += snprintf(insert + i, sizeof insert - i, ", ?");
        }
        snprintf(create + c, sizeof create - c, ")");
        snprintf(insert + i, sizeof insert - i, ")");
        exec(create);
        if (sqlite3_prepare_v2(db, insert, -1, &kd->insert, NULL) != SQLITE_OK) die_sql(insert);
    }
}

/* attributes: nb_attributes quintuples (localname, prefix, URI, value, end); values are not NUL-terminated. */
static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                          const xmlChar **attributes) {
    (void)ctx; (void)prefix; (void)URI; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    depth++;
    if (depth == 1) {
        static const char *header[] = {"id", "authority", "issued", "title"};
        for (int a = 0; a < nb_attributes; a++) {
            const xmlChar **at = attributes + 5 * a;
            for (int h = 0; h < 4; h++)
                if (strcmp((const char *)at[0], header[h]) == 0)
                    sqlite3_bind_text(filing_insert, h + 1, (const char *)at[3], (int)(at[4] - at[3]), SQLITE_TRANSIENT);
        }
        if (sqlite3_step(filing_insert) != SQLITE_DONE) die_sql("insert filing");
        return;
    }
    if (depth != 2) { problems++; return; }
    struct kind *kd = NULL;
    for (int k = 0; k < NKINDS; k++)
        if (strcmp((const char *)localname, kinds[k].element) == 0) { kd = &kinds[k]; break; }
    if (!kd) { problems++; return; }
    sqlite3_stmt *st = kd->insert;
    sqlite3_bind_int(st, 1, xmlSAX2GetLineNumber(parser));
    for (int a = 0; a < nb_attributes; a++) {
        const xmlChar **at = attributes + 5 * a;
        int f = 0;
        while (f < kd->nfields && strcmp((const char *)at[0], kd->fields[f]) != 0) f++;
        if (f == kd->nfields) { problems++; continue; }
        /* The statement is stepped before the parser moves on, so the value may be bound in place. */
        sqlite3_bind_text(st, f + 2, (const char *)at[3], (int)(at[4] - at[3]), SQLITE_STATIC);
    }
    if (sqlite3_step(st) != SQLITE_DONE) die_sql("insert");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    kd->records++;
}

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI) {
    (void)ctx; (void)localname; (void)prefix; (void)URI;
    depth--;
}

static void structured_error(void *ctx, const xmlError *error) {
    (void)ctx;
    if (error->level >= XML_ERR_ERROR) {
        fprintf(stderr, "sax2_sqlite: line %d: %s", error->line, error->message);
        problems++;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: sax2_sqlite FILING.xml DATABASE.sqlite\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (!in) { perror(argv[1]); return 1; }
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) die_sql(argv[2]);
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    exec("PRAGMA cache_size = -65536");
    create_schema();
    exec("BEGIN");

    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start_element;
    sax.endElementNs = end_element;
    sax.serror = (xmlStructuredErrorFunc)structured_error;

    static char buffer[256 * 1024];
    size_t n = fread(buffer, 1, 4, in);
    parser = xmlCreatePushParserCtxt(&sax, NULL, buffer, (int)n, argv[1]);
    if (!parser) { fprintf(stderr, "sax2_sqlite: cannot create the parser\n"); return 1; }
    xmlCtxtUseOptions(parser, XML_PARSE_NONET);
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
        if (xmlParseChunk(parser, buffer, (int)n, 0) != 0) break;
    }
    xmlParseChunk(parser, NULL, 0, 1);
    int well_formed = parser->wellFormed;
    xmlFreeParserCtxt(parser);
    fclose(in);
    if (!well_formed || problems) {
        fprintf(stderr, "sax2_sqlite: %s: not loaded (%ld problems)\n", argv[1], problems);
        exec("ROLLBACK");
        return 1;
    }
    exec("COMMIT");
    long total = 0;
    for (int k = 0; k < NKINDS; k++) {
        sqlite3_finalize(kinds[k].insert);
        total += kinds[k].records;
    }
    sqlite3_finalize(filing_insert);
    if (sqlite3_close(db) != SQLITE_OK) die_sql("close");
    printf("%ld records\n", total);
    return 0;
}
