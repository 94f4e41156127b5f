#ifndef EFS_AUTOSCALER_CCRYPTO_SHIM_H
#define EFS_AUTOSCALER_CCRYPTO_SHIM_H
// Only the digests SigV4 needs: SHA-256 and HMAC-SHA-256.
#include <openssl/sha.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>

// OpenSSL 3's one-shot SHA256()/HMAC() look the algorithm up in the provider registry on every
// call (a fetch, a context allocation, locks), which costs more than hashing a signing request.
// The streaming SHA-256 functions hash straight into a plain struct, and that struct can be
// copied: an HMAC key's inner and outer states are computed once and copied per message.
// OpenSSL 3 marks these functions deprecated (in favour of EVP, for provider pluggability,
// which SigV4 does not need), so they are wrapped here with the warning silenced once.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
static inline void ccrypto_sha256_init(SHA256_CTX *context) { (void)SHA256_Init(context); }
static inline void ccrypto_sha256_update(SHA256_CTX *context, const void *bytes, size_t count) {
    (void)SHA256_Update(context, bytes, count);
}
static inline void ccrypto_sha256_final(SHA256_CTX *context, unsigned char *digest) {
    (void)SHA256_Final(digest, context);
}
#pragma GCC diagnostic pop
#endif
