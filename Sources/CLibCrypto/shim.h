#ifndef REGCTL_CLIBCRYPTO_SHIM_H
#define REGCTL_CLIBCRYPTO_SHIM_H
// OpenSSL's EVP digests: the SHA-256 of every filing is its identity in the registry.
#include <openssl/evp.h>
#endif
