// Runs one wasi-testsuite (preview1) test the way the suite's reference
// runner does (see TEST_FORMAT.md of the test data): args, env, `root`
// preopened as "/" from a private copy of the fixtures with *.cleanup entries
// removed, stdin an empty pipe, then the exit code and the stdout/stderr
// prefixes are checked. A test named in the expected-failures list must fail
// (a listed test that passes fails the run).
//
// Usage: wasi_test_runner SUITE_DIR LANG TEST EXPECTED_FAILURES [RESOLVER]
//   SUITE_DIR  the test data's wasi/tests folder (WASMCAP_TESTSUITE overrides
//              it: $WASMCAP_TESTSUITE/wasi/tests)
//   LANG/TEST  e.g. rust path_open_preopen
//   RESOLVER   "auto" (default) or "components": the path resolver to use
// Exit: 0 pass (or expected failure), 1 fail, 77 test data missing (skip).
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include <wasmcap/wasmcap.hpp>

namespace fs = std::filesystem;
using namespace wasmcap;

namespace {

constexpr int kPass = 0, kFail = 1, kSkip = 77;

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The reason a test is expected to fail, or empty. Lines: "LANG/TEST reason...".
std::string expectedFailure(const fs::path& list, const std::string& id) {
  std::ifstream in(list);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string name;
    ls >> name;
    if (name == id) {
      std::string reason;
      std::getline(ls, reason);
      return reason.empty() ? "(no reason given)" : reason;
    }
  }
  return {};
}

void removeCleanupEntries(const fs::path& root) {
  std::vector<fs::path> doomed;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it)
    if (it->path().extension() == ".cleanup") {
      doomed.push_back(it->path());
      if (it->is_directory()) it.disable_recursion_pending();
    }
  for (const auto& p : doomed) fs::remove_all(p);
}

