// Generates the benchmark trees fast (one open/close per file, no writes).
//   gen_tree a DIR   1,000,000 files over ~10,000 directories, skewed sizes, depth <= 6
//   gen_tree b DIR   200,000 files in one directory (the original system's problem case)
//   gen_tree c DIR   100,000 files over 1,000 directories
//   gen_tree s DIR   a smaller skewed tree for the FUSE runs: 50,000 files over 500 dirs
//   gen_tree f DIR   10,000 files in one directory, for the FUSE runs
// Deterministic (fixed seed), so every run and every peer sees the same tree.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t state = 0x5eed;
static uint64_t next(void) {  // splitmix64
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void die(const char *what, const char *path) {
    fprintf(stderr, "gen_tree: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void make_dir(const char *path) {
    if (mkdir(path, 0755) != 0 && errno != EEXIST) die("mkdir", path);
}

static void make_files(const char *dir, long count) {
    char path[4096];
    for (long i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/file-%ld", dir, i);
        int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
        if (fd < 0) die("open", path);
        close(fd);
    }
}

// Skewed tree: `dirs` directories placed at random depths (<= max_depth) under random earlier
// directories; files distributed with a Pareto-like weight so a few directories hold most files.
static void skewed(const char *root, long files, long dirs, int max_depth) {
    char **paths = calloc(dirs, sizeof *paths);
    int *depth = calloc(dirs, sizeof *depth);
    double *weight = calloc(dirs, sizeof *weight);
    paths[0] = strdup(root);
    depth[0] = 0;
    make_dir(root);
    for (long i = 1; i < dirs; i++) {
        long parent;
        do { parent = (long)(next() % (uint64_t)i); } while (depth[parent] >= max_depth);
        char buf[4096];
        snprintf(buf, sizeof buf, "%s/dir-%ld", paths[parent], i);
        paths[i] = strdup(buf);
        depth[i] = depth[parent] + 1;
        make_dir(buf);
    }
    double total = 0;
    for (long i = 0; i < dirs; i++) {
        double u = ((next() >> 11) + 1) * (1.0 / 9007199254740992.0);
        weight[i] = 1.0 / (u * u);  // heavy tail
        if (weight[i] > 5000) weight[i] = 5000;  // no single directory above ~a few % of all files
        total += weight[i];
    }
    long placed = 0;
    for (long i = 0; i < dirs; i++) {
        long n = (i == dirs - 1) ? files - placed : (long)(files * weight[i] / total);
        if (n > files - placed) n = files - placed;
        make_files(paths[i], n);
        placed += n;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: gen_tree a|b|c|s|f DIR\n"); return 2; }
    const char *dir = argv[2];
    switch (argv[1][0]) {
    case 'a': skewed(dir, 1000000, 10000, 6); break;
    case 'b': make_dir(dir); make_files(dir, 200000); break;
    case 'c': {
        make_dir(dir);
        char path[4096];
        for (int i = 0; i < 1000; i++) {
            snprintf(path, sizeof path, "%s/dir-%d", dir, i);
            make_dir(path);
            make_files(path, 100);
        }
        break;
    }
    case 's': skewed(dir, 50000, 500, 6); break;
    case 'f': make_dir(dir); make_files(dir, 10000); break;
    default: fprintf(stderr, "gen_tree: unknown tree '%s'\n", argv[1]); return 2;
    }
    return 0;
}
