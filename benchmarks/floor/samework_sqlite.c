/*
 * samework_sqlite: the same-work floor for loading an XML filing into a fresh regctl registry.
 *
 * sax2_sqlite (beside this file) is the plain floor: parse and insert, nothing else. This program does
 * the work regctl's fresh load does, by the same design, with as little around it as C allows, so that
 * docs/benchmarks.md can tell what the design costs (this floor against the plain one) from what
 * regctl's implementation adds (regctl against this floor):
 *
 *   - the file read once, in 1 MiB reads, hashed (SHA-256, OpenSSL) while libxml2's SAX2 push parser
 *     parses it (regctl today reads it twice: once to hash, once to parse);
 *   - the registry's own schema: the tables and indexes of a registry made by regctl (TEMPLATE, an
 *     empty registry; copied byte for byte as the starting file), the filing row, the counts, each
 *     table's run of row ids (filing_rows);
 *   - every record validated as RecordValidator does for the generator's values: required fields,
 *     enumerations, dates that exist, years 1949–2100, whole numbers, money in yuan with two decimals
 *     (stored in fen), areas, GB/T 2260 region codes against the region table (retired codes resolved
 *     to their successor), USCCs (alphabet, division digits, GB 32100 check character), field lengths;
 *   - the derived columns regctl stores: normalised names (name_key, where it differs from the name),
 *     a firm's current region (where it differs from the stated one), a designation's region unit
 *     (names resolved through the table); composite natural keys, provinces and prefectures are
 *     computed by the registry's generated columns (Schema.v7);
 *   - regctl's fresh-load strategy: indexes whose keys do not arrive in order are dropped for the load
 *     and built afterwards with two sorting threads and 2 MiB sort runs; rows go in as current;
 *   - the same checks afterwards, with the same SQL: duplicate natural keys, dangling references (the
 *     index-ordered existence check first), and the linking of designations by name to firms;
 *   - one transaction with a rollback journal and synchronous = FULL, as regctl writes a registry it
 *     has just created, and a 16 MiB page cache.
 *
 * What it leaves out, because the generator's data never needs it: NFKC for names outside ASCII, the
 * CJK ideographs and full-width parentheses (regctl's slow path); Chinese labels of enumerations;
 * did-you-mean suggestions and message texts (a problem is counted, and the load refused).
 *
 * Build:  cc -O2 -o samework_sqlite samework_sqlite.c $(pkg-config --cflags --libs libxml-2.0 sqlite3 libcrypto)
 * Run:    samework_sqlite FILING.xml REGISTRY.sqlite TEMPLATE.sqlite REGIONDATA.swift
 *         (REGIONDATA.swift: Sources/Core/Model/RegionData.swift, the table regctl compiles in)
 */
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_FIELDS 16
#define MAX_FIELD_BYTES 40000 /* 10,000 characters of up to four bytes, as RecordValidator.maxFieldLength */

static sqlite3 *db;
static xmlParserCtxtPtr parser;
static int depth;
static long problems;

/* SAMEWORK_PHASES=1 prints each phase's wall and CPU seconds to standard error. */
static int show_phases;
static double phase_wall, phase_cpu;
static void phase(const char *name) {
    struct timespec w;
    clock_gettime(CLOCK_MONOTONIC, &w);
    double wall = w.tv_sec + w.tv_nsec / 1e9, cpu = (double)clock() / CLOCKS_PER_SEC;
    if (show_phases && name) fprintf(stderr, "samework_sqlite: %-28s %7.2f s wall %7.2f s CPU\n", name, wall - phase_wall, cpu - phase_cpu);
    phase_wall = wall;
    phase_cpu = cpu;
}

static void die_sql(const char *what) {
    fprintf(stderr, "samework_sqlite: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static void exec(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
        fprintf(stderr, "samework_sqlite: %s: %s\n", sql, err);
        exit(1);
    }
}

/* ---- The region table (RegionData.swift's text: code|LS|name|extra) ---------------------------- */

struct region { int code; int current; char level; char in_use; };
#define REGION_SLOTS 16384
static struct region regions[REGION_SLOTS];
struct region_name { char *name; int code; char level; };
static struct region_name *region_names;
static int nregion_names, cap_region_names;

static struct region *region_slot(int code) {
    unsigned h = (unsigned)code * 2654435761u;
    for (unsigned i = h % REGION_SLOTS;; i = (i + 1) % REGION_SLOTS)
        if (regions[i].code == code || regions[i].code == 0) return &regions[i];
}

static void add_region_name(const char *name, int code, char level) {
    if (nregion_names == cap_region_names) {
        cap_region_names = cap_region_names ? 2 * cap_region_names : 8192;
        region_names = realloc(region_names, cap_region_names * sizeof *region_names);
    }
    region_names[nregion_names++] = (struct region_name){strdup(name), code, level};
}

