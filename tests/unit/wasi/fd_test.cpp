// fd_* functions: I/O with iovecs, seeking, metadata, rights and the table.
#include <fcntl.h>
#include <sys/stat.h>

#include "harness.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using namespace preview1;

TEST(WasiFdIo, WritesGatherAndReadsScatter) {
  WasiHarness h;
  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd, oflag::Creat));
  auto c = h.call();
  h.put(kBuf, "hello ");
  h.put(kBuf + 100, "world");
  h.iovec(0, kBuf, 6);
  h.iovec(1, kBuf + 100, 5);
  ASSERT_EQ(Errno::Success, fd_write(c, fd, kIovecs, 2, kResult));
  EXPECT_EQ(11u, h.u32(kResult));
  EXPECT_EQ("hello world", h.tree.read("root/f.txt"));

  // pread into two buffers; the file position (11) is unchanged.
  h.iovec(0, kBuf + 200, 3);
  h.iovec(1, kBuf + 300, 100);
  ASSERT_EQ(Errno::Success, fd_pread(c, fd, kIovecs, 2, 2, kResult));
  EXPECT_EQ(9u, h.u32(kResult));
  EXPECT_EQ("llo", h.get(kBuf + 200, 3));
  EXPECT_EQ("world", h.get(kBuf + 300 + 1, 5));
  ASSERT_EQ(Errno::Success, fd_tell(c, fd, kResult));
  EXPECT_EQ(11u, h.u64(kResult));

  h.iovec(0, kBuf, 1);
  h.put(kBuf, "J");
  ASSERT_EQ(Errno::Success, fd_pwrite(c, fd, kIovecs, 1, 6, kResult));
  EXPECT_EQ("hello Jorld", h.tree.read("root/f.txt"));

  ASSERT_EQ(Errno::Success, fd_seek(c, fd, static_cast<uint64_t>(-5), 1, kResult));  // Cur - 5
  EXPECT_EQ(6u, h.u64(kResult));
  std::string got;
  ASSERT_EQ(Errno::Success, h.read(fd, got));
  EXPECT_EQ("Jorld", got);
  ASSERT_EQ(Errno::Success, fd_seek(c, fd, 0, 2, kResult));
  EXPECT_EQ(11u, h.u64(kResult));
  EXPECT_EQ(Errno::Inval, fd_seek(c, fd, 0, 3, kResult));
  EXPECT_EQ(Errno::Inval, fd_seek(c, fd, static_cast<uint64_t>(-100), 0, kResult));
  EXPECT_EQ(Errno::Inval, fd_pread(c, fd, kIovecs, 1, 1ull << 63, kResult));
}

TEST(WasiFdIo, RejectsBadDescriptorsAndPointers) {
  WasiHarness h;
  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd, oflag::Creat));
  auto c = h.call();
  EXPECT_EQ(Errno::Badf, h.write(77, "x"));
  h.iovec(0, kMemSize - 4, 5);  // one byte past the end
  EXPECT_EQ(Errno::Fault, fd_write(c, fd, kIovecs, 1, kResult));
  h.iovec(0, 0xFFFFFFF0u, 0x20);  // buf + len wraps in 32 bits
  EXPECT_EQ(Errno::Fault, fd_read(c, fd, kIovecs, 1, kResult));
  EXPECT_EQ(Errno::Fault, fd_write(c, fd, kMemSize - 8, 2, kResult));        // the iovec array itself
  EXPECT_EQ(Errno::Fault, fd_write(c, fd, kIovecs, 0x20000000u, kResult));   // count * 8 overflows 32 bits
  h.iovec(0, kBuf, 1);
  EXPECT_EQ(Errno::Fault, fd_write(c, fd, kIovecs, 1, kMemSize - 3));
  EXPECT_EQ("", h.tree.read("root/f.txt"));  // nothing was written by the failed calls
  EXPECT_EQ(Errno::Success, fd_write(c, fd, kIovecs, 0, kResult));
  EXPECT_EQ(0u, h.u32(kResult));
}

