// SPDX-License-Identifier: Apache-2.0
// WASI test program: arguments, environment, stdout/stderr formatting, stdin and the exit code.
// Usage: stdio [--stdin] [--exit N | --return N | --fail-write] ARGS...
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static void goodbye(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv) {
  atexit(goodbye);
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=[%s] (%zu bytes)\n", i, argv[i], strlen(argv[i]));
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  printf("getenv(GREETING)=%s getenv(MISSING)=%s\n", getenv("GREETING") ? getenv("GREETING") : "(null)",
         getenv("MISSING") ? getenv("MISSING") : "(null)");
  printf("ints %d %u %ld %lld %x %o %+05d\n", -42, 4000000000u, -1234567L, 9007199254740993LL, 48879, 8, 7);
  printf("floats %.3f %e %g %g %a\n", 3.14159265, 6.02214076e23, 0.0001, 1e100, 1.5);
  printf("text %-8s|%8s|%c %.2s\n", "left", "right", 'Z', "truncated");
  printf("utf8 h\xc3\xa9llo w\xc3\xb6rld \xe2\x9c\x93\n");
  fprintf(stderr, "to stderr: %d\n", 123);
  for (int i = 0; i < 2000; i++) printf("bulk %04d %s\n", i, "................................................");
  fputs("no newline at the end", stdout);
  fflush(stdout);
  write(2, "raw stderr\n", 11);

  int code = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--stdin")) {
      char buf[4096]; size_t n, total = 0; unsigned sum = 0;
      while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) { for (size_t k = 0; k < n; k++) sum = sum * 31 + (unsigned char)buf[k]; total += n; }
      printf("\nstdin: %zu bytes, hash %08x\n", total, sum);
    } else if (!strcmp(argv[i], "--exit") && i + 1 < argc) {
      fflush(stdout);
      exit(atoi(argv[i + 1]));
    } else if (!strcmp(argv[i], "--return") && i + 1 < argc) {
      code = atoi(argv[i + 1]);
    }
  }
  return code;
}
