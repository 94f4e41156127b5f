#ifndef EFS_AUTOSCALER_CCURL_SHIM_H
#define EFS_AUTOSCALER_CCURL_SHIM_H
// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call.
// These typed inline wrappers are the only way the Swift code reaches them.
#include <curl/curl.h>

static inline CURLcode efs_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode efs_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode efs_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode efs_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode efs_curl_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode efs_curl_setopt_write_function(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode efs_curl_setopt_header_function(CURL *h, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline CURLcode efs_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode efs_curl_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode efs_curlm_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// CURL_GLOBAL_ALL is a macro expression Swift does not import.
static inline CURLcode efs_curl_global_init_all(void) { return curl_global_init(CURL_GLOBAL_ALL); }
// CURLMsg carries its result in an anonymous union; read it here rather than through Swift's union import.
static inline int efs_curlmsg_is_done(const CURLMsg *m) { return m->msg == CURLMSG_DONE; }
static inline CURLcode efs_curlmsg_result(const CURLMsg *m) { return m->data.result; }
#endif
