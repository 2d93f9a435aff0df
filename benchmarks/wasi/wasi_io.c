// SPDX-License-Identifier: Apache-2.0
// WASI-call-heavy workload for benchmarks/wasi/run.sh: N rounds of printf to stdout, and create / write / seek /
// read / stat / rename / readdir / unlink of small files in the directory mapped at /bench.
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 200;
  unsigned long check = 0;
  char name[64], other[64], buf[256];
  for (int r = 0; r < rounds; r++) {
    for (int i = 0; i < 50; i++) printf("round %d line %d of the benchmark output\n", r, i);
    for (int i = 0; i < 10; i++) {
      snprintf(name, sizeof name, "/bench/f%d.txt", i);
      snprintf(other, sizeof other, "/bench/g%d.txt", i);
      int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
      for (int k = 0; k < 8; k++) write(fd, "0123456789abcdef0123456789abcdef", 32);
      lseek(fd, 17, SEEK_SET);
      check += read(fd, buf, sizeof buf);
      close(fd);
      struct stat st;
      stat(name, &st);
      check += st.st_size;
      rename(name, other);
    }
    DIR *d = opendir("/bench");
    while (readdir(d)) check++;
    closedir(d);
    for (int i = 0; i < 10; i++) {
      snprintf(other, sizeof other, "/bench/g%d.txt", i);
      unlink(other);
    }
  }
  fprintf(stderr, "check %lu\n", check);
  return 0;
}