static void load_regions(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(1); }
    char line[1024];
    int inside = 0;
    while (fgets(line, sizeof line, f)) {
        if (!inside) { if (strstr(line, "#\"\"\"")) inside = 1; continue; }
        if (strncmp(line, "\"\"\"#", 4) == 0) break;
        line[strcspn(line, "\n")] = 0;
        char *fields[4] = {0};
        int n = 0;
        for (char *p = line, *s; n < 4 && (s = strsep(&p, "|")); ) fields[n++] = s;
        if (n < 3 || strlen(fields[1]) != 2) continue; /* prefix names: code|name */
        int code = atoi(fields[0]);
        struct region *r = region_slot(code);
        r->code = code;
        r->level = fields[1][0];
        r->in_use = fields[1][1] != 'r';
        if (!r->in_use) { r->current = n > 3 ? atoi(fields[3]) : 0; continue; }
        r->current = code;
        add_region_name(fields[2], code, r->level);
        if (fields[1][1] == 'u' && n > 3 && fields[3][0]) add_region_name(fields[3], code, r->level);
    }
    fclose(f);
    /* Successors may themselves be retired: follow them to an in-use code, as RegionTable does. */
    for (int i = 0; i < REGION_SLOTS; i++) {
        struct region *r = &regions[i];
        if (!r->code || r->in_use) continue;
        int c = r->current, hops = 0;
        while (c && hops++ < 16) {
            struct region *s = region_slot(c);
            if (s->code != c) { c = 0; break; }
            if (s->in_use) break;
            c = s->current;
        }
        r->current = c;
    }
}

/* A six-digit code's current code, or 0 when the code never existed. */
static int region_current(const char *s, size_t len) {
    if (len != 6) return 0;
    int code = 0;
    for (size_t i = 0; i < 6; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        code = code * 10 + (s[i] - '0');
    }
    struct region *r = region_slot(code);
    return r->code == code ? r->current : 0;
}

/* A code reduced to its unit: 430000 → "43", 350200 → "3502", 430211 → "430211". */
static void unit_of(int code, char out[7]) {
    snprintf(out, 7, "%06d", code);
    if (strcmp(out + 2, "0000") == 0) out[2] = 0;
    else if (strcmp(out + 4, "00") == 0) out[4] = 0;
}

/* The unit a designation's stated region denotes (a code, or the one upper-level division of that name). */
static int region_unit(const char *s, size_t len, char out[7]) {
    int current = region_current(s, len);
    if (current) { unit_of(current, out); return 1; }
    int found = 0, count = 0;
    for (int i = 0; i < nregion_names; i++)
        if (region_names[i].level != 'c' && strlen(region_names[i].name) == len && memcmp(region_names[i].name, s, len) == 0
            && region_names[i].code != found) { found = region_names[i].code; count++; }
    if (count != 1) return 0;
    unit_of(found, out);
    return 1;
}

/* ---- Values ----------------------------------------------------------------------------------- */

static int one_of(const char *v, const char *const *list) {
    for (; *list; list++) if (strcmp(v, *list) == 0) return 1;
    return 0;
}

static int is_day(const char *s) {
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++) if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap);
}

static int is_year(const char *s) {
    if (strlen(s) != 4) return 0;
    for (int i = 0; i < 4; i++) if (s[i] < '0' || s[i] > '9') return 0;
    int y = atoi(s);
    return y >= 1949 && y <= 2100;
}

static int is_count(const char *s, long long *out) {
    if (!*s) return 0;
    long long n = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9') return 0;
        n = n * 10 + (*p - '0');
    }
    *out = n;
    return 1;
}

/* Yuan with at most two decimals, in fen. */
static int money(const char *s, long long *fen) {
    long long whole = 0, cents = 0;
    const char *p = s;
    if (*p < '0' || *p > '9') return 0;
    for (; *p >= '0' && *p <= '9'; p++) whole = whole * 10 + (*p - '0');
    if (*p == '.') {
        p++;
        int digits = 0;
        for (; *p >= '0' && *p <= '9' && digits < 2; p++, digits++) cents = cents * 10 + (*p - '0');
        if (digits == 0) return 0;
        if (digits == 1) cents *= 10;
    }
    if (*p) return 0;
    *fen = whole * 100 + cents;
    return 1;
}

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
static signed char uscc_values[128];

static int uscc_valid(char *s) {
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) if (s[i] >= 'a' && s[i] <= 'z') s[i] -= 32;
    if (n != 18) return 0;
    int sum = 0;
    for (int i = 0; i < 18; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 128 || uscc_values[c] < 0) return 0;
        if (i < 17) sum += uscc_values[c] * uscc_weights[i];
    }
    for (int i = 2; i < 8; i++) if (s[i] > '9') return 0;
    return uscc_values[(unsigned char)s[17]] == (31 - sum % 31) % 31;
}

/* FilingText.nameKey for names of ASCII, CJK Unified Ideographs and full-width parentheses: spaces
 * dropped, brackets made parentheses, ASCII letters upper-cased. Other characters are copied (regctl
 * applies NFKC to such names first; the generator writes none). */
