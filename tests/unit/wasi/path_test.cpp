// path_* functions, their confinement beneath the directory fd and the
// read-only preopen.
#include <sys/stat.h>

#include "harness.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using namespace preview1;

class WasiPath : public ::testing::TestWithParam<ResolverKind> {
 protected:
  void SetUp() override {
    if (GetParam() == ResolverKind::Openat2 && !openat2Available()) GTEST_SKIP() << "no openat2 on this kernel";
    Config config;
    config.pathResolution = wasmcap::wasi::pathResolutionOf(GetParam());
    h = std::make_unique<WasiHarness>(config);
    h->tree.write("root/file.txt", "inside");
    h->tree.mkdir("root/dir");
    h->tree.symlink("../outside/secret.txt", "root/out_link");
    h->tree.symlink(h->tree.path("outside"), "root/abs_link");
    h->tree.symlink("file.txt", "root/in_link");
    before = h->tree.snapshot("outside");
  }
  void TearDown() override {
    if (h) {
      EXPECT_EQ(before, h->tree.snapshot("outside")) << "something outside the root changed";
    }
  }
  // Calls fn(call, 3, path1, len1, 3, path2, len2)-shaped two-path functions.
  Errno twoPaths(Errno (*fn)(Call&, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t),
                 std::string_view a, std::string_view b) {
    auto c = h->call();
    return fn(c, 3, kPath, h->put(kPath, a), 3, kPath2, h->put(kPath2, b));
  }
  Errno link(std::string_view a, std::string_view b, uint32_t flags = 0) {
    auto c = h->call();
    return path_link(c, 3, flags, kPath, h->put(kPath, a), 3, kPath2, h->put(kPath2, b));
  }
  Errno symlink(std::string_view target, std::string_view at) {
    auto c = h->call();
    return path_symlink(c, kPath, h->put(kPath, target), 3, kPath2, h->put(kPath2, at));
  }
  Errno stat(std::string_view p, uint32_t flags) {
    auto c = h->call();
    return path_filestat_get(c, 3, flags, kPath, h->put(kPath, p), kResult);
  }

  std::unique_ptr<WasiHarness> h;
  std::map<std::string, std::string> before;
};

TEST_P(WasiPath, CreateRemoveDirectories) {
  EXPECT_EQ(Errno::Success, h->onPath(path_create_directory, "new"));
  EXPECT_EQ(Errno::Success, h->onPath(path_create_directory, "new/sub/"));
  EXPECT_TRUE(h->tree.exists("root/new/sub"));
  EXPECT_EQ(Errno::Exist, h->onPath(path_create_directory, "new"));
  EXPECT_EQ(Errno::NoEnt, h->onPath(path_create_directory, "missing/x"));
  EXPECT_EQ(Errno::NotEmpty, h->onPath(path_remove_directory, "new"));
  EXPECT_EQ(Errno::Success, h->onPath(path_remove_directory, "new/sub/"));
  EXPECT_EQ(Errno::NotDir, h->onPath(path_remove_directory, "file.txt"));
  EXPECT_EQ(Errno::Success, h->onPath(path_remove_directory, "new"));
  EXPECT_FALSE(h->tree.exists("root/new"));
}

TEST_P(WasiPath, UnlinkFilesAndTrailingSlashes) {
  EXPECT_EQ(Errno::IsDir, h->onPath(path_unlink_file, "dir"));
  EXPECT_EQ(Errno::NotDir, h->onPath(path_unlink_file, "file.txt/"));
  EXPECT_EQ(Errno::NotDir, h->onPath(path_unlink_file, "in_link/"));
  EXPECT_EQ(Errno::Success, h->onPath(path_unlink_file, "in_link"));
  EXPECT_TRUE(h->tree.exists("root/file.txt"));  // the link, not its target
  EXPECT_EQ(Errno::Success, h->onPath(path_unlink_file, "out_link"));  // removes the link only
  EXPECT_EQ(Errno::Success, h->onPath(path_unlink_file, "file.txt"));
  EXPECT_EQ(Errno::NoEnt, h->onPath(path_unlink_file, "file.txt"));
}

