// Hostile directory trees against both resolvers: every escape fails with the
// errno WASI expects, nothing outside the root changes, and legitimate paths
// (including ".." and symlinks that stay inside) still work.
#include "wasi/path_resolver.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "test_tree.h"

namespace wasmcap::wasi {
namespace {

using testing::TestTree;

class PathResolverTest : public ::testing::TestWithParam<ResolverKind> {
 protected:
  void SetUp() override {
    if (GetParam() == ResolverKind::Openat2 && !openat2Available())
      GTEST_SKIP() << "this kernel has no openat2; only the component resolver is tested";
    tree.write("root/file.txt", "inside");
    tree.mkdir("root/sub/deeper");
    tree.write("root/sub/inner.txt", "inner");
    tree.symlink(tree.path("outside/secret.txt"), "root/link_abs");
    tree.symlink("../outside/secret.txt", "root/link_rel_out");
    tree.symlink("sub", "root/link_sub");
    tree.symlink("sub/deeper", "root/dir_link");
    tree.symlink("..", "root/link_parent");
    tree.symlink("../outside/created.txt", "root/dangling_out");
    tree.symlink("created_inside.txt", "root/dangling_in");
    tree.symlink("loop_b", "root/loop_a");
    tree.symlink("loop_a", "root/loop_b");
    tree.symlink("sub/", "root/link_sub_slash");
    tree.symlink("/", "root/link_fsroot");
    rootFd.reset(::open(tree.root().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    ASSERT_TRUE(rootFd.valid());
    before = tree.snapshot("outside");
  }
  void TearDown() override {
    if (rootFd.valid()) {
      EXPECT_EQ(before, tree.snapshot("outside")) << "something outside the root changed";
    }
  }

  int openRead(std::string_view path, bool follow = true) {
    UniqueFd fd;
    int err = resolver.open(rootFd.get(), path, O_RDONLY, 0, follow, fd);
    EXPECT_EQ(err == 0, fd.valid());
    return err;
  }
  std::string readAll(std::string_view path) {
    UniqueFd fd;
    EXPECT_EQ(0, resolver.open(rootFd.get(), path, O_RDONLY, 0, true, fd)) << path;
    char buf[64];
    ssize_t n = fd.valid() ? ::read(fd.get(), buf, sizeof buf) : -1;
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
  }

  TestTree tree;
  PathResolver resolver{GetParam()};
  UniqueFd rootFd;
  std::map<std::string, std::string> before;
};

TEST_P(PathResolverTest, ReportsTheRequestedStrategy) { EXPECT_EQ(GetParam(), resolver.kind()); }

TEST_P(PathResolverTest, OpensPlainAndDotDotPathsInside) {
  EXPECT_EQ("inside", readAll("file.txt"));
  EXPECT_EQ("inside", readAll("sub/../file.txt"));
  EXPECT_EQ("inside", readAll("./sub/./deeper/../../file.txt"));
  EXPECT_EQ("inner", readAll("sub//inner.txt"));
  EXPECT_EQ("inner", readAll("link_sub/inner.txt"));
  EXPECT_EQ("inside", readAll("dir_link/../../file.txt"));  // ".." after a symlink to a directory
  EXPECT_EQ("inner", readAll("link_sub_slash/inner.txt"));
}

TEST_P(PathResolverTest, RejectsDotDotAboveTheRoot) {
  EXPECT_EQ(EPERM, openRead(".."));
  EXPECT_EQ(EPERM, openRead("../outside/secret.txt"));
  EXPECT_EQ(EPERM, openRead("sub/../../outside/secret.txt"));
  EXPECT_EQ(EPERM, openRead("sub/deeper/../../../outside/secret.txt"));
}

TEST_P(PathResolverTest, RejectsAbsolutePaths) {
  EXPECT_EQ(EPERM, openRead("/etc/passwd"));
  EXPECT_EQ(EPERM, openRead(tree.path("outside/secret.txt")));
  EXPECT_EQ(EPERM, openRead("/"));
}

TEST_P(PathResolverTest, RejectsSymlinksLeadingOut) {
  EXPECT_EQ(EPERM, openRead("link_abs"));
  EXPECT_EQ(EPERM, openRead("link_rel_out"));
  EXPECT_EQ(EPERM, openRead("link_parent/outside/secret.txt"));
  EXPECT_EQ(EPERM, openRead("link_fsroot/etc/passwd"));
  EXPECT_EQ(EPERM, openRead("dir_link/../../../outside/secret.txt"));
  EXPECT_EQ(EPERM, openRead("link_sub/../link_rel_out"));
}

TEST_P(PathResolverTest, DoesNotFollowAFinalSymlinkWhenAskedNotTo) {
  EXPECT_EQ(ELOOP, openRead("link_abs", false));
  EXPECT_EQ(ELOOP, openRead("link_sub", false));
  // Intermediate symlinks are still followed, inside the tree.
  EXPECT_EQ(0, openRead("link_sub/inner.txt", false));
}

TEST_P(PathResolverTest, DetectsSymlinkLoops) {
  EXPECT_EQ(ELOOP, openRead("loop_a"));
  EXPECT_EQ(ELOOP, openRead("loop_a/x"));
}

TEST_P(PathResolverTest, TrailingSlashRequiresADirectory) {
  EXPECT_EQ(ENOTDIR, openRead("file.txt/"));
  EXPECT_EQ(ENOTDIR, openRead("file.txt///"));
  EXPECT_EQ(0, openRead("sub/"));
  EXPECT_EQ(0, openRead("sub///"));
  EXPECT_EQ(0, openRead("link_sub/", false));  // a trailing slash follows the link
  EXPECT_EQ(EPERM, openRead("link_parent/", false));
}

TEST_P(PathResolverTest, CreateThroughDanglingSymlinkStaysInside) {
  UniqueFd fd;
  EXPECT_EQ(EPERM, resolver.open(rootFd.get(), "dangling_out", O_WRONLY | O_CREAT, 0644, true, fd));
  EXPECT_FALSE(tree.exists("outside/created.txt"));
  EXPECT_EQ(ELOOP, resolver.open(rootFd.get(), "dangling_out", O_WRONLY | O_CREAT, 0644, false, fd));
  EXPECT_EQ(EEXIST, resolver.open(rootFd.get(), "dangling_out", O_WRONLY | O_CREAT | O_EXCL, 0644, true, fd));
  EXPECT_FALSE(tree.exists("outside/created.txt"));
  // A dangling link that points inside is followed and its target created.
  EXPECT_EQ(0, resolver.open(rootFd.get(), "dangling_in", O_WRONLY | O_CREAT, 0644, true, fd));
  EXPECT_TRUE(tree.exists("root/created_inside.txt"));
}

TEST_P(PathResolverTest, RejectsEmptyAndNulPaths) {
  EXPECT_EQ(ENOENT, openRead(""));
  EXPECT_EQ(EINVAL, openRead(std::string_view("file.txt\0x", 10)));
  EXPECT_EQ(ENOENT, openRead("missing"));
  EXPECT_EQ(ENOENT, openRead("missing/x"));
  EXPECT_EQ(ENOTDIR, openRead("file.txt/x"));
}

TEST_P(PathResolverTest, OpenParentSplitsTheLastComponent) {
  ParentAndName p;
  ASSERT_EQ(0, resolver.openParent(rootFd.get(), "sub/newdir", p));
  EXPECT_EQ("newdir", p.name);
  EXPECT_FALSE(p.trailingSlash);
  ASSERT_EQ(0, ::mkdirat(p.dir.get(), p.name.c_str(), 0755));
  EXPECT_TRUE(tree.exists("root/sub/newdir"));

  ParentAndName q;
  ASSERT_EQ(0, resolver.openParent(rootFd.get(), "link_sub/gone//", q));
  EXPECT_EQ("gone", q.name);
  EXPECT_TRUE(q.trailingSlash);

  // The last component is not followed: acting on the link itself is safe.
  ParentAndName r;
  ASSERT_EQ(0, resolver.openParent(rootFd.get(), "link_rel_out", r));
  EXPECT_EQ("link_rel_out", r.name);
  ASSERT_EQ(0, ::unlinkat(r.dir.get(), r.name.c_str(), 0));
  EXPECT_FALSE(tree.exists("root/link_rel_out"));

  ParentAndName s;
  ASSERT_EQ(0, resolver.openParent(rootFd.get(), "sub/..", s));
  EXPECT_EQ(".", s.name);
}

TEST_P(PathResolverTest, OpenParentRejectsEscapes) {
  ParentAndName p;
  EXPECT_EQ(EPERM, resolver.openParent(rootFd.get(), "..", p));
  EXPECT_EQ(EPERM, resolver.openParent(rootFd.get(), "../outside/x", p));
  EXPECT_EQ(EPERM, resolver.openParent(rootFd.get(), "link_parent/outside/x", p));
  EXPECT_EQ(EPERM, resolver.openParent(rootFd.get(), "/tmp/x", p));
  EXPECT_EQ(EPERM, resolver.openParent(rootFd.get(), "dir_link/../../../x", p));
  EXPECT_EQ(EPERM, resolver.openParent(rootFd.get(), "link_fsroot/tmp", p));
  EXPECT_EQ(ENOENT, resolver.openParent(rootFd.get(), "", p));
}

TEST_P(PathResolverTest, TooManySymlinksIsALoop) {
  // A chain longer than the limit, all inside.
  tree.write("root/end.txt", "end");
  std::string prev = "end.txt";
  for (int i = 0; i < PathResolver::kMaxSymlinks + 5; ++i) {
    std::string name = "chain" + std::to_string(i);
    tree.symlink(prev, "root/" + name);
    prev = name;
  }
  EXPECT_EQ(ELOOP, openRead(prev));
  EXPECT_EQ(0, openRead("chain10"));
}

INSTANTIATE_TEST_SUITE_P(BothResolvers, PathResolverTest,
                         ::testing::Values(ResolverKind::Openat2, ResolverKind::Components),
                         [](const auto& info) {
                           return info.param == ResolverKind::Openat2 ? std::string("Openat2")
                                                                      : std::string("Components");
                         });

}  // namespace
}  // namespace wasmcap::wasi
