#include "wasi/errno.h"

#include <gtest/gtest.h>

#include <cerrno>

namespace wasmcap::wasi {
namespace {

// Values from the preview1 witx `errno` enum.
TEST(WasiErrno, UsesTheWasiNumbering) {
  EXPECT_EQ(0, static_cast<int>(Errno::Success));
  EXPECT_EQ(8, static_cast<int>(Errno::Badf));
  EXPECT_EQ(21, static_cast<int>(Errno::Fault));
  EXPECT_EQ(28, static_cast<int>(Errno::Inval));
  EXPECT_EQ(44, static_cast<int>(Errno::NoEnt));
  EXPECT_EQ(63, static_cast<int>(Errno::Perm));
  EXPECT_EQ(76, static_cast<int>(Errno::NotCapable));
}

TEST(WasiErrno, TranslatesHostErrno) {
  EXPECT_EQ(Errno::Success, toWasiErrno(0));
  EXPECT_EQ(Errno::NoEnt, toWasiErrno(ENOENT));
  EXPECT_EQ(Errno::Exist, toWasiErrno(EEXIST));
  EXPECT_EQ(Errno::NotDir, toWasiErrno(ENOTDIR));
  EXPECT_EQ(Errno::IsDir, toWasiErrno(EISDIR));
  EXPECT_EQ(Errno::Loop, toWasiErrno(ELOOP));
  EXPECT_EQ(Errno::NotEmpty, toWasiErrno(ENOTEMPTY));
  EXPECT_EQ(Errno::Perm, toWasiErrno(EPERM));
  EXPECT_EQ(Errno::Acces, toWasiErrno(EACCES));
  EXPECT_EQ(Errno::Again, toWasiErrno(EWOULDBLOCK));
  EXPECT_EQ(Errno::NotSup, toWasiErrno(EOPNOTSUPP));
  EXPECT_EQ(Errno::Spipe, toWasiErrno(ESPIPE));
  EXPECT_EQ(Errno::Xdev, toWasiErrno(EXDEV));
  EXPECT_EQ(Errno::Io, toWasiErrno(EHWPOISON));  // no WASI counterpart
}

TEST(WasiErrno, HasSpecNames) {
  EXPECT_STREQ("2big", errnoName(Errno::TooBig));
  EXPECT_STREQ("notcapable", errnoName(Errno::NotCapable));
  EXPECT_STREQ("unknown", errnoName(static_cast<Errno>(500)));
}

}  // namespace
}  // namespace wasmcap::wasi