TEST_P(WasiPath, RenameLinkSymlinkReadlink) {
  EXPECT_EQ(Errno::Success, twoPaths(path_rename, "file.txt", "dir/moved.txt"));
  EXPECT_EQ("inside", h->tree.read("root/dir/moved.txt"));
  EXPECT_EQ(Errno::NoEnt, twoPaths(path_rename, "file.txt", "x"));
  EXPECT_EQ(Errno::Success, link("dir/moved.txt", "hard.txt"));
  EXPECT_EQ("inside", h->tree.read("root/hard.txt"));
  EXPECT_EQ(Errno::Inval, link("in_link", "x", kLookupSymlinkFollow));
  EXPECT_EQ(Errno::Success, symlink("dir/moved.txt", "sym"));
  auto c = h->call();
  ASSERT_EQ(Errno::Success, path_readlink(c, 3, kPath, h->put(kPath, "sym"), kBuf, 100, kResult));
  EXPECT_EQ(13u, h->u32(kResult));
  EXPECT_EQ("dir/moved.txt", h->get(kBuf, 13));
  ASSERT_EQ(Errno::Success, path_readlink(c, 3, kPath, h->put(kPath, "sym"), kBuf + 200, 4, kResult));
  EXPECT_EQ(4u, h->u32(kResult));  // truncated, like readlink(2)
  EXPECT_EQ("dir/", h->get(kBuf + 200, 4));
  EXPECT_EQ(Errno::Inval, path_readlink(c, 3, kPath, h->put(kPath, "hard.txt"), kBuf, 100, kResult));
  EXPECT_EQ(Errno::Perm, symlink("/etc/passwd", "abs"));
  EXPECT_FALSE(h->tree.exists("root/abs"));
}

