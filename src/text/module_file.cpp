#include "text/module_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

#include "text/wat.h"

namespace wasmcap::text {

Result<std::vector<uint8_t>> readFileBytes(const std::string& path) {
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file) return Error(ErrorCode::Io, "cannot open " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, file.get())) > 0) bytes.insert(bytes.end(), buf, buf + n);
  if (std::ferror(file.get())) return Error(ErrorCode::Io, "cannot read " + path + ": " + std::strerror(errno));
  return bytes;
}

Result<std::string> readFileText(const std::string& path) {
  WASMCAP_TRY_ASSIGN(std::vector<uint8_t> bytes, readFileBytes(path));
  return std::string(bytes.begin(), bytes.end());
}

bool hasWasmMagic(const std::vector<uint8_t>& bytes) {
  return bytes.size() >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
}

Result<std::vector<uint8_t>> loadModuleFile(const std::string& path) {
  WASMCAP_TRY_ASSIGN(std::vector<uint8_t> bytes, readFileBytes(path));
  const bool wasmName = path.size() >= 5 && path.compare(path.size() - 5, 5, ".wasm") == 0;
  if (hasWasmMagic(bytes) || wasmName) return bytes;  // the decoder reports a bad header
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return text::watToBinary(text);
}

}  // namespace wasmcap::text
