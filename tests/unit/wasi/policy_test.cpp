// The call policy as a value: groups, lists of names, and how each function
// is linked under it.
#include "wasi/policy.h"

#include <gtest/gtest.h>

namespace wasmcap::wasi {
namespace {

TEST(WasiPolicy, TheDefaultAllowsEveryFunctionAsItIs) {
  Policy p;
  ASSERT_EQ(46u, functionNames().size());
  for (size_t fn = 0; fn < kFunctionCount; ++fn) {
    EXPECT_TRUE(p.allowsAll(functionNames()[fn])) << functionNames()[fn];
    EXPECT_EQ(Binding::Allowed, bindingOf(p, fn));
  }
  EXPECT_EQ(Policy::allowAll(), p);
}

TEST(WasiPolicy, GroupsAllowTheirShareOfEachFunction) {
  Policy p = Policy::denyAll();
  ASSERT_TRUE(p.allow("stdio,clock").ok());
  EXPECT_TRUE(p.allows("fd_write", Group::Stdio));
  EXPECT_FALSE(p.allows("fd_write", Group::FsWrite));
  EXPECT_FALSE(p.allows("fd_write", Group::Sock));
  EXPECT_TRUE(p.allowsAll("clock_time_get"));
  EXPECT_FALSE(p.allows("path_open", Group::FsRead));
  EXPECT_EQ(Binding::Checked, bindingOf(p, *functionIndex("fd_write")));
  EXPECT_EQ(Binding::Denied, bindingOf(p, *functionIndex("path_open")));
  EXPECT_EQ(Binding::Allowed, bindingOf(p, *functionIndex("clock_res_get")));

  ASSERT_TRUE(p.allow("fs-read").ok());
  EXPECT_EQ(Binding::Checked, bindingOf(p, *functionIndex("path_open")));
  EXPECT_TRUE(p.allows("path_open", Group::FsRead));
  EXPECT_FALSE(p.allows("path_open", Group::FsWrite));
  // fd_seek is a file call in either fs group; fd_write only in fs-write.
  EXPECT_TRUE(p.allows("fd_seek", Group::FsRead));
  EXPECT_FALSE(p.allows("fd_write", Group::FsRead));

  // A function named is allowed in every group; denied, in none.
  ASSERT_TRUE(p.allow("fd_write").ok());
  EXPECT_TRUE(p.allowsAll("fd_write"));
  ASSERT_TRUE(p.deny("fd_write,stdio").ok());
  EXPECT_EQ(Binding::Denied, bindingOf(p, *functionIndex("fd_write")));
  EXPECT_FALSE(p.allows("fd_read", Group::Stdio));
  EXPECT_TRUE(p.allows("fd_read", Group::FsRead));
}

TEST(WasiPolicy, AnUnknownNameIsAUsageErrorAndChangesNothing) {
  Policy p = Policy::denyAll();
  Result<void> r = p.allow("stdio, fs_read");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(ErrorCode::Usage, r.error().code);
  EXPECT_NE(std::string::npos, r.error().message.find("\"fs_read\"")) << r.error().message;
  EXPECT_NE(std::string::npos, r.error().message.find("did you mean \"fs-read\"")) << r.error().message;
  EXPECT_EQ(Policy::denyAll(), p);  // stdio, before the bad item, was not applied either
  EXPECT_FALSE(p.allow("").ok());
  EXPECT_FALSE(p.deny("stdio,,clock").ok());
  EXPECT_FALSE(p.deny("fd_wirte").ok());
}

TEST(WasiPolicy, ALibraryGetsOnlyCallsThatReachNothingOutsideIt) {
  const Policy p = Policy::library();
  std::vector<std::string_view> allowed;
  for (std::string_view name : functionNames())
    if (p.allowsAll(name)) allowed.push_back(name);
  EXPECT_EQ((std::vector<std::string_view>{"proc_exit", "sched_yield", "random_get"}), allowed);
  for (std::string_view name : functionNames()) {
    if (!p.allowsAll(name)) {
      EXPECT_EQ(Binding::Denied, bindingOf(p, *functionIndex(name))) << name;
    }
  }
}

TEST(WasiPolicy, NamesOfGroupsAndFunctions) {
  for (size_t g = 0; g < kGroupCount; ++g) {
    const Group group = static_cast<Group>(g);
    EXPECT_EQ(group, groupByName(groupName(group)));
  }
  EXPECT_EQ("fs-write", groupName(Group::FsWrite));
  EXPECT_FALSE(groupByName("files").has_value());
  EXPECT_EQ((std::vector<Group>{Group::Stdio, Group::FsRead, Group::Sock}), groupsOf("fd_read"));
  EXPECT_EQ((std::vector<Group>{Group::FsRead, Group::FsWrite}), groupsOf("path_open"));
  EXPECT_EQ((std::vector<Group>{Group::Proc}), groupsOf("proc_raise"));
  EXPECT_TRUE(groupsOf("fd_frobnicate").empty());
  EXPECT_EQ("fs-read or fs-write", groupNames(groupBit(Group::FsRead) | groupBit(Group::FsWrite)));
}

}  // namespace
}  // namespace wasmcap::wasi