static size_t name_key(const char *s, char *out) {
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p; ) {
        unsigned char c = *p;
        if (c < 0x80) {
            p++;
            switch (c) {
            case ' ': case '\t': case '\n': case '\r': continue;
            case '[': case '{': *o++ = '('; continue;
            case ']': case '}': *o++ = ')'; continue;
            default: *o++ = (c >= 'a' && c <= 'z') ? (char)(c - 32) : (char)c; continue;
            }
        }
        if (c == 0xEF && p[1] == 0xBC && (p[2] == 0x88 || p[2] == 0x89)) { *o++ = p[2] == 0x88 ? '(' : ')'; p += 3; continue; }
        if (c == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { p += 3; continue; } /* U+3000 */
        if (c == 0xC2 && p[1] == 0xA0) { p += 2; continue; }
        *o++ = (char)*p++;
    }
    *o = 0;
    return (size_t)(o - out);
}

/* ---- Kinds ------------------------------------------------------------------------------------ */

enum { PARK, FIRM, INCUBATOR, DESIGNATION, INCUBATION, ANNUAL_REPORT, TRANSFER, NKINDS };

struct kind {
    const char *element, *table;
    const char *fields[MAX_FIELDS];
    const char *columns; /* FactColumns.columns, in the order bound */
    int nfields, ncolumns;
    sqlite3_stmt *insert;
    long records;
};

static struct kind kinds[NKINDS] = {
    [PARK] = {"park", "park", {"id", "name", "short-name", "region", "level", "kind"},
              "id, name, short_name, region, level, kind, nk"},
    [FIRM] = {"firm", "firm", {"uscc", "name", "region", "park", "industry", "founded", "status", "former-names"},
              "name, name_key_if_other, region, region_now_if_other, park, industry, founded_day, status_code, uscc_ok, former_names, former_keys, nk"},
    [INCUBATOR] = {"incubator", "incubator", {"id", "name", "kind", "level", "recognized", "region", "park", "operator", "area-m2", "focus"},
                   "id, name, kind, level, recognized, region, park, operator, area_m2, focus, nk"},
    [DESIGNATION] = {"designation", "designation", {"uscc", "firm", "region", "program", "level", "year", "batch", "valid-from", "valid-to", "status", "revoked-on"},
                     "uscc, firm_name, name_key, region, unit, program_code, level_code, year, batch, valid_from_day, valid_to_day, status_code, revoked_on_day, resolved"},
    [INCUBATION] = {"incubation", "incubation", {"uscc", "incubator", "entered", "intake", "graduated", "exited"},
                    "uscc, incubator, entered, intake, graduated, exited"},
    [ANNUAL_REPORT] = {"annual-report", "annual_report", {"uscc", "year", "revenue", "main-revenue", "rd-expense", "employees", "rd-staff", "invention-patents", "assets", "liabilities", "equity-raised"},
                       "uscc, year, revenue, main_revenue, rd_expense, employees, rd_staff, invention_patents, assets, liabilities, equity_raised"},
    [TRANSFER] = {"transfer", "transfer", {"id", "title", "source", "source-kind", "recipient", "mode", "channel", "value", "signed"},
                  "id, title, source, source_kind, recipient, mode, channel, value, signed, nk"},
};

/* Indexes a fresh load appends to and keeps (Schema.appendedIndexes). */
static int appended_index(const char *name) {
    static const char *const names[] = {"designation_program_level", "designation_program_level_rows", NULL};
    return one_of(name, names);
}

static char **deferred_indexes;
static int ndeferred;

/* The first record of a kind: drop the indexes of its (fresh) table that a load would insert into at
 * random, to build them once afterwards, and prepare the insert. */
static void prepare(struct kind *kd) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name", -1, &q, NULL) != SQLITE_OK) die_sql("indexes");
    sqlite3_bind_text(q, 1, kd->table, -1, SQLITE_STATIC);
    char drops[4096] = "";
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(q, 0);
        if (appended_index(name)) continue;
        deferred_indexes = realloc(deferred_indexes, (ndeferred + 1) * sizeof *deferred_indexes);
        deferred_indexes[ndeferred++] = strdup((const char *)sqlite3_column_text(q, 1));
        snprintf(drops + strlen(drops), sizeof drops - strlen(drops), "DROP INDEX \"%s\";", name);
    }
    sqlite3_finalize(q);
    exec(drops);
    while (kd->nfields < MAX_FIELDS && kd->fields[kd->nfields]) kd->nfields++;
    kd->ncolumns = 1;
    for (const char *c = kd->columns; *c; c++) kd->ncolumns += *c == ',';
    char sql[2048];
    int n = snprintf(sql, sizeof sql, "INSERT INTO main.%s (filing, line, current, %s) VALUES (?, ?, ?", kd->table, kd->columns);
    for (int i = 0; i < kd->ncolumns; i++) n += snprintf(sql + n, sizeof sql - n, ", ?");
    snprintf(sql + n, sizeof sql - n, ")");
    if (sqlite3_prepare_v2(db, sql, -1, &kd->insert, NULL) != SQLITE_OK) die_sql(sql);
}

/* ---- One record ------------------------------------------------------------------------------- */