TEST_P(WasiPath, FilestatFollowsOnlyWhenAsked) {
  ASSERT_EQ(Errno::Success, stat("in_link", 0));
  EXPECT_EQ(static_cast<uint8_t>(FileType::SymbolicLink), h->u8(kResult + 16));
  ASSERT_EQ(Errno::Success, stat("in_link", kLookupSymlinkFollow));
  EXPECT_EQ(static_cast<uint8_t>(FileType::RegularFile), h->u8(kResult + 16));
  EXPECT_EQ(6u, h->u64(kResult + 32));
  ASSERT_EQ(Errno::Success, stat("dir", 0));
  EXPECT_EQ(static_cast<uint8_t>(FileType::Directory), h->u8(kResult + 16));
  EXPECT_EQ(Errno::Success, stat("out_link", 0));  // the link itself is inside
  EXPECT_EQ(Errno::Perm, stat("out_link", kLookupSymlinkFollow));
  EXPECT_EQ(Errno::Perm, stat("abs_link/secret.txt", 0));

  auto c = h->call();
  const uint64_t t = 1'500'000'000ull * 1'000'000'000ull;
  ASSERT_EQ(Errno::Success, path_filestat_set_times(c, 3, kLookupSymlinkFollow, kPath, h->put(kPath, "in_link"),
                                                    t, t, fstflag::Atim | fstflag::Mtim));
  struct stat st;
  ASSERT_EQ(0, ::stat(h->tree.path("root/file.txt").c_str(), &st));
  EXPECT_EQ(1'500'000'000, st.st_mtim.tv_sec);
  // Not following sets the link's own times and leaves the target alone.
  ASSERT_EQ(Errno::Success,
            path_filestat_set_times(c, 3, 0, kPath, h->put(kPath, "in_link"), 0, 0, fstflag::MtimNow));
  ASSERT_EQ(0, ::stat(h->tree.path("root/file.txt").c_str(), &st));
  EXPECT_EQ(1'500'000'000, st.st_mtim.tv_sec);
  EXPECT_EQ(Errno::Perm, path_filestat_set_times(c, 3, kLookupSymlinkFollow, kPath, h->put(kPath, "out_link"), 0, 0,
                                                 fstflag::MtimNow));
}

TEST_P(WasiPath, EveryFunctionIsConfined) {
  for (std::string_view bad : {"../outside/secret.txt", "/tmp", "abs_link/secret.txt", "dir/../../outside/x"}) {
    SCOPED_TRACE(std::string(bad));
    Fd fd = 0;
    EXPECT_EQ(Errno::Perm, h->open(bad, fd));
    EXPECT_EQ(Errno::Perm, h->open(bad, fd, oflag::Creat | oflag::Trunc));
    EXPECT_EQ(Errno::Perm, h->onPath(path_create_directory, bad));
    EXPECT_EQ(Errno::Perm, h->onPath(path_remove_directory, bad));
    EXPECT_EQ(Errno::Perm, h->onPath(path_unlink_file, bad));
    EXPECT_EQ(Errno::Perm, stat(bad, kLookupSymlinkFollow));
    EXPECT_EQ(Errno::Perm, twoPaths(path_rename, "file.txt", bad));
    EXPECT_EQ(Errno::Perm, twoPaths(path_rename, bad, "stolen"));
    EXPECT_EQ(Errno::Perm, link("file.txt", bad));
    EXPECT_EQ(Errno::Perm, link(bad, "stolen"));
    EXPECT_EQ(Errno::Perm, symlink("file.txt", bad));
  }
  Fd fd = 0;
  EXPECT_EQ(Errno::Perm, h->open("out_link", fd, oflag::Creat | oflag::Trunc));
  EXPECT_EQ(Errno::Loop, h->open("out_link", fd, 0, right::All, right::All, 0, 0));
  EXPECT_FALSE(h->tree.exists("root/stolen"));
  EXPECT_EQ("inside", h->tree.read("root/file.txt"));
}

TEST_P(WasiPath, RejectsMalformedPathText) {
  Fd fd = 0;
  EXPECT_EQ(Errno::Ilseq, h->open("bad\xff", fd));
  EXPECT_EQ(Errno::Inval, h->open(std::string_view("file.txt\0", 9), fd));
  EXPECT_EQ(Errno::NoEnt, h->open("", fd));
  EXPECT_EQ(Errno::NameTooLong, h->open(std::string(5000, 'a'), fd));
  {
    auto c = h->call();
    EXPECT_EQ(Errno::Fault, path_unlink_file(c, 3, 0, 0xFFFFFFFFu));  // a 4 GiB path is out of bounds
  }
  auto c = h->call();
  EXPECT_EQ(Errno::Fault, path_create_directory(c, 3, kMemSize - 2, 3));
  EXPECT_EQ(Errno::Fault, path_open(c, 3, 0, kPath, h->put(kPath, "file.txt"), 0, 0, 0, 0, kMemSize - 2));
  EXPECT_EQ(4u, h->ctx->fds().openCount());  // stdio + root: the failed open leaked nothing
  EXPECT_EQ(Errno::Badf, h->onPath(path_create_directory, "x", 42));
  EXPECT_EQ(Errno::NotDir, h->onPath(path_create_directory, "x", 1));  // stdout is no directory
}

TEST_P(WasiPath, OpenFlagsAndRights) {
  Fd fd = 0;
  EXPECT_EQ(Errno::Exist, h->open("file.txt", fd, oflag::Creat | oflag::Excl));
  EXPECT_EQ(Errno::NotDir, h->open("file.txt", fd, oflag::Directory));
  EXPECT_EQ(Errno::NotDir, h->open("file.txt/", fd));
  ASSERT_EQ(Errno::Success, h->open("dir/", fd, 0, right::DirectoryBase));
  EXPECT_EQ(Errno::IsDir, h->open("dir", fd, oflag::Directory, right::FdRead | right::FdWrite));
  EXPECT_EQ(Errno::Inval, h->open("file.txt", fd, 0x10));
  ASSERT_EQ(Errno::Success, h->open("file.txt", fd, oflag::Trunc));
  EXPECT_EQ("", h->tree.read("root/file.txt"));
  // Rights asked for are cut to what the directory hands on.
  Fd dirFd = 0;
  ASSERT_EQ(Errno::Success, h->open("dir", dirFd, oflag::Directory, right::DirectoryBase, right::FdRead));
  Fd child = 0;
  h->tree.write("root/dir/c.txt", "c");
  ASSERT_EQ(Errno::Success, h->open("c.txt", child, 0, right::FdRead | right::FdWrite, 0, 0, 1, dirFd));
  EXPECT_EQ(Errno::NotCapable, h->write(child, "x"));
  std::string got;
  EXPECT_EQ(Errno::Success, h->read(child, got));
  EXPECT_EQ("c", got);
  // Without path_create_file a directory cannot create.
  auto c = h->call();
  ASSERT_EQ(Errno::Success, fd_fdstat_set_rights(c, dirFd, right::PathOpen, right::FdRead));
  EXPECT_EQ(Errno::NotCapable, h->open("new.txt", child, oflag::Creat, right::FdRead, 0, 0, 1, dirFd));
  EXPECT_FALSE(h->tree.exists("root/dir/new.txt"));
}

TEST_P(WasiPath, ReadOnlyPreopenForbidsEveryMutation) {
  h->tree.mkdir("ro");
  h->tree.write("ro/keep.txt", "keep");
  h->tree.mkdir("ro/sub");
  Config config;
  config.pathResolution = wasmcap::wasi::pathResolutionOf(GetParam());
  config.preopen(h->tree.path("ro"), "ro", wasmcap::wasi::Access::ReadOnly);
  WasiHarness ro(config, /*preopenRoot=*/false);
  const auto roBefore = h->tree.snapshot("ro");
  auto c = ro.call();
  Fd fd = 0;
  EXPECT_EQ(Errno::NotCapable, ro.open("new.txt", fd, oflag::Creat));
  EXPECT_EQ(Errno::NotCapable, ro.open("keep.txt", fd, oflag::Trunc));
  EXPECT_EQ(Errno::NotCapable, ro.open("keep.txt", fd, 0, right::FdRead, right::All, fdflag::Append));
  // Asking to write fails at the open, as on a read-only mount.
  EXPECT_EQ(Errno::NotCapable, ro.open("keep.txt", fd, 0, right::FdRead | right::FdWrite));
  EXPECT_EQ(Errno::NotCapable, ro.open("keep.txt", fd, 0, right::FdRead | right::FdFilestatSetSize));
  EXPECT_EQ(RefusalRule::ReadOnly, ro.ctx->fds().refusal().rule);
  EXPECT_EQ("ro", *ro.ctx->fds().refusal().grant);
  // Rights that would mutate but are not asked to write with are dropped.
  ASSERT_EQ(Errno::Success, ro.open("keep.txt", fd, 0, right::FdRead | right::FdSync | right::FdFilestatSetTimes));
  EXPECT_EQ(Errno::NotCapable, ro.write(fd, "x"));
  EXPECT_EQ(Errno::NotCapable, fd_filestat_set_size(c, fd, 0));
  EXPECT_EQ(Errno::NotCapable, fd_allocate(c, fd, 0, 10));
  EXPECT_EQ(Errno::NotCapable, fd_filestat_set_times(c, fd, 0, 0, fstflag::MtimNow));
  EXPECT_EQ(Errno::NotCapable, fd_fdstat_set_flags(c, fd, fdflag::Append));
  std::string got;
  EXPECT_EQ(Errno::Success, ro.read(fd, got));
  EXPECT_EQ("keep", got);
  EXPECT_EQ(Errno::NotCapable, ro.onPath(path_create_directory, "d"));
  EXPECT_EQ(Errno::NotCapable, ro.onPath(path_remove_directory, "sub"));
  EXPECT_EQ(Errno::NotCapable, ro.onPath(path_unlink_file, "keep.txt"));
  EXPECT_EQ(Errno::NotCapable,
            path_rename(c, 3, kPath, ro.put(kPath, "keep.txt"), 3, kPath2, ro.put(kPath2, "moved.txt")));
  EXPECT_EQ(Errno::NotCapable,
            path_link(c, 3, 0, kPath, ro.put(kPath, "keep.txt"), 3, kPath2, ro.put(kPath2, "l.txt")));
  EXPECT_EQ(Errno::NotCapable, path_symlink(c, kPath, ro.put(kPath, "keep.txt"), 3, kPath2, ro.put(kPath2, "s")));
  EXPECT_EQ(Errno::NotCapable,
            path_filestat_set_times(c, 3, 0, kPath, ro.put(kPath, "keep.txt"), 0, 0, fstflag::MtimNow));
  // A directory opened beneath it is read-only too, whatever rights are asked for.
  Fd sub = 0;
  ASSERT_EQ(Errno::Success, ro.open("sub", sub, oflag::Directory, right::DirectoryBase));
  EXPECT_EQ(Errno::NotCapable, ro.open("x", fd, oflag::Creat, right::All, right::All, 0, 1, sub));
  EXPECT_EQ(Errno::NotCapable, ro.onPath(path_create_directory, "d", sub));
  EXPECT_EQ(Errno::NotCapable, fd_fdstat_set_rights(c, sub, right::All, right::All));
  // Reading and listing still work.
  ASSERT_EQ(Errno::Success, path_filestat_get(c, 3, 0, kPath, ro.put(kPath, "keep.txt"), kResult));
  EXPECT_EQ(4u, ro.u64(kResult + 32));
  EXPECT_EQ(roBefore, h->tree.snapshot("ro"));
}

INSTANTIATE_TEST_SUITE_P(BothResolvers, WasiPath, ::testing::Values(ResolverKind::Openat2, ResolverKind::Components),
                         [](const auto& info) {
                           return info.param == ResolverKind::Openat2 ? std::string("Openat2")
                                                                      : std::string("Components");
                         });

}  // namespace
}  // namespace wasmcap::wasi
