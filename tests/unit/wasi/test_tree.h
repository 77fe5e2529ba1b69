// A scratch directory tree for WASI tests: `root/` is what the guest is
// handed, `outside/` holds a secret it must never reach. Removed afterwards.
#pragma once
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace wasmcap::wasi::testing {

class TestTree {
 public:
  TestTree() {
    char tmpl[] = "/tmp/wasmcap-wasi-XXXXXX";
    base_ = ::mkdtemp(tmpl);
    std::filesystem::create_directories(base_ + "/root");
    std::filesystem::create_directories(base_ + "/outside");
    write("outside/secret.txt", "secret");
  }
  ~TestTree() {
    std::error_code ec;
    std::filesystem::remove_all(base_, ec);
  }
  const std::string& base() const { return base_; }
  std::string root() const { return base_ + "/root"; }
  std::string path(const std::string& rel) const { return base_ + "/" + rel; }

  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(path(rel), std::ios::binary) << text;
  }
  std::string read(const std::string& rel) const {
    std::ifstream in(path(rel), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  void mkdir(const std::string& rel) const { std::filesystem::create_directories(path(rel)); }
  void symlink(const std::string& target, const std::string& rel) const {
    std::filesystem::create_symlink(target, path(rel));
  }
  bool exists(const std::string& rel) const {
    struct stat st;
    return ::lstat(path(rel).c_str(), &st) == 0;
  }

  // Every entry below `rel` with its type, size and content: equal snapshots
  // mean nothing there was created, removed or changed.
  std::map<std::string, std::string> snapshot(const std::string& rel) const {
    std::map<std::string, std::string> out;
    for (auto& e : std::filesystem::recursive_directory_iterator(path(rel))) {
      std::string key = e.path().string();
      if (e.is_symlink()) out[key] = "link:" + std::filesystem::read_symlink(e.path()).string();
      else if (e.is_directory()) out[key] = "dir";
      else {
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        struct stat st;
        ::lstat(key.c_str(), &st);
        out[key] = "file:" + ss.str() + ":" + std::to_string(st.st_mode & 07777) + ":" +
                   std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
      }
    }
    return out;
  }

 private:
  std::string base_;
};

}  // namespace wasmcap::wasi::testing
