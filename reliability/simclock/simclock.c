/*
 * simclock: an LD_PRELOAD shim that shifts a process's wall clock by SIMCLOCK_OFFSET seconds
 * (a decimal, may be negative or fractional). Test tooling for the reliability drivers.
 *
 * Why: the reconciler's clocks (lease expiry, cooldown, stabilization, drain timeout) run on the
 * wall clock, and a crashed run's lease blocks others until deadline + 30 s. The drivers start
 * each run of the real binary at a chosen simulated time ("the next scheduled invocation, five
 * minutes later") instead of sleeping through those minutes.
 *
 * Optional SIMCLOCK_RATE (default 1) and SIMCLOCK_ANCHOR (real Unix seconds, default 0) make
 * simulated time run faster: sim = real + offset at the anchor, then rate simulated seconds per
 * real second (reliability/world runs its whole AWS at the same rate so a day takes seconds).
 * With rate 1 the anchor does not matter and the shim is the plain offset it always was.
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
static long long anchor_ns;
static double rate = 1.0;
static int (*real_clock_gettime)(clockid_t, struct timespec *);

__attribute__((constructor)) static void simclock_init(void) {
    const char *text = getenv("SIMCLOCK_OFFSET");
    offset_ns = text ? (long long)(strtod(text, NULL) * 1e9) : 0;
    const char *rate_text = getenv("SIMCLOCK_RATE");
    rate = rate_text ? strtod(rate_text, NULL) : 1.0;
    if (!(rate > 0)) rate = 1.0;
    const char *anchor_text = getenv("SIMCLOCK_ANCHOR");
    anchor_ns = anchor_text ? (long long)(strtod(anchor_text, NULL) * 1e9) : 0;
    real_clock_gettime = (int (*)(clockid_t, struct timespec *))dlsym(RTLD_NEXT, "clock_gettime");
}

static void shift(struct timespec *ts) {
    long long real = (long long)ts->tv_sec * 1000000000LL + ts->tv_nsec;
    long long ns = real + offset_ns;
    if (rate != 1.0) ns = anchor_ns + offset_ns + (long long)((double)(real - anchor_ns) * rate);
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
