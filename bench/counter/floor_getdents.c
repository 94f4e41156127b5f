// The single-thread floor: a recursive getdents64 walk with one 256 KiB buffer, d_type only
// (lstat on DT_UNKNOWN), openat relative to the parent, no threads. Prints the regular-file count.
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

enum { BUFFER = 256 * 1024, T_UNKNOWN = 0, T_DIR = 4, T_REG = 8 };
static char buffer[BUFFER];
static long files;

static void walk(int fd) {
    // Subdirectory names are collected, then walked after the listing, so one buffer serves all.
    size_t cap = 4096, used = 0;
    char *names = malloc(cap);
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buffer, BUFFER);
        if (n <= 0) break;
        for (long off = 0; off < n;) {
            struct linux_dirent64 *d = (struct linux_dirent64 *)(buffer + off);
            off += d->d_reclen;
            const char *name = d->d_name;
            if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
            unsigned char type = d->d_type;
            if (type == T_UNKNOWN) {
                struct stat st;
                if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
                type = S_ISREG(st.st_mode) ? T_REG : S_ISDIR(st.st_mode) ? T_DIR : 1;
            }
            if (type == T_REG) files++;
            else if (type == T_DIR) {
                size_t len = strlen(name) + 1;
                if (used + len > cap) { cap = 2 * (used + len); names = realloc(names, cap); }
                memcpy(names + used, name, len);
                used += len;
            }
        }
    }
    for (size_t at = 0; at < used; at += strlen(names + at) + 1) {
        int child = openat(fd, names + at, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child >= 0) { walk(child); close(child); }
    }
    free(names);
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: floor_getdents DIR\n"); return 2; }
    int fd = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) { perror(argv[1]); return 1; }
    walk(fd);
    printf("%ld\n", files);
    return 0;
}
