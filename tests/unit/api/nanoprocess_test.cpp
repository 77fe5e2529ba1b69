// Nanoprocesses through the C++ API: the scenario of examples/nanoprocess
// with small modules in text form. An application with its own read-only
// data, a text library granted nothing but calls on descriptors it is
// handed, and a logger granted a create-only directory, each its own
// instance with its own WASI context.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <wasmcap/wasmcap.hpp>

namespace wasmcap {
namespace {

// Reads the first byte of a handed descriptor, writes to it, and tries to
// reach outside: path_open, fd_readdir, environ_sizes_get, sock_accept
// (one bit per attempt refused with ENOTCAPABLE).
constexpr const char* kText = R"(
(module
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "secret.txt")
  (func (export "first_byte") (param $fd i32) (result i32) (local $e i32)
    (i32.store (i32.const 0) (i32.const 200))
    (i32.store (i32.const 4) (i32.const 1))
    (local.set $e (call $fd_read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
    (if (result i32) (local.get $e)
      (then (i32.sub (i32.const 0) (local.get $e)))
      (else (i32.load8_u (i32.const 200)))))
  (func (export "try_write") (param $fd i32) (result i32)
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 3))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "probe") (result i32) (local $bits i32)
    (if (i32.eq (i32.const 76) (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 10)
                                 (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8)))
      (then (local.set $bits (i32.or (local.get $bits) (i32.const 1)))))
    (if (i32.eq (i32.const 76) (call $fd_readdir (i32.const 3) (i32.const 300) (i32.const 64) (i64.const 0)
                                 (i32.const 8)))
      (then (local.set $bits (i32.or (local.get $bits) (i32.const 2)))))
    (if (i32.eq (i32.const 76) (call $env (i32.const 8) (i32.const 12)))
      (then (local.set $bits (i32.or (local.get $bits) (i32.const 4)))))
    (if (i32.eq (i32.const 76) (call $accept (i32.const 3) (i32.const 0) (i32.const 8)))
      (then (local.set $bits (i32.or (local.get $bits) (i32.const 8)))))
    (local.get $bits)))
)";

// Appends "event\n" to app.log in its preopen (fd 3), creating it.
constexpr const char* kLogger = R"(
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "app.log")
  (data (i32.const 200) "event\n")
  (global $fd (mut i32) (i32.const -1))
  (func (export "log_event") (result i32) (local $e i32)
    (if (i32.lt_s (global.get $fd) (i32.const 0))
      (then
        ;; O_CREAT, the fd_write right, O_APPEND
        (local.set $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 7) (i32.const 1)
                        (i64.const 64) (i64.const 0) (i32.const 1) (i32.const 8)))
        (if (local.get $e) (then (return (local.get $e))))
        (global.set $fd (i32.load (i32.const 8)))))
    (i32.store (i32.const 0) (i32.const 200))
    (i32.store (i32.const 4) (i32.const 6))
    (call $fd_write (global.get $fd) (i32.const 0) (i32.const 1) (i32.const 12))))
)";

// Opens input.txt in its preopen read-only, hands descriptors on, and
// calls the two other modules.
constexpr const char* kApp = R"(
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasmcap" "fd_give" (func $give (param i32 i64 i32 i32 i32) (result i32)))
  (import "text" "first_byte" (func $first_byte (param i32) (result i32)))
  (import "text" "try_write" (func $try_write (param i32) (result i32)))
  (import "text" "probe" (func $probe (result i32)))
  (import "logger" "log_event" (func $log_event (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "input.txt")
  (data (i32.const 120) "text")
  (data (i32.const 130) "logger")
  (data (i32.const 140) "nobody")
  (func (export "open_input") (result i32) (local $e i32)
    (local.set $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 9) (i32.const 0)
                    (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 8)))
    (if (result i32) (local.get $e)
      (then (i32.sub (i32.const 0) (local.get $e)))
      (else (i32.load (i32.const 8)))))
  ;; to: 0 text, 1 logger, 2 nobody. The received descriptor, or -errno.
  (func (export "give") (param $fd i32) (param $rights i64) (param $to i32) (result i32) (local $e i32)
    (local.set $e (call $give (local.get $fd) (local.get $rights)
                    (i32.add (i32.const 120) (i32.mul (local.get $to) (i32.const 10)))
                    (select (i32.const 4) (i32.const 6) (i32.eqz (local.get $to)))
                    (i32.const 8)))
    (if (result i32) (local.get $e)
      (then (i32.sub (i32.const 0) (local.get $e)))
      (else (i32.load (i32.const 8)))))
  (func (export "first_byte") (param i32) (result i32) (call $first_byte (local.get 0)))
  (func (export "try_write") (param i32) (result i32) (call $try_write (local.get 0)))
  (func (export "probe") (result i32) (call $probe))
  (func (export "log_event") (result i32) (call $log_event)))
)";

