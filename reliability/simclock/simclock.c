/*
 * simclock: an LD_PRELOAD shim that shifts a process's wall clock by SIMCLOCK_OFFSET seconds
 * (a decimal, may be negative or fractional). Test tooling for the reliability drivers.
 *
 * Why: the reconciler's clocks (lease expiry, cooldown, stabilization, drain timeout) run on the
 * wall clock, and a crashed run's lease blocks others until deadline + 30 s. The drivers start
 * each run of the real binary at a chosen simulated time ("the next scheduled invocation, five
 * minutes later") instead of sleeping through those minutes.
 *
 * Only the wall clock moves: CLOCK_REALTIME (and its coarse/alarm variants), gettimeofday and
 * time. CLOCK_MONOTONIC and CLOCK_BOOTTIME are untouched, so libcurl's timeouts, Task.sleep
 * and poll intervals keep real durations. libfaketime does the same but hides argv from the
 * Swift runtime (CommandLine.arguments comes back empty under it), hence this shim.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

static long long offset_ns;
static int (*real_clock_gettime)(clockid_t, struct timespec *);

__attribute__((constructor)) static void simclock_init(void) {
    const char *text = getenv("SIMCLOCK_OFFSET");
    offset_ns = text ? (long long)(strtod(text, NULL) * 1e9) : 0;
    real_clock_gettime = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
}

static void shift(struct timespec *ts) {
    long long ns = (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec + offset_ns;
    ts->tv_sec = ns / 1000000000LL;
    ts->tv_nsec = ns % 1000000000LL;
    if (ts->tv_nsec < 0) {
        ts->tv_nsec += 1000000000LL;
        ts->tv_sec -= 1;
    }
}

int clock_gettime(clockid_t clock, struct timespec *ts) {
    if (!real_clock_gettime) simclock_init();
    int rc = real_clock_gettime(clock, ts);
    if (rc == 0 && (clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_REALTIME_ALARM)) {
        shift(ts);
    }
    return rc;
}

int gettimeofday(struct timeval *tv, void *tz) {
    (void)tz;
    struct timespec ts;
    int rc = clock_gettime(CLOCK_REALTIME, &ts);
    if (rc == 0) {
        tv->tv_sec = ts.tv_sec;
        tv->tv_usec = ts.tv_nsec / 1000;
    }
    return rc;
}

time_t time(time_t *out) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (out) *out = ts.tv_sec;
    return ts.tv_sec;
}
