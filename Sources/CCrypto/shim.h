#ifndef EFS_AUTOSCALER_CCRYPTO_SHIM_H
#define EFS_AUTOSCALER_CCRYPTO_SHIM_H
// Only the digests SigV4 needs: SHA-256 and HMAC-SHA-256, through OpenSSL's one-shot APIs.
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#endif