class Folder {
 public:
  Folder() {
    char tmpl[] = "/tmp/wasmcap-nanoprocess-XXXXXX";
    path_ = ::mkdtemp(tmpl);
  }
  ~Folder() { std::filesystem::remove_all(path_); }
  std::string path(const std::string& rel) const { return path_ + "/" + rel; }
  void write(const std::string& rel, const std::string& text) const { std::ofstream(path(rel)) << text; }
  std::string read(const std::string& rel) const {
    std::ifstream in(path(rel));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::string path_;
};

class Nanoprocesses : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(folder.path("data"));
    std::filesystem::create_directories(folder.path("logs"));
    folder.write("data/input.txt", "hello");
    folder.write("logs/old.log", "kept");
    audit = wasi::AuditLog::callback([this](const wasi::AuditRecord& r) { records.push_back(r); });
  }

  Result<Module> module(const char* wat) { return Module::fromWat(engine, wat); }

  Folder folder;
  Engine engine;
  std::vector<wasi::AuditRecord> records;
  wasi::AuditLog audit = wasi::AuditLog::callback(nullptr);
};

TEST_F(Nanoprocesses, EachInstanceHasOnlyTheAuthorityGivenToIt) {
  auto app = module(kApp), text = module(kText), logger = module(kLogger);
  ASSERT_TRUE(app && text && logger);

  wasi::Config appConfig;
  appConfig.preopen(folder.path("data"), "/data", wasi::Access::ReadOnly);
  appConfig.audit = audit;
  wasi::Config textConfig;  // no directory, environment, stream or socket
  textConfig.policy = wasi::Policy::library();
  ASSERT_TRUE(textConfig.policy.allow("fd_read,fd_write").ok());
  textConfig.audit = audit;
  wasi::Config loggerConfig;
  loggerConfig.preopen(folder.path("logs"), "/logs", wasi::Access::Create);
  loggerConfig.policy = wasi::Policy::library();
  ASSERT_TRUE(loggerConfig.policy.allow("fs-read,fs-write").ok());
  loggerConfig.audit = audit;

  Store store(engine);
  Linker linker(store);
  // The application first: instantiated last, after what it imports from.
  std::vector<Nanoprocess> parts = {{"main", *app, appConfig}, {"text", *text, textConfig},
                                    {"logger", *logger, loggerConfig}};
  Result<std::vector<Instance>> instances = instantiateNanoprocesses(linker, parts);
  ASSERT_TRUE(instances) << instances.error().describe();
  ASSERT_EQ(3u, instances->size());
  const Instance& main = (*instances)[0];
  auto call = [&](const char* name, auto... args) {
    std::vector<Value> in = {args...};
    Result<std::vector<Value>> out = main.func(name)->call(in);
    EXPECT_TRUE(out) << name << ": " << (out ? "" : out.error().describe());
    return out && !out->empty() ? (*out)[0].i32() : -1000;
  };

  // The application reads its own data and hands the library a read-only descriptor.
  const int32_t fd = call("open_input");
  ASSERT_GE(fd, 3);
  const int32_t handed = call("give", Value::i32(fd), Value::i64(-1), Value::i32(0));
  ASSERT_GE(handed, 0);
  EXPECT_EQ('h', call("first_byte", Value::i32(handed)));
  EXPECT_EQ(76, call("try_write", Value::i32(handed)));  // the giver's rights: read only
  EXPECT_EQ(15, call("probe"));                          // all four refused
  // Handing on needs an instance the application calls.
  EXPECT_EQ(-44, call("give", Value::i32(fd), Value::i64(-1), Value::i32(2)));  // noent
  EXPECT_EQ(-8, call("give", Value::i32(99), Value::i64(-1), Value::i32(0)));   // badf
  // The logger writes its own log, once created.
  EXPECT_EQ(0, call("log_event"));
  EXPECT_EQ(0, call("log_event"));
  EXPECT_EQ("event\nevent\n", folder.read("logs/app.log"));
  EXPECT_EQ("kept", folder.read("logs/old.log"));
  EXPECT_EQ("hello", folder.read("data/input.txt"));

  std::vector<std::pair<std::string, std::string>> seen;
  for (const auto& r : records) seen.emplace_back(r.instance + " " + r.function, r.rule);
  EXPECT_EQ((std::vector<std::pair<std::string, std::string>>{
                {"text fd_write", "/data is read-only"},
                {"text path_open", "policy denies path_open (fs-read)"},
                {"text fd_readdir", "policy denies fd_readdir (fs-read)"},  // fd 3: the handed file
                {"text environ_sizes_get", "policy denies environ_sizes_get (env)"},
                {"text sock_accept", "policy denies sock_accept (sock)"},
                {"main fd_give", "no instance \"nobody\" that this one imports from"},
            }),
            seen);
}