TEST(WasiFdIo, StdioGoesToTheConfiguredDescriptors) {
  int out[2], in[2];
  ASSERT_EQ(0, ::pipe(out));
  ASSERT_EQ(0, ::pipe(in));
  Config config;
  config.stdoutStream = wasmcap::wasi::Stdio::hostFd(out[1]);
  config.stdinStream = wasmcap::wasi::Stdio::hostFd(in[0]);
  WasiHarness h(config);
  ASSERT_EQ(Errno::Success, h.write(1, "to stdout"));
  char buf[32] = {};
  ASSERT_EQ(9, ::read(out[0], buf, sizeof buf));
  EXPECT_STREQ("to stdout", buf);
  ASSERT_EQ(3, ::write(in[1], "abc", 3));
  std::string got;
  ASSERT_EQ(Errno::Success, h.read(0, got));
  EXPECT_EQ("abc", got);
  auto c = h.call();
  EXPECT_EQ(Errno::NotCapable, fd_seek(c, 1, 1, 0, kResult));  // a pipe holds no seek right
  EXPECT_EQ(Errno::NotCapable, h.read(1, got));               // stdout is not readable here
  for (int fd : {out[0], out[1], in[0], in[1]}) ::close(fd);
}

TEST(WasiFdMeta, FdstatAndRights) {
  WasiHarness h;
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_fdstat_get(c, 3, kResult));
  EXPECT_EQ(static_cast<uint8_t>(FileType::Directory), h.u8(kResult));
  EXPECT_EQ(right::DirectoryBase, h.u64(kResult + 8));
  EXPECT_EQ(right::DirectoryInheriting, h.u64(kResult + 16));
  EXPECT_EQ(Errno::Badf, fd_fdstat_get(c, 99, kResult));
  EXPECT_EQ(Errno::Fault, fd_fdstat_get(c, 3, kMemSize - 8));

  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd, oflag::Creat, right::FdRead | right::FdWrite | right::FdSeek, 0));
  ASSERT_EQ(Errno::Success, fd_fdstat_get(c, fd, kResult));
  EXPECT_EQ(static_cast<uint8_t>(FileType::RegularFile), h.u8(kResult));
  EXPECT_EQ(right::FdRead | right::FdWrite | right::FdSeek, h.u64(kResult + 8));
  // Dropping is allowed, regaining is not.
  ASSERT_EQ(Errno::Success, fd_fdstat_set_rights(c, fd, right::FdRead, 0));
  EXPECT_EQ(Errno::NotCapable, h.write(fd, "x"));
  EXPECT_EQ(Errno::NotCapable, fd_fdstat_set_rights(c, fd, right::FdRead | right::FdWrite, 0));
  EXPECT_EQ(Errno::NotCapable, fd_tell(c, fd, kResult));
}

TEST(WasiFdMeta, FlagsAppendAndSyncs) {
  WasiHarness h;
  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd, oflag::Creat));
  auto c = h.call();
  ASSERT_EQ(Errno::Success, h.write(fd, "abc"));
  ASSERT_EQ(Errno::Success, fd_seek(c, fd, 0, 0, kResult));
  ASSERT_EQ(Errno::Success, fd_fdstat_set_flags(c, fd, fdflag::Append));
  ASSERT_EQ(Errno::Success, fd_fdstat_get(c, fd, kResult));
  EXPECT_EQ(fdflag::Append, h.u16(kResult + 2));
  ASSERT_EQ(Errno::Success, h.write(fd, "de"));
  EXPECT_EQ("abcde", h.tree.read("root/f.txt"));
  EXPECT_EQ(Errno::Inval, fd_fdstat_set_flags(c, fd, 0x100));
  EXPECT_EQ(Errno::Success, fd_sync(c, fd));
  EXPECT_EQ(Errno::Success, fd_datasync(c, fd));
  EXPECT_EQ(Errno::Success, fd_advise(c, fd, 0, 0, static_cast<uint32_t>(Advice::Sequential)));
  EXPECT_EQ(Errno::Inval, fd_advise(c, fd, 0, 0, 6));
}

