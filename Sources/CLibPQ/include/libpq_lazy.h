// libpq, PostgreSQL's C client library, loaded when a PostgreSQL registry is first opened.
//
// Linking libpq made every regctl process load it and what it links (Kerberos, LDAP, GnuTLS, SASL:
// 25 shared libraries), 5 ms of each command's start, though most registries are SQLite files:
// `regctl rank` answers a million-firm registry in about 100 ms. So regctl does not link it: the first
// PostgreSQL connection loads libpq.so.5 with dlopen, and the functions below call into it.
//
// The declarations are the part of libpq-fe.h (PostgreSQL 15; the same since libpq 5 / PostgreSQL 8)
// that PostgresRegistry uses, with libpq's names, types and enum values, so that the Swift code reads
// as against libpq itself and libpq-dev is not needed to build.
#ifndef REGCTL_LIBPQ_LAZY_H
#define REGCTL_LIBPQ_LAZY_H

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;
typedef unsigned int Oid;
typedef void (*PQnoticeProcessor)(void *arg, const char *message);

typedef enum {
    CONNECTION_OK,
    CONNECTION_BAD
} ConnStatusType;

typedef enum {
    PGRES_EMPTY_QUERY = 0,
    PGRES_COMMAND_OK,
    PGRES_TUPLES_OK,
    PGRES_COPY_OUT,
    PGRES_COPY_IN,
    PGRES_BAD_RESPONSE,
    PGRES_NONFATAL_ERROR,
    PGRES_FATAL_ERROR
} ExecStatusType;

/// libpq's entry points, resolved once.
struct regctl_libpq {
    PGconn *(*PQconnectdb)(const char *conninfo);
    void (*PQfinish)(PGconn *conn);
    ConnStatusType (*PQstatus)(const PGconn *conn);
    int (*PQserverVersion)(const PGconn *conn);
    char *(*PQerrorMessage)(const PGconn *conn);
    PQnoticeProcessor (*PQsetNoticeProcessor)(PGconn *conn, PQnoticeProcessor proc, void *arg);
    PGresult *(*PQexec)(PGconn *conn, const char *query);
    PGresult *(*PQexecParams)(PGconn *conn, const char *command, int nParams, const Oid *paramTypes,
                              const char *const *paramValues, const int *paramLengths,
                              const int *paramFormats, int resultFormat);
    PGresult *(*PQgetResult)(PGconn *conn);
    int (*PQputCopyData)(PGconn *conn, const char *buffer, int nbytes);
    int (*PQputCopyEnd)(PGconn *conn, const char *errormsg);
    ExecStatusType (*PQresultStatus)(const PGresult *res);
    char *(*PQresultErrorMessage)(const PGresult *res);
    char *(*PQresultErrorField)(const PGresult *res, int fieldcode);
    int (*PQntuples)(const PGresult *res);
    int (*PQnfields)(const PGresult *res);
    char *(*PQfname)(const PGresult *res, int field_num);
    char *(*PQgetvalue)(const PGresult *res, int tup_num, int field_num);
    int (*PQgetisnull)(const PGresult *res, int tup_num, int field_num);
    void (*PQclear)(PGresult *res);
};

/// Loads libpq on the first call (thread-safe) and says why it could not be loaded (dlopen's or
/// dlsym's message), or NULL when it is. Call it before any function below: they assume it loaded.
const char *regctl_libpq_error(void);

// libpq's functions by their own names. Static inline, so that no symbol named PQ… is exported beside
// libpq's own.
const struct regctl_libpq *regctl_libpq_loaded(void);
static inline PGconn *PQconnectdb(const char *c) { return regctl_libpq_loaded()->PQconnectdb(c); }
static inline void PQfinish(PGconn *c) { regctl_libpq_loaded()->PQfinish(c); }
static inline ConnStatusType PQstatus(const PGconn *c) { return regctl_libpq_loaded()->PQstatus(c); }
static inline int PQserverVersion(const PGconn *c) { return regctl_libpq_loaded()->PQserverVersion(c); }
static inline char *PQerrorMessage(const PGconn *c) { return regctl_libpq_loaded()->PQerrorMessage(c); }
static inline PQnoticeProcessor PQsetNoticeProcessor(PGconn *c, PQnoticeProcessor p, void *arg) {
    return regctl_libpq_loaded()->PQsetNoticeProcessor(c, p, arg);
}
static inline PGresult *PQexec(PGconn *c, const char *q) { return regctl_libpq_loaded()->PQexec(c, q); }
static inline PGresult *PQexecParams(PGconn *c, const char *command, int n, const Oid *types,
                                     const char *const *values, const int *lengths, const int *formats,
                                     int resultFormat) {
    return regctl_libpq_loaded()->PQexecParams(c, command, n, types, values, lengths, formats, resultFormat);
}
static inline PGresult *PQgetResult(PGconn *c) { return regctl_libpq_loaded()->PQgetResult(c); }
static inline int PQputCopyData(PGconn *c, const char *b, int n) { return regctl_libpq_loaded()->PQputCopyData(c, b, n); }
static inline int PQputCopyEnd(PGconn *c, const char *e) { return regctl_libpq_loaded()->PQputCopyEnd(c, e); }
static inline ExecStatusType PQresultStatus(const PGresult *r) { return regctl_libpq_loaded()->PQresultStatus(r); }
static inline char *PQresultErrorMessage(const PGresult *r) { return regctl_libpq_loaded()->PQresultErrorMessage(r); }
static inline char *PQresultErrorField(const PGresult *r, int f) { return regctl_libpq_loaded()->PQresultErrorField(r, f); }
static inline int PQntuples(const PGresult *r) { return regctl_libpq_loaded()->PQntuples(r); }
static inline int PQnfields(const PGresult *r) { return regctl_libpq_loaded()->PQnfields(r); }
static inline char *PQfname(const PGresult *r, int i) { return regctl_libpq_loaded()->PQfname(r, i); }
static inline char *PQgetvalue(const PGresult *r, int t, int f) { return regctl_libpq_loaded()->PQgetvalue(r, t, f); }
static inline int PQgetisnull(const PGresult *r, int t, int f) { return regctl_libpq_loaded()->PQgetisnull(r, t, f); }
static inline void PQclear(PGresult *r) { regctl_libpq_loaded()->PQclear(r); }

#endif
