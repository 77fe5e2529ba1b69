#include "corpus.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#ifdef WASMCAP_FUZZ_HAVE_TEXT
#include "text/script.h"
#include "text/wat.h"
#endif

namespace wasmcap::fuzz {

namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::vector<fs::path> sortedFiles(const fs::path& root, const std::string& extension) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == extension) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::string testsuiteDir() {
  std::error_code ec;
  if (const char* env = std::getenv("WASMCAP_TESTSUITE"); env && *env && fs::is_directory(env, ec)) return env;
#ifdef WASMCAP_TESTSUITE_DIR
  if (fs::is_directory(WASMCAP_TESTSUITE_DIR, ec)) return WASMCAP_TESTSUITE_DIR;
#endif
  return {};
}

std::vector<CorpusModule> wasiModules(const std::string& dir, uintmax_t largeBytes, size_t largeStride) {
  std::vector<CorpusModule> out;
  size_t large = 0;
  for (const fs::path& file : sortedFiles(fs::path(dir) / "wasi", ".wasm")) {
    std::error_code ec;
    if (fs::file_size(file, ec) >= largeBytes && large++ % largeStride != 0) continue;
    out.push_back({file.string(), readFile(file), true});
  }
  return out;
}

bool haveSpecModules() {
#ifdef WASMCAP_FUZZ_HAVE_TEXT
  return true;
#else
  return false;
#endif
}

std::vector<CorpusModule> specModules(const std::string& dir, size_t stride, const std::string& suite) {
  std::vector<CorpusModule> out;
#ifdef WASMCAP_FUZZ_HAVE_TEXT
  auto files = sortedFiles(fs::path(dir) / suite, ".wast");
  for (size_t i = 0; i < files.size(); i += stride) {
    std::vector<uint8_t> raw = readFile(files[i]);
    auto script = text::parseWast(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()));
    if (!script.ok()) continue;  // the spec runner reports scripts that fail to parse
    for (const text::ScriptCommand& cmd : script->commands) {
      bool hasModule = cmd.kind == text::ScriptCommand::Kind::Module || cmd.hasModule;
      if (!hasModule || cmd.module.textError) continue;
      std::string origin = files[i].filename().string() + ":" + std::to_string(cmd.line);
      bool wellFormed = cmd.kind != text::ScriptCommand::Kind::AssertMalformed;
      if (cmd.module.form == text::ScriptModule::Form::Binary) {
        out.push_back({origin, cmd.module.bytes, wellFormed});
      } else if (auto bytes = text::watToBinary(cmd.module.quote); bytes.ok()) {
        out.push_back({origin, std::move(bytes).value(), wellFormed});
      }
    }
  }
#else
  (void)dir;
  (void)stride;
  (void)suite;
#endif
  return out;
}

}  // namespace wasmcap::fuzz
