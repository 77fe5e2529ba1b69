// Grants beneath a preopen: a create-only directory (an upload directory)
// creates and writes new files but leaves existing ones untouched, and
// refusals note the rule that refused them.
#include <sys/stat.h>

#include "harness.h"

namespace wasmcap::wasi {
namespace {

using namespace testing;
using namespace preview1;

class CreateGrant : public ::testing::Test {
 protected:
  void SetUp() override {
    tree.mkdir("up");
    tree.write("up/existing.txt", "old");
    Config config;
    config.preopen(tree.path("up"), "/up", wasmcap::wasi::Access::Create);
    h = std::make_unique<WasiHarness>(config, /*preopenRoot=*/false);
    existingBefore = tree.snapshot("up");
  }
  TestTree tree;  // holds the preopen (the harness has its own, unused here)
  std::unique_ptr<WasiHarness> h;
  std::map<std::string, std::string> existingBefore;
};

constexpr Rights kReadWrite = right::FdRead | right::FdWrite | right::FdSeek | right::FdTell;

TEST_F(CreateGrant, CreatesAndWritesNewFiles) {
  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h->open("new.txt", fd, oflag::Creat, kReadWrite));
  ASSERT_EQ(Errno::Success, h->write(fd, "hello"));
  EXPECT_EQ("hello", tree.read("up/new.txt"));
  // Its own file it may open again to append, and truncate.
  Fd again = 0;
  ASSERT_EQ(Errno::Success, h->open("new.txt", again, 0, right::FdWrite, 0, fdflag::Append));
  ASSERT_EQ(Errno::Success, h->write(again, " again"));
  EXPECT_EQ("hello again", tree.read("up/new.txt"));
  ASSERT_EQ(Errno::Success, h->open("new.txt", again, oflag::Trunc, right::FdWrite));
  EXPECT_EQ("", tree.read("up/new.txt"));
  // New directories too, and files in them.
  ASSERT_EQ(Errno::Success, h->onPath(path_create_directory, "sub"));
  Fd sub = 0;
  ASSERT_EQ(Errno::Success, h->open("sub", sub, oflag::Directory, right::DirectoryBase, right::All));
  Fd inner = 0;
  ASSERT_EQ(Errno::Success, h->open("inner.txt", inner, oflag::Creat, kReadWrite, 0, 0, 1, sub));
  ASSERT_EQ(Errno::Success, h->write(inner, "x"));
  EXPECT_EQ("x", tree.read("up/sub/inner.txt"));
}

TEST_F(CreateGrant, LeavesExistingFilesAsTheyAre) {
  Fd fd = 0;
  EXPECT_EQ(Errno::NotCapable, h->open("existing.txt", fd, 0, right::FdWrite));
  EXPECT_EQ(RefusalRule::CreateOnly, h->ctx->fds().refusal().rule);
  EXPECT_EQ("/up", *h->ctx->fds().refusal().grant);
  EXPECT_EQ(Errno::NotCapable, h->open("existing.txt", fd, oflag::Creat | oflag::Trunc, right::FdWrite));
  EXPECT_EQ(Errno::NotCapable, h->open("existing.txt", fd, oflag::Trunc, right::FdRead));
  EXPECT_EQ(Errno::NotCapable, h->open("existing.txt", fd, 0, right::FdRead, 0, fdflag::Append));
  EXPECT_EQ(Errno::Exist, h->open("existing.txt", fd, oflag::Creat | oflag::Excl, right::FdWrite));
  // Reading it works; nothing that would change it does.
  ASSERT_EQ(Errno::Success,
            h->open("existing.txt", fd, 0, right::FdRead | right::FdSync | right::FdFilestatSetTimes));
  std::string got;
  ASSERT_EQ(Errno::Success, h->read(fd, got));
  EXPECT_EQ("old", got);
  auto c = h->call();
  EXPECT_EQ(Errno::NotCapable, h->write(fd, "x"));
  EXPECT_EQ(Errno::NotCapable, fd_filestat_set_times(c, fd, 0, 0, fstflag::MtimNow));
  EXPECT_EQ(Errno::NotCapable, fd_sync(c, fd));
  // Nor does any path function that removes, renames or links.
  EXPECT_EQ(Errno::NotCapable, h->onPath(path_unlink_file, "existing.txt"));
  EXPECT_EQ(Errno::NotCapable,
            path_rename(c, 3, kPath, h->put(kPath, "existing.txt"), 3, kPath2, h->put(kPath2, "moved.txt")));
  EXPECT_EQ(Errno::NotCapable,
            path_link(c, 3, 0, kPath, h->put(kPath, "existing.txt"), 3, kPath2, h->put(kPath2, "l.txt")));
  EXPECT_EQ(Errno::NotCapable,
            path_symlink(c, kPath, h->put(kPath, "existing.txt"), 3, kPath2, h->put(kPath2, "s")));
  EXPECT_EQ(existingBefore, tree.snapshot("up"));
}

TEST_F(CreateGrant, ANameLeadingToAnExistingFileIsNotANewFile) {
  tree.symlink("existing.txt", "up/link");
  tree.write("up/other.txt", "other");
  const auto before = tree.snapshot("up");
  Fd fd = 0;
  EXPECT_EQ(Errno::NotCapable, h->open("link", fd, oflag::Creat, right::FdWrite));
  EXPECT_EQ(Errno::NotCapable, h->open("link", fd, oflag::Creat | oflag::Trunc, right::FdWrite));
  EXPECT_EQ(before, tree.snapshot("up"));
  // Creating the same name a second time after the program made it is allowed.
  ASSERT_EQ(Errno::Success, h->open("mine.txt", fd, oflag::Creat, right::FdWrite));
  ASSERT_EQ(Errno::Success, h->open("mine.txt", fd, oflag::Creat, right::FdWrite));
}

TEST(GrantRefusal, AnEscapeIsNotedAsOutside) {
  WasiHarness h;
  Fd fd = 0;
  EXPECT_EQ(Errno::Perm, h.open("../outside/secret.txt", fd));
  EXPECT_EQ(RefusalRule::Outside, h.ctx->fds().refusal().rule);
  EXPECT_EQ("/", *h.ctx->fds().refusal().grant);
}

TEST(GrantRefusal, MissingRightsAreNotedWithTheFd) {
  WasiHarness h;
  Fd fd = 0;
  ASSERT_EQ(Errno::Success, h.open("f.txt", fd, oflag::Creat, right::FdRead));
  EXPECT_EQ(Errno::NotCapable, h.write(fd, "x"));
  const Refusal& r = h.ctx->fds().refusal();
  EXPECT_EQ(RefusalRule::Rights, r.rule);
  EXPECT_EQ(fd, r.fd.value_or(0));
  EXPECT_EQ(right::FdWrite, r.rights);
}

}  // namespace
}  // namespace wasmcap::wasi
