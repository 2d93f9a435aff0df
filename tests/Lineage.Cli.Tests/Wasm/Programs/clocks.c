// SPDX-License-Identifier: Apache-2.0
// WASI test program: clocks, sleeping and randomness. Prints only facts that hold on any correct host.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/random.h>

static long long ns(clockid_t clock) { struct timespec t; clock_gettime(clock, &t); return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
  struct timespec res;
  printf("realtime res ok: %s\n", clock_getres(CLOCK_REALTIME, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0) ? "yes" : "no");
  printf("monotonic res ok: %s\n", clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 ? "yes" : "no");
  long long wall = ns(CLOCK_REALTIME);
  time_t now = time(NULL);
  printf("realtime after 2020: %s\n", wall > 1577836800LL * 1000000000LL ? "yes" : "no");
  printf("time() agrees with clock_gettime: %s\n", (long long)now - wall / 1000000000LL <= 1 ? "yes" : "no");
  long long a = ns(CLOCK_MONOTONIC), b = ns(CLOCK_MONOTONIC);
  printf("monotonic does not go back: %s\n", b >= a ? "yes" : "no");
  long long before = ns(CLOCK_MONOTONIC);
  struct timespec nap = {0, 30 * 1000000};
  int slept = nanosleep(&nap, NULL);
  long long after = ns(CLOCK_MONOTONIC);
  printf("nanosleep 30 ms: %d, elapsed >= 30 ms: %s\n", slept, after - before >= 30000000LL ? "yes" : "no");
  before = ns(CLOCK_MONOTONIC);
  usleep(20000);
  printf("usleep 20 ms elapsed >= 20 ms: %s\n", ns(CLOCK_MONOTONIC) - before >= 20000000LL ? "yes" : "no");
  long long cpu = ns(CLOCK_PROCESS_CPUTIME_ID);
  printf("process cpu time readable: %s\n", cpu >= 0 ? "yes" : "no");

  uint8_t x[64], y[64];
  memset(x, 0, sizeof x); memset(y, 0, sizeof y);
  int gx = getentropy(x, sizeof x), gy = getentropy(y, sizeof y);
  int nonzero = 0; for (int i = 0; i < 64; i++) nonzero += x[i] != 0;
  printf("getentropy: %d %d, differ: %s, mostly nonzero: %s\n", gx, gy, memcmp(x, y, sizeof x) ? "yes" : "no", nonzero > 40 ? "yes" : "no");
  printf("arc4random differs: %s\n", arc4random() != arc4random() || arc4random() != arc4random() ? "yes" : "no");
  return 0;
}
