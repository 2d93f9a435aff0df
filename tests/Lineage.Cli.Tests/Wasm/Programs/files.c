// SPDX-License-Identifier: Apache-2.0
// WASI test program: file I/O in the directory mapped at /sandbox (which holds input.txt and sub/ at start).
// Prints what it sees; the test compares the output and the resulting files with node:wasi.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void check(const char *what, int result) {
  if (result < 0) printf("%s: error %d %s\n", what, errno, strerror(errno));
  else printf("%s: ok\n", what);
}

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
  DIR *dir = opendir(path);
  if (!dir) { printf("opendir %s: error %d %s\n", path, errno, strerror(errno)); return; }
  char *names[256]; int n = 0; struct dirent *e;
  while ((e = readdir(dir)) && n < 256) {
    char buf[300];
    snprintf(buf, sizeof buf, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : "");
    names[n++] = strdup(buf);
  }
  closedir(dir);
  qsort(names, n, sizeof names[0], compare);
  printf("ls %s:", path);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

static void show(const char *path) {
  struct stat st;
  if (stat(path, &st) < 0) { printf("stat %s: error %d %s\n", path, errno, strerror(errno)); return; }
  time_t now = time(NULL);
  printf("stat %s: %s size=%lld recent=%s\n", path, S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other",
         S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size, llabs((long long)(now - st.st_mtime)) < 86400 ? "yes" : "no");
}

int main(void) {
  // Read the prepared input.
  FILE *in = fopen("/sandbox/input.txt", "r");
  char line[256];
  while (in && fgets(line, sizeof line, in)) printf("input: %s", line);
  if (in) fclose(in);

  // Create, write, read back.
  check("mkdir out", mkdir("/sandbox/out", 0755));
  check("mkdir out/deep", mkdir("/sandbox/out/deep", 0755));
  FILE *f = fopen("/sandbox/out/data.txt", "w");
  for (int i = 0; i < 100; i++) fprintf(f, "line %03d %s\n", i, i % 2 ? "odd" : "even");
  fclose(f);
  show("/sandbox/out/data.txt");
  f = fopen("/sandbox/out/data.txt", "r");
  fseek(f, 9 * 13, SEEK_SET);
  printf("ftell after fseek: %ld\n", ftell(f));
  fgets(line, sizeof line, f);
  printf("line at 117: %s", line);
  fseek(f, -13, SEEK_END);
  fgets(line, sizeof line, f);
  printf("last line: %s", line);
  fclose(f);

  // Descriptors: lseek, pread, pwrite, append, ftruncate.
  int fd = open("/sandbox/out/raw.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
  check("open raw", fd);
  check("write raw", (int)write(fd, "0123456789abcdef", 16));
  printf("lseek end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
  printf("lseek set 4: %lld\n", (long long)lseek(fd, 4, SEEK_SET));
  char buf[32] = {0};
  printf("read 4: %zd '%.4s'\n", read(fd, buf, 4), buf);
  printf("lseek cur: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  printf("pwrite at 10: %zd\n", pwrite(fd, "XY", 2, 10));
  memset(buf, 0, sizeof buf);
  printf("pread 16 at 0: %zd '%s'\n", pread(fd, buf, 16, 0), buf);
  printf("lseek cur after p-io: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
  check("ftruncate 12", ftruncate(fd, 12));
  printf("lseek end after truncate: %lld\n", (long long)lseek(fd, 0, SEEK_END));
  check("lseek negative", (int)lseek(fd, -100, SEEK_SET));
  close(fd);
  fd = open("/sandbox/out/raw.bin", O_WRONLY | O_APPEND);
  check("write append", (int)write(fd, "++", 2));
  check("read write-only fd", (int)read(fd, buf, 1));
  close(fd);
  fd = open("/sandbox/out/raw.bin", O_RDONLY);
  check("write read-only fd", (int)write(fd, "x", 1));
  memset(buf, 0, sizeof buf);
  printf("read back: %zd '%s'\n", read(fd, buf, sizeof buf - 1), buf);
  close(fd);
  show("/sandbox/out/raw.bin");

  // Errors.
  check("open missing", open("/sandbox/missing.txt", O_RDONLY));
  check("open excl existing", open("/sandbox/out/raw.bin", O_WRONLY | O_CREAT | O_EXCL, 0644));
  check("mkdir existing", mkdir("/sandbox/out", 0755));
  check("mkdir no parent", mkdir("/sandbox/nope/child", 0755));
  check("rmdir not empty", rmdir("/sandbox/out"));
  check("unlink dir", unlink("/sandbox/out/deep"));
  check("rmdir file", rmdir("/sandbox/out/raw.bin"));
  check("open dir for write", open("/sandbox/out", O_WRONLY));
  check("rename missing", rename("/sandbox/nothing", "/sandbox/other"));
  check("opendir file", opendir("/sandbox/input.txt") ? 0 : -1);
  check("open file as dir", open("/sandbox/input.txt", O_RDONLY | O_DIRECTORY));

  // Rename, unlink, rmdir.
  f = fopen("/sandbox/out/keep.txt", "w"); fputs("keep\n", f); fclose(f);
  f = fopen("/sandbox/out/replaced.txt", "w"); fputs("old\n", f); fclose(f);
  check("rename file", rename("/sandbox/out/keep.txt", "/sandbox/out/deep/kept.txt"));
  check("rename over file", rename("/sandbox/out/deep/kept.txt", "/sandbox/out/replaced.txt"));
  check("rename dir", rename("/sandbox/sub", "/sandbox/out/moved"));
  check("unlink data", unlink("/sandbox/out/data.txt"));
  check("rmdir deep", rmdir("/sandbox/out/deep"));
  list("/sandbox");
  list("/sandbox/out");
  list("/sandbox/out/moved");
  show("/sandbox/out");
  show("/sandbox/out/replaced.txt");
  show("/sandbox/out/data.txt");

  // Many entries, read in several fd_readdir calls.
  mkdir("/sandbox/many", 0755);
  for (int i = 0; i < 60; i++) {
    char name[64]; snprintf(name, sizeof name, "/sandbox/many/a-rather-long-file-name-number-%02d.txt", i);
    close(open(name, O_CREAT | O_WRONLY, 0644));
  }
  DIR *dir = opendir("/sandbox/many"); int count = 0;
  while (readdir(dir)) count++;
  closedir(dir);
  printf("many: %d entries\n", count);
  return 0;
}
