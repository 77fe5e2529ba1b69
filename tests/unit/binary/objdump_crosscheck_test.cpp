// Cross-check against an independent decoder: for a sample of real modules,
// the entry counts of every section and the custom section names decoded by
// wasmcap must equal what wabt's `wasm-objdump -h` reports. wabt is used only
// here, as a reference; the test skips when it is not installed.
#include <gtest/gtest.h>

#include "testsuite_dir.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>

#include "binary/decoder.h"

namespace wasmcap::binary::test {
namespace {

namespace fs = std::filesystem;

struct ObjdumpSummary {
  std::map<std::string, uint64_t> counts;  // "Type" -> count, "Start" -> start function
  std::vector<std::string> customs;
};

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

bool haveObjdump() { return std::system("wasm-objdump --version > /dev/null 2>&1") == 0; }

ObjdumpSummary objdump(const fs::path& file) {
  ObjdumpSummary s;
  std::string text = run("wasm-objdump -h '" + file.string() + "' 2>/dev/null");
  static const std::regex counted(R"(^\s*(\w+) start=\S+ end=\S+ \(size=\S+\) (?:count|start): (\d+))");
  static const std::regex custom(R"(^\s*Custom start=\S+ end=\S+ \(size=\S+\) \"(.*)\")");
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string line = text.substr(pos, eol - pos);
    std::smatch m;
    if (std::regex_search(line, m, counted)) s.counts[m[1]] = std::stoull(m[2]);
    else if (std::regex_search(line, m, custom)) s.customs.push_back(m[1]);
    pos = eol + 1;
  }
  return s;
}

std::vector<fs::path> sampleModules(const std::string& root, size_t stride) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->path().extension() == ".wasm") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  std::vector<fs::path> sample;
  for (size_t i = 0; i < files.size(); i += stride) sample.push_back(files[i]);
  return sample;
}

std::string wasiDir() { return ::wasmcap::test::wasiDir().string(); }

TEST(ObjdumpCrossCheck, SectionCountsOfWasiModules) {
  if (!haveObjdump()) GTEST_SKIP() << "wasm-objdump (wabt) not installed";
  auto files = sampleModules(wasiDir(), 4);
  if (files.empty()) GTEST_SKIP() << "no .wasm files under " << wasiDir();
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
    auto decoded = decodeModule(bytes);
    ASSERT_TRUE(decoded.ok()) << file << ": " << decoded.error().describe();
    const ir::Module& m = *decoded;
    ObjdumpSummary ref = objdump(file);
    ASSERT_FALSE(ref.counts.empty()) << "wasm-objdump printed no sections for " << file;
    auto count = [&](const char* name) { return ref.counts.count(name) ? ref.counts.at(name) : 0; };
    const std::string f = file.filename().string();
    EXPECT_EQ(m.types.size(), count("Type")) << f;
    EXPECT_EQ(m.imports.size(), count("Import")) << f;
    EXPECT_EQ(m.functions.size(), count("Function")) << f;
    EXPECT_EQ(m.functions.size(), count("Code")) << f;
    EXPECT_EQ(m.tables.size() - m.importedTables, count("Table")) << f;
    EXPECT_EQ(m.memories.size() - m.importedMemories, count("Memory")) << f;
    EXPECT_EQ(m.globals.size(), count("Global")) << f;
    EXPECT_EQ(m.exports.size(), count("Export")) << f;
    EXPECT_EQ(m.elems.size(), count("Elem")) << f;
    EXPECT_EQ(m.datas.size(), count("Data")) << f;
    EXPECT_EQ(m.dataCount.has_value(), ref.counts.count("DataCount") == 1) << f;
    if (m.dataCount) {
      EXPECT_EQ(*m.dataCount, count("DataCount")) << f;
    }
    EXPECT_EQ(m.start.has_value(), ref.counts.count("Start") == 1) << f;
    if (m.start) {
      EXPECT_EQ(*m.start, count("Start")) << f;
    }
    std::vector<std::string> customs;
    for (const auto& c : m.customs) customs.push_back(c.name);
    EXPECT_EQ(customs, ref.customs) << f;
  }
}

}  // namespace
}  // namespace wasmcap::binary::test