static long long filing_seq = 1;
static char values[MAX_FIELDS][MAX_FIELD_BYTES + 1];
static const char *value[MAX_FIELDS]; /* trimmed value of each field, NULL when absent or empty */

/* The binder: columns after (filing, line, current), numbered from 4; the natural key of a kind keyed
 * by one column last. A composite natural key, a firm's province and prefecture are computed by the
 * registry (generated columns, Schema.v7); a name key or a current region equal to the name or the
 * stated region is stored as NULL (bind_if_other). */
static sqlite3_stmt *st;
static int col;
static void bind_text(const char *s) {
    if (s) sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC); else sqlite3_bind_null(st, col);
    col++;
}
static void bind_if_other(const char *s, const char *stated) {
    bind_text(s && stated && strcmp(s, stated) == 0 ? NULL : s);
}
static void bind_int(long long v, int present) {
    if (present) sqlite3_bind_int64(st, col, v); else sqlite3_bind_null(st, col);
    col++;
}
/* A date stored as its day number (StoredColumns .day: days since 1970-01-01, Day.dayNumber). */
static void bind_day(const char *s) {
    if (!s || !is_day(s)) { bind_text(s); return; }
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    bind_int((long long)era * 146097 + doe - 719468, 1);
}
/* An enumeration stored as its place in the list (StoredColumns .code), else as its text. */
static void bind_code(const char *s, const char *const *list) {
    for (int i = 0; s && list[i]; i++) if (strcmp(s, list[i]) == 0) { bind_int(i, 1); return; }
    bind_text(s);
}

static void fail(void) { problems++; }

static const char *required(int f) { if (!value[f]) fail(); return value[f] ? value[f] : ""; }

static void enumeration(int f, const char *const *list, int optional) {
    if (!value[f]) { if (!optional) fail(); return; }
    if (!one_of(value[f], list)) fail();
}

static void day(int f) { if (value[f] && !is_day(value[f])) fail(); }
static int year(int f) { if (value[f] && !is_year(value[f])) { fail(); return 0; } return value[f] ? atoi(value[f]) : 0; }

static void bind_money(int f) {
    long long fen = 0;
    int ok = value[f] && money(value[f], &fen);
    if (value[f] && !ok) fail();
    bind_int(fen, ok);
}
static void bind_count(int f) {
    long long n = 0;
    int ok = value[f] && is_count(value[f], &n);
    if (value[f] && !ok) fail();
    bind_int(n, ok);
}

/* A required six-digit region code: its current code (0 when invalid). */
static int region_code(int f) {
    const char *s = required(f);
    int current = region_current(s, strlen(s));
    if (*s && !current) fail();
    return current;
}

static void uscc(int f, int is_required) {
    if (!value[f]) { if (is_required) fail(); return; }
    if (!uscc_valid((char *)value[f])) fail();
}

static const char *const levels[] = {"national", "provincial", "municipal", NULL};
static const char *const park_levels[] = {"national", "provincial", NULL};
static const char *const park_kinds[] = {"high-tech-zone", "economic-zone", "other", NULL};
static const char *const programs[] = {"little-giant", "specialized-sme", "innovative-sme", "single-champion", "high-tech", NULL};
static const char *const firm_statuses[] = {"active", "deregistered", NULL};
static const char *const designation_statuses[] = {"active", "revoked", NULL};
static const char *const incubator_kinds[] = {"incubator", "maker-space", "accelerator", NULL};
static const char *const intakes[] = {"local", "introduced", "spinoff", NULL};
static const char *const source_kinds[] = {"university", "institute", "enterprise", "rd-institution", "other", NULL};
static const char *const modes[] = {"self", "transfer", "license", "cooperation", "equity", "other", NULL};
static const char *const channels[] = {"local", "enclave", "other", NULL};

/* The codes a designation's programme, level and status are stored as (StoredColumns.programs, levels,
 * designationStatuses: alphabetical). */
static const char *const program_codes[] = {"high-tech", "innovative-sme", "little-giant", "single-champion", "specialized-sme", NULL};
static const char *const level_codes[] = {"municipal", "national", "provincial", NULL};

static char key[4 * MAX_FIELD_BYTES], former_keys[8 * MAX_FIELD_BYTES];