TEST_F(Nanoprocesses, HandedRightsAreNeverWiderThanTheGivers) {
  auto app = module(kApp), text = module(kText), logger = module(kLogger);
  ASSERT_TRUE(app && text && logger);
  wasi::Config appConfig;
  appConfig.preopen(folder.path("data"), "/data", wasi::Access::ReadWrite);
  wasi::Config textConfig;
  textConfig.policy = wasi::Policy::library();
  ASSERT_TRUE(textConfig.policy.allow("fd_read,fd_write").ok());
  Store store(engine);
  Linker linker(store);
  std::vector<Nanoprocess> parts = {
      {"text", *text, textConfig}, {"logger", *logger, wasi::Config{}}, {"main", *app, appConfig}};
  auto instances = instantiateNanoprocesses(linker, parts);
  ASSERT_TRUE(instances) << instances.error().describe();
  const Instance& main = instances->back();
  // The application may write beneath /data, but open_input asks for
  // fd_read only: handing on "all rights" hands on what it holds.
  auto fd = main.typedFunc<int32_t()>("open_input");
  auto give = main.typedFunc<int32_t(int32_t, int64_t, int32_t)>("give");
  auto tryWrite = main.typedFunc<int32_t(int32_t)>("try_write");
  ASSERT_TRUE(fd && give && tryWrite);
  const int32_t opened = *(*fd)();
  const int32_t handed = *(*give)(opened, -1, 0);
  ASSERT_GE(handed, 0);
  EXPECT_EQ(76, *(*tryWrite)(handed));
  // A default Config grants no directory: the logger has no descriptor 3.
  auto log = main.typedFunc<int32_t()>("log_event");
  ASSERT_TRUE(log);
  EXPECT_EQ(8, *(*log)());  // badf
  EXPECT_FALSE(std::filesystem::exists(folder.path("data/app.log")));
}

TEST_F(Nanoprocesses, CyclesAndDuplicateNamesAreErrors) {
  auto a = Module::fromWat(engine, R"((module (import "b" "f" (func)) (func (export "f"))))");
  auto b = Module::fromWat(engine, R"((module (import "a" "f" (func)) (func (export "f"))))");
  ASSERT_TRUE(a && b);
  Store store(engine);
  Linker linker(store);
  std::vector<Nanoprocess> cycle = {{"a", *a, {}}, {"b", *b, {}}};
  auto r = instantiateNanoprocesses(linker, cycle);
  ASSERT_FALSE(r);
  EXPECT_EQ(ErrorCode::Unlinkable, r.error().code);
  EXPECT_NE(std::string::npos, r.error().message.find("a -> b -> a")) << r.error().message;
  std::vector<Nanoprocess> twice = {{"a", *a, {}}, {"a", *b, {}}};
  auto d = instantiateNanoprocesses(linker, twice);
  ASSERT_FALSE(d);
  EXPECT_EQ(ErrorCode::Usage, d.error().code);
}

}  // namespace
}  // namespace wasmcap
