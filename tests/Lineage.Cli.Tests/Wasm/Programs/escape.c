// SPDX-License-Identifier: Apache-2.0
// WASI test program: tries to leave the directory mapped at /sandbox in every way a path can. The test prepares
// /sandbox with d/, link_in -> d, link_abs_dir -> /etc, link_abs_file -> /etc/passwd, link_rel_out -> ../outside.txt.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void result(const char *what, int r) {
  if (r < 0) printf("%s: %s\n", what, strerror(errno));
  else printf("%s: ok\n", what);
}

static int try_open(const char *path, int flags) {
  int fd = open(path, flags, 0644);
  if (fd >= 0) close(fd);
  return fd;
}

int main(void) {
  result("open ../outside.txt", try_open("/sandbox/../outside.txt", O_RDONLY));
  result("open d/../../outside.txt", try_open("/sandbox/d/../../outside.txt", O_RDONLY));
  result("open /etc/passwd", try_open("/etc/passwd", O_RDONLY));
  result("open link_abs_dir/passwd", try_open("/sandbox/link_abs_dir/passwd", O_RDONLY));
  result("open link_abs_file", try_open("/sandbox/link_abs_file", O_RDONLY));
  result("open link_rel_out", try_open("/sandbox/link_rel_out", O_RDONLY));
  result("create ../created.txt", try_open("/sandbox/../created.txt", O_CREAT | O_WRONLY));
  result("create new/../../created.txt", try_open("/sandbox/new/../../created.txt", O_CREAT | O_WRONLY));
  result("create link_abs_dir/created.txt", try_open("/sandbox/link_abs_dir/created.txt", O_CREAT | O_WRONLY));
  result("write through link_rel_out", try_open("/sandbox/link_rel_out", O_WRONLY | O_TRUNC));
  result("open link_in/../d (inside)", try_open("/sandbox/link_in/../d", O_RDONLY));
  result("open link_abs_file nofollow", try_open("/sandbox/link_abs_file", O_RDONLY | O_NOFOLLOW));
  result("mkdir ../escaped", mkdir("/sandbox/../escaped", 0755));
  result("rmdir the sandbox", rmdir("/sandbox"));
  result("rename d out", rename("/sandbox/d", "/sandbox/../moved"));
  result("unlink ../outside.txt", unlink("/sandbox/../outside.txt"));
  struct stat st;
  result("stat link_abs_file", stat("/sandbox/link_abs_file", &st));
  result("lstat link_abs_file", lstat("/sandbox/link_abs_file", &st));
  result("symlink to /etc", symlink("/etc", "/sandbox/made_abs"));
  result("symlink to ../..", symlink("../..", "/sandbox/made_rel"));
  result("symlink to d (inside)", symlink("d", "/sandbox/made_in"));
  result("opendir made_in", opendir("/sandbox/made_in") ? 0 : -1);
  result("opendir link_abs_dir", opendir("/sandbox/link_abs_dir") ? 0 : -1);
  return 0;
}