static void record(int k, int line) {
    struct kind *kd = &kinds[k];
    if (!kd->insert) prepare(kd);
    st = kd->insert;
    sqlite3_bind_int64(st, 1, filing_seq);
    sqlite3_bind_int(st, 2, line);
    sqlite3_bind_int(st, 3, 1); /* a fresh table: every row goes in as current */
    col = 4;
    long before = problems;
    char unit[7], now[7];
    switch (k) {
    case PARK:
        bind_text(value[0]); bind_text(required(1)); bind_text(value[2]);
        region_code(3); bind_text(value[3]);
        enumeration(4, park_levels, 0); bind_text(value[4]);
        enumeration(5, park_kinds, 0); bind_text(value[5]);
        bind_text(value[0] ? value[0] : ""); /* nk: the id */
        break;
    case FIRM: {
        uscc(0, 1);
        bind_text(required(1)); /* the code is the natural key, bound last; uscc is computed from it */
        name_key(value[1] ? value[1] : "", key); bind_if_other(key, required(1));
        int current = region_code(2);
        bind_text(value[2]);
        snprintf(now, sizeof now, "%06d", current);
        bind_if_other(now, value[2]);
        bind_text(value[3]);
        if (value[4]) { /* GB/T 4754: a section letter A–T and up to four digits */
            size_t n = strlen(value[4]);
            int ok = n >= 1 && n <= 5 && value[4][0] >= 'A' && value[4][0] <= 'T';
            for (size_t i = 1; ok && i < n; i++) ok = value[4][i] >= '0' && value[4][i] <= '9';
            if (!ok) fail();
        }
        bind_text(value[4]);
        day(5); bind_day(value[5]);
        enumeration(6, firm_statuses, 1); bind_code(value[6] ? value[6] : "active", firm_statuses);
        bind_int(1, 1);
        bind_text(value[7]);
        if (value[7]) { /* former names, ';'-separated: their keys as a JSON array */
            char *o = former_keys;
            *o++ = '[';
            char names[MAX_FIELD_BYTES + 1];
            snprintf(names, sizeof names, "%s", value[7]);
            for (char *p = names, *s; (s = strsep(&p, ";")); ) {
                if (!*s) continue;
                if (o > former_keys + 1) *o++ = ',';
                *o++ = '"';
                o += name_key(s, o);
                *o++ = '"';
            }
            *o++ = ']'; *o = 0;
            bind_text(former_keys);
        } else bind_text(NULL);
        bind_text(value[0] ? value[0] : ""); /* nk: the code */
        break;
    }
    case INCUBATOR: {
        bind_text(value[0]); bind_text(required(1));
        enumeration(2, incubator_kinds, 0); bind_text(value[2]);
        enumeration(3, levels, 0); bind_text(value[3]);
        bind_int(year(4), value[4] != NULL);
        region_code(5); bind_text(value[5]);
        bind_text(value[6]);
        uscc(7, 0); bind_text(value[7]);
        if (value[8]) {
            char *end;
            double a = strtod(value[8], &end);
            if (*end || a < 0) fail();
            sqlite3_bind_double(st, col, a);
            col++;
        } else bind_text(NULL);
        bind_text(value[9]);
        bind_text(value[0] ? value[0] : ""); /* nk: the id */
        break;
    }
    case DESIGNATION: {
        uscc(0, 0);
        if (!value[0]) {
            if (!value[1]) fail();
            else if (!value[2]) fail();
        }
        int has_unit = value[2] && region_unit(value[2], strlen(value[2]), unit);
        if (value[2] && !has_unit) fail();
        enumeration(3, programs, 0);
        enumeration(4, levels, 0);
        if (!value[5]) fail();
        int y = year(5);
        day(7); day(8);
        if (value[7] && value[8] && strcmp(value[8], value[7]) < 0) fail();
        enumeration(9, designation_statuses, 1);
        day(10);
        const char *status = value[9] ? value[9] : (value[10] ? "revoked" : "active");
        if (value[10] && value[9] && strcmp(value[9], "active") == 0) fail();
        if (value[1]) name_key(value[1], key);
        bind_text(value[0]); bind_text(value[1]); bind_text(value[1] ? key : NULL); bind_text(value[2]);
        bind_text(has_unit ? unit : NULL);
        bind_code(value[3], program_codes); bind_code(value[4], level_codes); bind_int(y, 1); bind_text(value[6]); bind_day(value[7]);
        bind_day(value[8]); bind_code(status, designation_statuses); bind_day(value[10]); bind_text(value[0]);
        break;
    }
    case INCUBATION:
        uscc(0, 1);
        required(1);
        if (!value[2]) fail();
        day(2); day(4); day(5);
        enumeration(3, intakes, 1);
        if (value[2] && value[4] && strcmp(value[4], value[2]) < 0) fail();
        if (value[2] && value[5] && strcmp(value[5], value[2]) < 0) fail();
        bind_text(value[0]); bind_text(value[1]); bind_text(value[2]); bind_text(value[3] ? value[3] : "local");
        bind_text(value[4]); bind_text(value[5]);
        break;
    case ANNUAL_REPORT: {
        uscc(0, 1);
        if (!value[1]) fail();
        int y = year(1);
        bind_text(value[0]); bind_int(y, 1);
        bind_money(2); bind_money(3); bind_money(4);
        long long employees = 0, staff = 0;
        int has_employees = value[5] && is_count(value[5], &employees), has_staff = value[6] && is_count(value[6], &staff);
        if (has_employees && has_staff && staff > employees) fail();
        bind_count(5); bind_count(6); bind_count(7);
        bind_money(8); bind_money(9); bind_money(10);
        break;
    }
    case TRANSFER:
        bind_text(value[0]); bind_text(required(1)); bind_text(required(2));
        enumeration(3, source_kinds, 0); bind_text(value[3]);
        uscc(4, 1); bind_text(value[4]);
        enumeration(5, modes, 0); bind_text(value[5]);
        enumeration(6, channels, 1); bind_text(value[6] ? value[6] : "other");
        bind_money(7);
        if (!value[8]) fail();
        day(8); bind_text(value[8]);
        bind_text(value[0] ? value[0] : ""); /* nk: the id */
        break;
    }
    if (problems != before) { sqlite3_reset(st); sqlite3_clear_bindings(st); return; }
    if (sqlite3_step(st) != SQLITE_DONE) die_sql("insert");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    kd->records++;
}

