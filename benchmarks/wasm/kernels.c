/* SPDX-License-Identifier: Apache-2.0
 * Compute kernels for comparing Lineage.Wasm with V8 on the same .wasm. The kernel bodies follow the team's
 * recipe in ../shared/docs/reference/wasm-runtime.md §11.7; here they are exported as `bench(kernel, scale)`
 * (a WASI reactor) so both hosts time the same export call and no printf/clock import is involved. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static uint64_t k_fib(int s) { return fib(30 + s); }

static uint64_t k_sieve(int s) {
  int n = 8000000 * s; uint8_t *p = malloc(n + 1); uint64_t c = 0;
  for (int r = 0; r < 3; r++) {
    memset(p, 1, n + 1); p[0] = p[1] = 0;
    for (int i = 2; (int64_t)i * i <= n; i++) if (p[i]) for (int j = i * i; j <= n; j += i) p[j] = 0;
    c = 0; for (int i = 0; i <= n; i++) c += p[i];
  }
  free(p); return c;
}

static uint64_t k_matmul(int s) {
  int n = 200 + 40 * s; double *a = malloc(8 * n * n), *b = malloc(8 * n * n), *c = malloc(8 * n * n);
  for (int i = 0; i < n * n; i++) { a[i] = (i % 7) * 0.5; b[i] = (i % 5) * 0.25; c[i] = 0; }
  for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) { double x = a[i * n + k]; for (int j = 0; j < n; j++) c[i * n + j] += x * b[k * n + j]; }
  double t = 0; for (int i = 0; i < n * n; i++) t += c[i];
  free(a); free(b); free(c); return (uint64_t)t;
}

typedef struct { double x, y, z, vx, vy, vz, m; } body;
static uint64_t k_nbody(int s) {
  body b[5] = {{0, 0, 0, 0, 0, 0, 39.47}, {4.84, -1.16, -0.10, 0.60, 2.81, -0.02, 0.037},
               {8.34, 4.12, -0.4, -1.01, 1.82, 0.008, 0.011}, {12.89, -15.11, -0.22, 1.08, 0.86, -0.01, 0.0017},
               {15.37, -25.9, 0.17, 0.97, 0.59, -0.03, 0.002}};
  int steps = 1000000 * s; double dt = 0.01;
  for (int st = 0; st < steps; st++) {
    for (int i = 0; i < 5; i++) for (int j = i + 1; j < 5; j++) {
      double dx = b[i].x - b[j].x, dy = b[i].y - b[j].y, dz = b[i].z - b[j].z;
      double d2 = dx * dx + dy * dy + dz * dz; double mag = dt / (d2 * sqrt(d2));
      b[i].vx -= dx * b[j].m * mag; b[i].vy -= dy * b[j].m * mag; b[i].vz -= dz * b[j].m * mag;
      b[j].vx += dx * b[i].m * mag; b[j].vy += dy * b[i].m * mag; b[j].vz += dz * b[i].m * mag;
    }
    for (int i = 0; i < 5; i++) { b[i].x += dt * b[i].vx; b[i].y += dt * b[i].vy; b[i].z += dt * b[i].vz; }
  }
  return (uint64_t)(fabs(b[0].x) * 1e6);
}

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static uint64_t k_sha(int s) {
  /* the 64 standard SHA-256 round constants (FIPS 180-4) */
  static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
    0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
    0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
    0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  int n = (16 << 20) * s; uint8_t *d = malloc(n); for (int i = 0; i < n; i++) d[i] = (uint8_t)(i * 31 + 7);
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  for (int off = 0; off + 64 <= n; off += 64) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)d[off + 4 * i] << 24 | (uint32_t)d[off + 4 * i + 1] << 16 | (uint32_t)d[off + 4 * i + 2] << 8 | d[off + 4 * i + 3];
    for (int i = 16; i < 64; i++) {
      uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3), s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], dd = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
      uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25), ch = (e & f) ^ (~e & g), t1 = hh + S1 + ch + K[i] + w[i];
      uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22), mj = (a & b) ^ (a & c) ^ (b & c), t2 = S0 + mj;
      hh = g; g = f; f = e; e = dd + t1; dd = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += dd; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  free(d); return h[0] ^ h[7];
}

static int cmp(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
typedef int (*cmpf)(const void *, const void *);
static void qs(int *v, int lo, int hi, cmpf c) {
  while (lo < hi) {
    int p = v[(lo + hi) / 2], i = lo, j = hi;
    while (i <= j) { while (c(&v[i], &p) < 0) i++; while (c(&v[j], &p) > 0) j--; if (i <= j) { int t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; } }
    if (j - lo < hi - i) { qs(v, lo, j, c); lo = i; } else { qs(v, i, hi, c); hi = j; }
  }
}
static cmpf volatile CMP = cmp;
static uint64_t k_qsort(int s) {
  int n = 1000000 * s; int *v = malloc(4 * n); uint32_t r = 12345;
  for (int i = 0; i < n; i++) { r = r * 1103515245 + 12345; v[i] = (int)(r >> 1); }
  qs(v, 0, n - 1, CMP); uint64_t c = 0; for (int i = 0; i < n; i += 1000) c += v[i];
  free(v); return c;
}

typedef struct node { struct node *l, *r; } node;
static node *mk(int d) { node *n = malloc(sizeof(node)); if (d > 0) { n->l = mk(d - 1); n->r = mk(d - 1); } else n->l = n->r = 0; return n; }
static int chk(node *n) { int c = 1; if (n->l) { c += chk(n->l) + chk(n->r); } free(n); return c; }
static uint64_t k_trees(int s) { uint64_t c = 0; for (int i = 0; i < 20 * s; i++) c += chk(mk(18)); return c; }

static uint64_t k_memops(int s) {
  int n = 1 << 24; uint8_t *a = malloc(n), *b = malloc(n); uint64_t c = 0;
  for (int r = 0; r < 60 * s; r++) { memset(a, r, n); memcpy(b, a, n); memmove(b + 1, b, n - 1); c += b[r * 1000]; }
  free(a); free(b); return c;
}

static uint64_t k_mandel(int s) {
  int w = 1200, h = 1200 * s; uint64_t c = 0;
  for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
    double cr = 2.0 * x / w - 1.5, ci = 2.0 * y / h - 1.0, zr = 0, zi = 0; int i = 0;
    for (; i < 100 && zr * zr + zi * zi < 4.0; i++) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; }
    c += i;
  }
  return c;
}

typedef uint64_t (*kernel)(int);
static const kernel KERNELS[] = {k_fib, k_sieve, k_matmul, k_nbody, k_sha, k_qsort, k_trees, k_memops, k_mandel};

__attribute__((export_name("kernel_count"))) int kernel_count(void) { return sizeof KERNELS / sizeof KERNELS[0]; }

/* Runs kernel `index` at `scale` and returns its checksum (the same on every correct engine). */
__attribute__((export_name("bench"))) uint64_t bench(int index, int scale) {
  if (index < 0 || index >= kernel_count()) return 0;
  return KERNELS[index](scale);
}
