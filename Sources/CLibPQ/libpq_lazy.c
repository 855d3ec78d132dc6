#include "libpq_lazy.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static struct regctl_libpq api;
static const struct regctl_libpq *loaded;
static char error[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // libpq.so.5 is the run-time library's name on every distribution (Debian: libpq5); the
    // unversioned name exists only with the development package.
    void *h = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(error, sizeof error, "%s", why ? why : "libpq.so.5: not found");
        return;
    }
#define RESOLVE(name)                                                                   \
    do {                                                                                \
        *(void **)(&api.name) = dlsym(h, #name);                                        \
        if (!api.name) {                                                                \
            snprintf(error, sizeof error, "libpq.so.5 has no %s (libpq too old?)", #name); \
            return;                                                                     \
        }                                                                               \
    } while (0)
    RESOLVE(PQconnectdb);
    RESOLVE(PQfinish);
    RESOLVE(PQstatus);
    RESOLVE(PQserverVersion);
    RESOLVE(PQerrorMessage);
    RESOLVE(PQsetNoticeProcessor);
    RESOLVE(PQexec);
    RESOLVE(PQexecParams);
    RESOLVE(PQgetResult);
    RESOLVE(PQputCopyData);
    RESOLVE(PQputCopyEnd);
    RESOLVE(PQresultStatus);
    RESOLVE(PQresultErrorMessage);
    RESOLVE(PQresultErrorField);
    RESOLVE(PQntuples);
    RESOLVE(PQnfields);
    RESOLVE(PQfname);
    RESOLVE(PQgetvalue);
    RESOLVE(PQgetisnull);
    RESOLVE(PQclear);
#undef RESOLVE
    loaded = &api;
}

const char *regctl_libpq_error(void) {
    pthread_once(&once, load);
    return loaded ? NULL : error;
}

const struct regctl_libpq *regctl_libpq_loaded(void) {
    pthread_once(&once, load);
    // Every caller went through a Connection, which checked regctl_libpq_error first.
    if (!loaded) abort();
    return loaded;
}