TEST(WasiFdMeta, FilestatSizeTimesAllocate) {
  WasiHarness h;
  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd, oflag::Creat));
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_filestat_set_size(c, fd, 1000));
  ASSERT_EQ(Errno::Success, fd_filestat_get(c, fd, kResult));
  struct stat st;
  ASSERT_EQ(0, ::stat(h.tree.path("root/f.txt").c_str(), &st));
  EXPECT_EQ(static_cast<uint64_t>(st.st_ino), h.u64(kResult + 8));
  EXPECT_EQ(static_cast<uint8_t>(FileType::RegularFile), h.u8(kResult + 16));
  EXPECT_EQ(1u, h.u64(kResult + 24));
  EXPECT_EQ(1000u, h.u64(kResult + 32));
  ASSERT_EQ(Errno::Success, fd_allocate(c, fd, 1000, 1000));
  EXPECT_EQ(2000, std::filesystem::file_size(h.tree.path("root/f.txt")));
  EXPECT_EQ(Errno::Inval, fd_filestat_set_size(c, fd, 1ull << 63));
  EXPECT_EQ(Errno::Inval, fd_allocate(c, fd, 1ull << 62, 1ull << 62));

  const uint64_t t = 1'000'000'000ull * 1'600'000'000ull + 123;
  ASSERT_EQ(Errno::Success, fd_filestat_set_times(c, fd, t, t + 1000, fstflag::Atim | fstflag::Mtim));
  ASSERT_EQ(0, ::stat(h.tree.path("root/f.txt").c_str(), &st));
  EXPECT_EQ(1'600'000'000, st.st_atim.tv_sec);
  EXPECT_EQ(123, st.st_atim.tv_nsec);
  EXPECT_EQ(1123, st.st_mtim.tv_nsec);
  EXPECT_EQ(Errno::Inval, fd_filestat_set_times(c, fd, 0, 0, fstflag::Atim | fstflag::AtimNow));
  EXPECT_EQ(Errno::Inval, fd_filestat_set_times(c, fd, 0, 0, 0x10));
  ASSERT_EQ(Errno::Success, fd_filestat_set_times(c, fd, 0, 0, fstflag::MtimNow));
  ASSERT_EQ(0, ::stat(h.tree.path("root/f.txt").c_str(), &st));
  EXPECT_EQ(1'600'000'000, st.st_atim.tv_sec);  // untouched
  EXPECT_GT(st.st_mtim.tv_sec, 1'600'000'000);
}

TEST(WasiFdMeta, PrestatCloseRenumber) {
  Config config;
  WasiHarness h(config);
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_prestat_get(c, 3, kResult));
  EXPECT_EQ(0u, h.u8(kResult));
  EXPECT_EQ(1u, h.u32(kResult + 4));
  EXPECT_EQ(Errno::NameTooLong, fd_prestat_dir_name(c, 3, kBuf, 0));
  ASSERT_EQ(Errno::Success, fd_prestat_dir_name(c, 3, kBuf, 10));
  EXPECT_EQ("/", h.get(kBuf, 1));
  EXPECT_EQ(Errno::Badf, fd_prestat_get(c, 1, kResult));   // stdio is not a preopen
  EXPECT_EQ(Errno::Badf, fd_prestat_get(c, 4, kResult));

  Fd a = 0, b = 0;
  ASSERT_EQ(Errno::Success, h.open("a.txt", a, oflag::Creat));
  ASSERT_EQ(Errno::Success, h.open("b.txt", b, oflag::Creat));
  ASSERT_EQ(Errno::Success, h.write(a, "A"));
  ASSERT_EQ(Errno::Success, fd_renumber(c, a, b));
  EXPECT_EQ(Errno::Badf, h.write(a, "x"));
  ASSERT_EQ(Errno::Success, h.write(b, "B"));
  EXPECT_EQ("AB", h.tree.read("root/a.txt"));
  EXPECT_EQ("", h.tree.read("root/b.txt"));
  EXPECT_EQ(Errno::Badf, fd_renumber(c, b, 50));
  EXPECT_EQ(Errno::Success, fd_close(c, b));
  EXPECT_EQ(Errno::Badf, fd_close(c, b));
}

TEST(WasiFdMeta, RunningOutOfDescriptorsIsReported) {
  Config config;
  config.maxOpenFds = 6;  // stdio + root + 2
  WasiHarness h(config);
  Fd fd = 0;
  h.tree.write("root/f.txt", "");
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd));
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd));
  EXPECT_EQ(Errno::Nfile, h.open("f.txt", fd));
  auto c = h.call();
  ASSERT_EQ(Errno::Success, fd_close(c, fd));
  EXPECT_EQ(Errno::Success, h.open("f.txt", fd));
}

}  // namespace
}  // namespace wasmcap::wasi