// Runs the test; returns "" on success or what went wrong.
std::string runTest(const fs::path& wasm, const nlohmann::json& spec, const fs::path& scratch,
                    wasi::PathResolution resolver, Tier tier) {
  wasi::Config config;
  config.pathResolution = resolver;
  config.arg(wasm.filename().string());
  const nlohmann::json args = spec.value("args", nlohmann::json::array());
  const nlohmann::json env = spec.value("env", nlohmann::json::object());
  for (const auto& a : args) config.arg(a.get<std::string>());
  for (const auto& [k, v] : env.items()) config.setEnv(k, v.get<std::string>());
  if (spec.contains("root") && !spec["root"].is_null()) {
    const fs::path fixture = wasm.parent_path() / spec["root"].get<std::string>();
    const fs::path copy = scratch / "root";
    fs::copy(fixture, copy, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    removeCleanupEntries(copy);
    config.preopen(copy.string(), "/");
  }
  const fs::path outPath = scratch / "stdout", errPath = scratch / "stderr";
  int out = ::open(outPath.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err = ::open(errPath.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int in[2];
  if (out < 0 || err < 0 || ::pipe2(in, O_CLOEXEC) != 0) return "cannot create the stdio files";
  ::close(in[1]);  // stdin: an empty pipe at end of file
  config.stdinStream = wasmcap::wasi::Stdio::hostFd(in[0]);
  config.stdoutStream = wasmcap::wasi::Stdio::hostFd(out);
  config.stderrStream = wasmcap::wasi::Stdio::hostFd(err);

  EngineConfig engineConfig;
  engineConfig.tier = tier;
  Engine engine(engineConfig);
  Store store(engine);
  Linker linker(store);
  Result<int32_t> exitCode = Error(ErrorCode::Internal, "not run");
  std::string bytes = readFile(wasm);
  Result<Module> module = Module::fromBytes(engine, std::vector<uint8_t>(bytes.begin(), bytes.end()));
  Result<void> wasiDefined = linker.defineWasi(config);
  if (!module) exitCode = module.error();
  else if (!wasiDefined) exitCode = wasiDefined.error();
  else exitCode = wasi::runCommand(linker, *module);
  ::close(in[0]);
  ::close(out);
  ::close(err);
  const std::string gotOut = readFile(outPath), gotErr = readFile(errPath);
  std::printf("--- stdout ---\n%s\n--- stderr ---\n%s\n", gotOut.c_str(), gotErr.c_str());
  // A trap ends the program like a native abort (exit status 134).
  int gotExit = 134;
  if (exitCode) {
    gotExit = *exitCode;
  } else if (exitCode.error().trap) {
    std::printf("trap: %s\n", exitCode.error().trap->describe().c_str());
  } else {
    return "could not run: " + exitCode.error().describe();
  }

  std::string problems;
  const int wantExit = spec.value("exit_code", 0);
  if (gotExit != wantExit)
    problems += "exit code " + std::to_string(gotExit) + ", expected " + std::to_string(wantExit) + "\n";
  for (const char* stream : {"stdout", "stderr"}) {
    if (!spec.contains(stream)) continue;
    const std::string want = spec[stream].get<std::string>();
    const std::string& got = std::string(stream) == "stdout" ? gotOut : gotErr;
    if (got.compare(0, want.size(), want) != 0)
      problems += std::string(stream) + " does not start with the expected \"" + want + "\"\n";
  }
  return problems;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::fprintf(stderr, "usage: %s SUITE_DIR LANG TEST EXPECTED_FAILURES [auto|components|llvm]\n", argv[0]);
    return 2;
  }
  const bool components = argc == 6 && std::string(argv[5]) == "components";
  // llvm: the LLVM tier runs the program (path resolution as by default).
  const Tier tier = argc == 6 && std::string(argv[5]) == "llvm" ? Tier::Llvm : Tier::Interpreter;
  const auto resolver = components ? wasi::PathResolution::Walk : wasi::PathResolution::Auto;
  fs::path suite = argv[1];
  if (const char* env = std::getenv("WASMCAP_TESTSUITE"); env && *env) suite = fs::path(env) / "wasi" / "tests";
  const std::string lang = argv[2], test = argv[3], id = lang + "/" + test;
  const fs::path dir = suite / lang / "testsuite" / "wasm32-wasip1";
  const fs::path wasm = dir / (test + ".wasm");
  if (!fs::exists(wasm)) {
    std::printf("SKIP: the wasi-testsuite data is not at %s (set WASMCAP_TESTSUITE_DIR or WASMCAP_TESTSUITE)\n",
                wasm.c_str());
    return kSkip;
  }
  nlohmann::json spec = nlohmann::json::object();
  if (fs::exists(dir / (test + ".json"))) spec = nlohmann::json::parse(readFile(dir / (test + ".json")));

  char tmpl[] = "/tmp/wasmcap-wasi-test-XXXXXX";
  if (!::mkdtemp(tmpl)) return kFail;
  const fs::path scratch = tmpl;
  std::string problems;
  try {
    problems = runTest(wasm, spec, scratch, resolver, tier);
  } catch (const std::exception& e) {  // filesystem or JSON errors of the harness itself
    problems = std::string("runner error: ") + e.what();
  }
  std::error_code ec;
  fs::remove_all(scratch, ec);

  const std::string reason = expectedFailure(argv[4], id);
  if (problems.empty()) {
    if (!reason.empty()) {
      std::printf("FAIL: %s passed but is listed in the expected failures (%s): remove it from the list\n",
                  id.c_str(), reason.c_str());
      return kFail;
    }
    std::printf("PASS: %s\n", id.c_str());
    return kPass;
  }
  if (!reason.empty()) {
    std::printf("expected failure: %s:%s\n%s", id.c_str(), reason.c_str(), problems.c_str());
    return kPass;
  }
  std::printf("FAIL: %s\n%s", id.c_str(), problems.c_str());
  return kFail;
}
