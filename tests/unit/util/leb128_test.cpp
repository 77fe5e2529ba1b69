#include "util/leb128.h"

#include <gtest/gtest.h>

using namespace wasmcap::leb128;

namespace {

Status readU(std::vector<uint8_t> bytes, unsigned bits, uint64_t* v) {
  size_t len;
  return readUnsigned(bytes.data(), bytes.data() + bytes.size(), bits, v, &len);
}
Status readS(std::vector<uint8_t> bytes, unsigned bits, int64_t* v) {
  size_t len;
  return readSigned(bytes.data(), bytes.data() + bytes.size(), bits, v, &len);
}

}  // namespace

TEST(Leb128, UnsignedBasics) {
  uint64_t v;
  EXPECT_EQ(readU({0x00}, 32, &v), Status::Ok);
  EXPECT_EQ(v, 0u);
  EXPECT_EQ(readU({0xE5, 0x8E, 0x26}, 32, &v), Status::Ok);
  EXPECT_EQ(v, 624485u);
  EXPECT_EQ(readU({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32, &v), Status::Ok);
  EXPECT_EQ(v, 0xFFFFFFFFu);
}

TEST(Leb128, UnsignedErrors) {
  uint64_t v;
  EXPECT_EQ(readU({0x80}, 32, &v), Status::Truncated);
  EXPECT_EQ(readU({}, 32, &v), Status::Truncated);
  EXPECT_EQ(readU({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 32, &v), Status::TooLong);
  EXPECT_EQ(readU({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, 32, &v), Status::BadPadding);
  // A redundant but in-length encoding is fine.
  EXPECT_EQ(readU({0x80, 0x80, 0x80, 0x80, 0x00}, 32, &v), Status::Ok);
  EXPECT_EQ(v, 0u);
}

TEST(Leb128, Signed) {
  int64_t v;
  EXPECT_EQ(readS({0x7F}, 32, &v), Status::Ok);
  EXPECT_EQ(v, -1);
  EXPECT_EQ(readS({0xC0, 0xBB, 0x78}, 32, &v), Status::Ok);
  EXPECT_EQ(v, -123456);
  EXPECT_EQ(readS({0x80, 0x80, 0x80, 0x80, 0x78}, 32, &v), Status::Ok);
  EXPECT_EQ(v, INT32_MIN);
  // Padding bits must equal the sign bit.
  EXPECT_EQ(readS({0x80, 0x80, 0x80, 0x80, 0x70}, 32, &v), Status::BadPadding);
  EXPECT_EQ(readS({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, 32, &v), Status::BadPadding);
  EXPECT_EQ(readS({0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, 32, &v), Status::Ok);
  EXPECT_EQ(v, -1);
  EXPECT_EQ(readS({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}, 64, &v), Status::Ok);
  EXPECT_EQ(v, INT64_MIN);
}

TEST(Leb128, RoundTrip) {
  for (int64_t x : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{63}, int64_t{64}, int64_t{-64}, int64_t{-65},
                    INT64_MAX, INT64_MIN}) {
    std::vector<uint8_t> buf;
    writeSigned(buf, x);
    int64_t v;
    size_t len;
    ASSERT_EQ(readSigned(buf.data(), buf.data() + buf.size(), 64, &v, &len), Status::Ok);
    EXPECT_EQ(v, x);
    EXPECT_EQ(len, buf.size());
  }
  for (uint64_t x : {uint64_t{0}, uint64_t{127}, uint64_t{128}, UINT64_MAX}) {
    std::vector<uint8_t> buf;
    writeUnsigned(buf, x);
    uint64_t v;
    size_t len;
    ASSERT_EQ(readUnsigned(buf.data(), buf.data() + buf.size(), 64, &v, &len), Status::Ok);
    EXPECT_EQ(v, x);
  }
}
