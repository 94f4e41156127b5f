// An EFS-like file system for the benchmark: a read-only passthrough of SOURCE that sleeps
// LATENCY_US (default 1000) in every getattr (which also serves the kernel's LOOKUP), opendir and
// readdir, and serves requests on many threads, so that requests in flight is what makes a walk
// fast, as on NFS. Mount with the kernel caches off:
//   latency_fs SOURCE MOUNTPOINT -f -o attr_timeout=0,entry_timeout=0,negative_timeout=0,max_threads=256
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *source;
static long latency_us = 1000;

static void delay(void) {
    struct timespec ts = {latency_us / 1000000, (latency_us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static void real_path(char *out, const char *path) { snprintf(out, PATH_MAX, "%s%s", source, path); }

static int fs_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
    (void)fi;
    char real[PATH_MAX];
    real_path(real, path);
    delay();
    return lstat(real, st) == 0 ? 0 : -errno;
}

static int fs_opendir(const char *path, struct fuse_file_info *fi) {
    char real[PATH_MAX];
    real_path(real, path);
    delay();
    DIR *dir = opendir(real);
    if (!dir) return -errno;
    fi->fh = (uintptr_t)dir;
    return 0;
}

static int fs_readdir(const char *path, void *buf, fuse_fill_dir_t filler, off_t offset,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
    (void)path; (void)flags;
    DIR *dir = (DIR *)(uintptr_t)fi->fh;
    delay();  // one round trip per kernel READDIR request (a page of entries)
    seekdir(dir, offset);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        struct stat st;
        memset(&st, 0, sizeof st);
        st.st_ino = entry->d_ino;
        st.st_mode = DTTOIF(entry->d_type);
        if (filler(buf, entry->d_name, &st, telldir(dir), 0)) break;
    }
    return 0;
}

static int fs_releasedir(const char *path, struct fuse_file_info *fi) {
    (void)path;
    closedir((DIR *)(uintptr_t)fi->fh);
    return 0;
}

static int fs_open(const char *path, struct fuse_file_info *fi) {
    (void)path; (void)fi;
    return -EACCES;  // the benchmark never reads files
}

static void *fs_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
    (void)conn;
    cfg->use_ino = 1;
    cfg->readdir_ino = 1;
    return NULL;
}

static const struct fuse_operations operations = {
    .init = fs_init,
    .getattr = fs_getattr,
    .opendir = fs_opendir,
    .readdir = fs_readdir,
    .releasedir = fs_releasedir,
    .open = fs_open,
};

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: LATENCY_US=1000 latency_fs SOURCE MOUNTPOINT [fuse options]\n");
        return 2;
    }
    source = realpath(argv[1], NULL);
    if (!source) { perror(argv[1]); return 1; }
    const char *latency = getenv("LATENCY_US");
    if (latency) latency_us = atol(latency);
    argv[1] = argv[0];  // fuse_main sees: prog MOUNTPOINT [options]
    return fuse_main(argc - 1, argv + 1, &operations, NULL);
}