/* ---- Parsing ---------------------------------------------------------------------------------- */

static char filing_attr[4][1024]; /* id, authority, issued, title */
static const char *source_path;

/* The filing's row, before its facts (they refer to it); its hash and counts are known at the end. */
static void insert_filing(void) {
    sqlite3_stmt *q;
    char loaded[32], precedence[64];
    time_t t = time(NULL);
    strftime(loaded, sizeof loaded, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
    snprintf(precedence, sizeof precedence, "%.10s|%012lld", filing_attr[2][0] ? filing_attr[2] : loaded, filing_seq);
    if (sqlite3_prepare_v2(db, "INSERT INTO filing (seq, id, authority, issued, title, source, format, sha256, loaded_at, precedence) "
                               "VALUES (?, ?, ?, ?, ?, ?, 'xml', '', ?, ?)", -1, &q, NULL) != SQLITE_OK) die_sql("filing");
    sqlite3_bind_int64(q, 1, filing_seq);
    for (int h = 0; h < 4; h++) {
        if (filing_attr[h][0]) sqlite3_bind_text(q, h + 2, filing_attr[h], -1, SQLITE_STATIC);
        else sqlite3_bind_null(q, h + 2);
    }
    sqlite3_bind_text(q, 6, source_path, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, loaded, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 8, precedence, -1, SQLITE_STATIC);
    if (sqlite3_step(q) != SQLITE_DONE) die_sql("insert filing");
    sqlite3_finalize(q);
}

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
                    snprintf(filing_attr[h], sizeof filing_attr[h], "%.*s", (int)(at[4] - at[3]), (const char *)at[3]);
        }
        insert_filing();
        return;
    }
    if (depth != 2) { problems++; return; }
    int k = 0;
    while (k < NKINDS && strcmp((const char *)localname, kinds[k].element) != 0) k++;
    if (k == NKINDS) { problems++; return; }
    struct kind *kd = &kinds[k];
    if (!kd->nfields) while (kd->nfields < MAX_FIELDS && kd->fields[kd->nfields]) kd->nfields++;
    memset(value, 0, sizeof value);
    for (int a = 0; a < nb_attributes; a++) {
        const xmlChar **at = attributes + 5 * a;
        int f = 0;
        while (f < kd->nfields && strcmp((const char *)at[0], kd->fields[f]) != 0) f++;
        if (f == kd->nfields) { problems++; continue; }
        const char *s = (const char *)at[3], *e = (const char *)at[4];
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) e--;
        if (e - s > MAX_FIELD_BYTES) { problems++; continue; }
        if (e == s) continue;
        memcpy(values[f], s, (size_t)(e - s));
        values[f][e - s] = 0;
        value[f] = values[f];
    }
    record(k, xmlSAX2GetLineNumber(parser));
}

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI) {
    (void)ctx; (void)localname; (void)prefix; (void)URI;
    depth--;
}

static void structured_error(void *ctx, const xmlError *error) {
    (void)ctx;
    if (error->level >= XML_ERR_ERROR) {
        fprintf(stderr, "samework_sqlite: line %d: %s", error->line, error->message);
        problems++;
    }
}

/* ---- After the records: regctl's checks, with its SQL ------------------------------------------ */

static long count_rows(const char *sql) {
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK) die_sql(sql);
    long n = 0;
    while (sqlite3_step(q) == SQLITE_ROW) n++;
    sqlite3_finalize(q);
    return n;
}

