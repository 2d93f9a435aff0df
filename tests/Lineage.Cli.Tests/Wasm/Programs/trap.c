// SPDX-License-Identifier: Apache-2.0
// WASI test program for the CLI's error reporting: "abort" traps (unreachable), "spin" never ends,
// "exit N" exits with N from deep inside; anything else returns 0. Each prints a line first.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void nested(int depth, int code) {
  if (depth == 0) exit(code);
  nested(depth - 1, code);
}

int main(int argc, char **argv) {
  printf("started\n");
  fflush(stdout);
  if (argc > 1 && !strcmp(argv[1], "abort")) abort();
  if (argc > 1 && !strcmp(argv[1], "spin")) {
    volatile unsigned long n = 0;
    for (;;) n++;
  }
  if (argc > 2 && !strcmp(argv[1], "exit")) nested(50, atoi(argv[2]));
  return 0;
}
