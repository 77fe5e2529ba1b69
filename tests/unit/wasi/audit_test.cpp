// Audit records as JSON lines, and the destinations of an AuditLog.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "wasi/audit_record.h"
#include "wasi/fd_table.h"
#include "wasmcap/wasi_audit.hpp"

namespace wasmcap::wasi {
namespace {

AuditRecord sample() {
  AuditRecord r;
  r.time = std::chrono::system_clock::time_point(std::chrono::microseconds(1'795'000'000'123'456));
  r.instance = "text";
  r.function = "path_open";
  r.fd = 3;
  r.path = "dir/\"quoted\".txt";
  r.rights = {"fd_read", "fd_write"};
  r.rule = "/data is read-only";
  r.errnoValue = 76;
  r.errnoName = "notcapable";
  return r;
}

TEST(WasiAudit, ARecordIsOneLineOfJsonInAFixedOrder) {
  EXPECT_EQ(
      "{\"time\":\"2026-11-18T11:06:40.123456Z\",\"instance\":\"text\",\"function\":\"path_open\",\"fd\":3,"
      "\"path\":\"dir/\\\"quoted\\\".txt\",\"rights\":[\"fd_read\",\"fd_write\"],\"result\":\"refused\","
      "\"rule\":\"/data is read-only\",\"errno\":76,\"error\":\"notcapable\"}",
      sample().toJson());
  AuditRecord granted = sample();
  granted.granted = true;
  granted.rights.clear();
  granted.path.reset();
  granted.receiver = "lib";
  const std::string json = granted.toJson();
  EXPECT_NE(std::string::npos, json.find("\"to\":\"lib\",\"result\":\"granted\",\"errno\":76")) << json;
  EXPECT_EQ(std::string::npos, json.find("rule")) << json;
  AuditRecord trapped = sample();
  trapped.trapped = true;
  EXPECT_NE(std::string::npos, trapped.toJson().find("\"result\":\"trapped\""));
  // A path that is not UTF-8 is replaced, not an exception.
  AuditRecord odd = sample();
  odd.path = std::string("\xff\xfe", 2);
  EXPECT_NE(std::string::npos, odd.toJson().find("\"path\":\"")) << odd.toJson();
}

TEST(WasiAudit, AFileLogAppendsOneLinePerRecord) {
  char tmpl[] = "/tmp/wasmcap-audit-XXXXXX";
  ASSERT_NE(nullptr, ::mkdtemp(tmpl));
  const std::string path = std::string(tmpl) + "/audit.jsonl";
  {
    Result<AuditLog> log = AuditLog::file(path);
    ASSERT_TRUE(log.ok());
    EXPECT_FALSE(log->recordsGranted());
    EXPECT_TRUE(log->withGranted().recordsGranted());
    AuditLog copy = *log;  // shares the file
    log->write(sample());
    copy.write(sample());
  }
  std::ifstream in(path);
  std::string line;
  int lines = 0;
  while (std::getline(in, line)) {
    EXPECT_EQ(sample().toJson(), line);
    ++lines;
  }
  EXPECT_EQ(2, lines);
  ::unlink(path.c_str());
  ::rmdir(tmpl);
  EXPECT_FALSE(AuditLog::file("/nonexistent/wasmcap/audit.jsonl").ok());
}

TEST(WasiAudit, RefusalsNameTheirRule) {
  Refusal r;
  r.rule = RefusalRule::Rights;
  r.fd = 5;
  r.rights = right::FdWrite | right::FdRead;
  r.missing = right::FdWrite;
  AuditRecord rec = refusedRecord(r, "main", "fd_write");
  EXPECT_EQ("fd 5 lacks fd_write", rec.rule);
  EXPECT_EQ((std::vector<std::string>{"fd_read", "fd_write"}), rec.rights);
  EXPECT_EQ(76, rec.errnoValue);
  r.rule = RefusalRule::Outside;
  r.grant = std::make_shared<const std::string>("/data");
  rec = refusedRecord(r, "main", "path_open");
  EXPECT_EQ("path leads outside /data", rec.rule);
  EXPECT_EQ(63, rec.errnoValue);  // perm
  r.rule = RefusalRule::CreateOnly;
  EXPECT_EQ("/data is create-only: existing files stay as they are", refusedRecord(r, "main", "path_open").rule);
  r.rule = RefusalRule::Policy;
  r.groups = 1u << static_cast<unsigned>(Group::FsWrite);
  EXPECT_EQ("policy denies fd_write (fs-write)", refusedRecord(r, "main", "fd_write").rule);
}

}  // namespace
}  // namespace wasmcap::wasi