static void finish(void) {
    char sql[4096];
    /* The deferred indexes, two sorting threads, 2 MiB runs (SQLiteFilingSession.rebuildIndexes). */
    phase("parse, validate, insert");
    exec("PRAGMA cache_size = -2048; PRAGMA threads = 2");
    for (int i = 0; i < ndeferred; i++) exec(deferred_indexes[i]);
    exec("PRAGMA threads = 0");
    phase("build deferred indexes");

    /* Duplicate natural keys in the filing, off the (nk, current) index of a fresh table. */
    for (int k = 0; k < NKINDS; k++) {
        if (!kinds[k].records) continue;
        snprintf(sql, sizeof sql,
                 "SELECT t.rowid AS rid, t.line, t.nk, (SELECT min(u.line) FROM %1$s u WHERE u.filing = t.filing AND u.nk = t.nk) AS first "
                 "FROM %1$s t WHERE t.filing = %2$lld AND t.nk IN (SELECT nk FROM %1$s GROUP BY nk HAVING count(*) > 1) ORDER BY t.line",
                 kinds[k].table, filing_seq);
        long dups = count_rows(sql);
        if (dups) { fprintf(stderr, "samework_sqlite: %s: %ld rows share a natural key\n", kinds[k].table, dups); problems += dups; }
    }
    exec("PRAGMA cache_size = -16384");
    phase("duplicate keys");

    /* Dangling references (CurrentView.danglingReferences with Schema.referenceIndexes). */
    static const struct { const char *table, *column, *target, *index, *indexed, *condition; } refs[] = {
        {"firm", "park", "park", "firm_park", "park", "AND t.current = 1"},
        {"incubator", "park", "park", NULL, NULL, NULL},
        {"designation", "uscc", "firm", "designation_resolved", "resolved", ""},
        {"incubation", "uscc", "firm", "incubation_uscc", "uscc", ""},
        {"incubation", "incubator", "incubator", "incubation_incubator", "incubator", ""},
        {"annual_report", "uscc", "firm", NULL, NULL, NULL}, /* no index by code since v11: row order */
        {"transfer", "recipient", "firm", "transfer_recipient", "recipient", ""},
    };
    for (size_t r = 0; r < sizeof refs / sizeof refs[0]; r++) {
        int stated = 0;
        for (int k = 0; k < NKINDS; k++) if (kinds[k].records && strcmp(kinds[k].table, refs[r].table) == 0) stated = 1;
        if (!stated) continue;
        if (refs[r].index) {
            snprintf(sql, sizeof sql,
                     "SELECT 1 WHERE EXISTS (SELECT 1 FROM %s t INDEXED BY %s WHERE t.%s IS NOT NULL %s "
                     "AND NOT EXISTS (SELECT 1 FROM %s x WHERE x.nk = t.%s))",
                     refs[r].table, refs[r].index, refs[r].indexed, refs[r].condition, refs[r].target, refs[r].indexed);
            if (!count_rows(sql)) continue;
        }
        snprintf(sql, sizeof sql,
                 "SELECT f.id AS fid, t.line, t.rowid AS rid, t.%2$s AS ref FROM %1$s t JOIN filing f ON f.seq = t.filing "
                 "WHERE t.%2$s IS NOT NULL AND t.rowid >= 1 AND t.filing = %4$lld AND NOT EXISTS (SELECT 1 FROM %3$s x WHERE x.nk = t.%2$s) "
                 "ORDER BY t.filing, t.line",
                 refs[r].table, refs[r].column, refs[r].target, filing_seq);
        long dangling = count_rows(sql);
        if (dangling) { fprintf(stderr, "samework_sqlite: %s.%s: %ld dangling references\n", refs[r].table, refs[r].column, dangling); problems += dangling; }
    }

    phase("dangling references");
    /* Designations by name linked to current firms (CurrentView.refreshResolution). */
    exec("CREATE TEMP TABLE IF NOT EXISTS named_firm(name_key TEXT NOT NULL, uscc TEXT NOT NULL, region TEXT NOT NULL, region_now TEXT NOT NULL);"
         "CREATE INDEX IF NOT EXISTS temp.named_firm_key ON named_firm(name_key);"
         "DELETE FROM temp.named_firm;"
         "INSERT INTO temp.named_firm SELECT f.name_key, f.uscc, f.region, f.region_now FROM firm f NOT INDEXED "
         "WHERE f.current = 1 AND f.name_key IN (SELECT name_key FROM designation WHERE uscc IS NULL);"
         "CREATE TEMP TABLE IF NOT EXISTS former_name(name_key TEXT NOT NULL, uscc TEXT NOT NULL, region TEXT NOT NULL, region_now TEXT NOT NULL);"
         "CREATE INDEX IF NOT EXISTS temp.former_name_key ON former_name(name_key);"
         "DELETE FROM temp.former_name;"
         "INSERT INTO temp.former_name SELECT j.value, f.uscc, f.region, f.region_now FROM firm f INDEXED BY firm_former, json_each(f.former_keys) j "
         "WHERE f.current = 1 AND f.former_keys IS NOT NULL;");
    exec("UPDATE designation SET (resolved, linked_by) = ("
         " SELECT uscc, how FROM ("
         "  SELECT l.uscc, 'decision:' || (SELECT id FROM filing WHERE seq = l.filing) AS how, -1 AS rank FROM link l"
         "  WHERE l.current = 1 AND l.decision = 'same' AND l.name_key = designation.name_key AND l.unit = designation.unit"
         "  UNION ALL"
         "  SELECT f.uscc, 'name', 0 FROM temp.named_firm f"
         "  WHERE f.name_key = designation.name_key"
         "   AND (substr(f.region_now, 1, length(designation.unit)) = designation.unit"
         "        OR substr(f.region, 1, length(designation.unit)) = designation.unit)"
         "  UNION ALL"
         "  SELECT x.uscc, 'former-name', 1 FROM temp.former_name x"
         "  WHERE x.name_key = designation.name_key"
         "   AND (substr(x.region_now, 1, length(designation.unit)) = designation.unit"
         "        OR substr(x.region, 1, length(designation.unit)) = designation.unit))"
         " ORDER BY rank, uscc LIMIT 1)"
         " WHERE uscc IS NULL");
    phase("link designations by name");
}

/* ---- Main ------------------------------------------------------------------------------------- */

static void copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out) { perror(!in ? from : to); exit(1); }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
    if (fclose(out) != 0) { perror(to); exit(1); }
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: samework_sqlite FILING.xml REGISTRY.sqlite TEMPLATE.sqlite REGIONDATA.swift\n");
        return 2;
    }
    memset(uscc_values, -1, sizeof uscc_values);
    for (int i = 0; uscc_alphabet[i]; i++) uscc_values[(unsigned char)uscc_alphabet[i]] = (signed char)i;
    show_phases = getenv("SAMEWORK_PHASES") != NULL;
    phase(NULL);
    load_regions(argv[4]);
    source_path = argv[1];
    FILE *in = fopen(argv[1], "rb");
    if (!in) { perror(argv[1]); return 1; }
    copy_file(argv[3], argv[2]);
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) die_sql(argv[2]);
    exec("PRAGMA journal_mode = DELETE");
    exec("PRAGMA synchronous = FULL");
    exec("PRAGMA cache_size = -16384");
    exec("PRAGMA foreign_keys = ON");
    exec("BEGIN IMMEDIATE");

    EVP_MD_CTX *sha = EVP_MD_CTX_new();
    EVP_DigestInit_ex(sha, EVP_sha256(), NULL);
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = start_element;
    sax.endElementNs = end_element;
    sax.serror = (xmlStructuredErrorFunc)structured_error;
    static char buffer[1 << 20];
    size_t n = fread(buffer, 1, 4, in);
    EVP_DigestUpdate(sha, buffer, n);
    parser = xmlCreatePushParserCtxt(&sax, NULL, buffer, (int)n, argv[1]);
    if (!parser) { fprintf(stderr, "samework_sqlite: cannot create the parser\n"); return 1; }
    xmlCtxtUseOptions(parser, XML_PARSE_NONET);
    while ((n = fread(buffer, 1, sizeof buffer, in)) > 0) {
        EVP_DigestUpdate(sha, buffer, n);
        if (xmlParseChunk(parser, buffer, (int)n, 0) != 0) break;
    }
    xmlParseChunk(parser, NULL, 0, 1);
    int well_formed = parser->wellFormed;
    xmlFreeParserCtxt(parser);
    fclose(in);
    unsigned char digest[32];
    unsigned int dlen;
    EVP_DigestFinal_ex(sha, digest, &dlen);
    EVP_MD_CTX_free(sha);
    char hex[65];
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", digest[i]);

    /* The same filing again is no new filing (regctl's idempotence, by content hash). */
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM filing WHERE sha256 = ?", -1, &q, NULL) != SQLITE_OK) die_sql("sha");
    sqlite3_bind_text(q, 1, hex, -1, SQLITE_STATIC);
    int known = sqlite3_step(q) == SQLITE_ROW;
    sqlite3_finalize(q);
    if (known) { fprintf(stderr, "samework_sqlite: already loaded\n"); return 1; }

    if (well_formed && !problems) finish();
    if (!well_formed || problems) {
        fprintf(stderr, "samework_sqlite: %s: not loaded (%ld problems)\n", argv[1], problems);
        exec("ROLLBACK");
        sqlite3_close(db);
        remove(argv[2]);
        return 1;
    }
    char counts[512] = "{";
    static const char *sorted[] = {"annual-report", "designation", "firm", "incubation", "incubator", "park", "transfer"};
    long total = 0;
    for (int s = 0; s < 7; s++)
        for (int k = 0; k < NKINDS; k++)
            if (strcmp(kinds[k].element, sorted[s]) == 0 && kinds[k].records) {
                snprintf(counts + strlen(counts), sizeof counts - strlen(counts), "%s\"%s\":%ld", total ? "," : "", sorted[s], kinds[k].records);
                total += kinds[k].records;
            }
    strcat(counts, "}");
    /* Each table's run of row ids (FilingRowRanges.record): a fresh table's rows are all the filing's. */
    for (int k = 0; k < NKINDS; k++) {
        if (!kinds[k].records) continue;
        char sql[512];
        snprintf(sql, sizeof sql, "INSERT INTO filing_rows (filing, fact_table, first, last) SELECT %lld, '%s', 1, max(rowid) FROM %s",
                 filing_seq, kinds[k].table, kinds[k].table);
        exec(sql);
    }
    if (sqlite3_prepare_v2(db, "UPDATE filing SET sha256 = ?, counts = ? WHERE seq = ?", -1, &q, NULL) != SQLITE_OK) die_sql("filing");
    sqlite3_bind_text(q, 1, hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, counts, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, filing_seq);
    if (sqlite3_step(q) != SQLITE_DONE) die_sql("update filing");
    sqlite3_finalize(q);
    for (int k = 0; k < NKINDS; k++) if (kinds[k].insert) sqlite3_finalize(kinds[k].insert);
    exec("COMMIT");
    phase("commit");
    if (sqlite3_close(db) != SQLITE_OK) die_sql("close");
    printf("%ld records\n", total);
    return 0;
}
