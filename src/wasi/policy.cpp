#include "wasi/policy.h"

#include <algorithm>
#include <vector>

#include "util/api_access.h"
#include "wasi/context.h"
#include "wasi/open_intent.h"

namespace wasmcap::wasi {
namespace {

// The group names functions.def uses.
namespace groups {
constexpr uint16_t Args = groupBit(Group::Args), Env = groupBit(Group::Env), Clock = groupBit(Group::Clock),
                   Random = groupBit(Group::Random), FsRead = groupBit(Group::FsRead),
                   FsWrite = groupBit(Group::FsWrite), FsReadOrWrite = FsRead | FsWrite,
                   Poll = groupBit(Group::Poll), Sched = groupBit(Group::Sched), Sock = groupBit(Group::Sock),
                   Proc = groupBit(Group::Proc);
}  // namespace groups

constexpr std::array<FunctionTraits, kFunctionCount> kTraits = {{
#define WASMCAP_WASI_FUNCTION(name, cls, fs, fd, path) {#name, PolicyClass::cls, groups::fs, fd, path},
#include "wasi/functions.def"
}};

constexpr std::array<std::string_view, kFunctionCount> kNames = [] {
  std::array<std::string_view, kFunctionCount> names{};
  for (size_t i = 0; i < kFunctionCount; ++i) names[i] = kTraits[i].name;
  return names;
}();

constexpr std::array<std::string_view, kGroupCount> kGroupNames = {
    "args", "env", "clock", "random", "stdio", "fs-read", "fs-write", "poll", "sched", "sock", "proc"};

// The separate ways a call of `fn` can be classified: a function is allowed
// when each of them meets an allowed group.
struct Classifications {
  std::array<uint16_t, 3> masks{};
  size_t count = 0;
};

Classifications classifications(size_t fn) {
  const FunctionTraits& t = kTraits[fn];
  switch (t.policyClass) {
    case PolicyClass::Fixed: return {{t.fsGroups}, 1};
    case PolicyClass::Open: return {{groups::FsRead, groups::FsWrite}, 2};
    case PolicyClass::OnFd: break;
  }
  return {{groupBit(Group::Stdio), groups::Sock, t.fsGroups}, 3};
}

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

Error unknownItem(std::string_view item) {
  std::string_view best;
  size_t bestDistance = 3;  // suggest only close misspellings
  auto consider = [&](std::string_view name) {
    const size_t d = editDistance(item, name);
    if (d < bestDistance) bestDistance = d, best = name;
  };
  for (std::string_view name : kGroupNames) consider(name);
  for (std::string_view name : kNames) consider(name);
  std::string message = "unknown WASI function or group \"" + std::string(item) + "\"";
  if (!best.empty()) message += " (did you mean \"" + std::string(best) + "\"?)";
  message += "; groups: ";
  for (size_t g = 0; g < kGroupCount; ++g) message += (g ? ", " : "") + std::string(kGroupNames[g]);
  return Error(ErrorCode::Usage, message);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Applies `apply(item)` to every item of a comma-separated list, after
// checking them all, so that a bad list changes nothing.
template <typename Apply>
Result<void> forEachItem(std::string_view list, Apply apply) {
  std::vector<std::string_view> items;
  for (std::string_view rest = list;;) {
    const size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    if (item.empty())
      return Error(ErrorCode::Usage, "empty item in the WASI function list \"" + std::string(list) + "\"");
    if (!groupByName(item) && !functionIndex(item)) return unknownItem(item);
    items.push_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  for (std::string_view item : items) apply(item);
  return {};
}

}  // namespace

const std::array<FunctionTraits, kFunctionCount>& functionTraits() { return kTraits; }

std::optional<size_t> functionIndex(std::string_view name) {
  for (size_t i = 0; i < kFunctionCount; ++i)
    if (kNames[i] == name) return i;
  return std::nullopt;
}

uint16_t possibleGroups(size_t fn) {
  const Classifications c = classifications(fn);
  uint16_t all = 0;
  for (size_t i = 0; i < c.count; ++i) all |= c.masks[i];
  return all;
}

uint16_t callGroups(Context& ctx, size_t fn, std::span<const runtime::Value> args) {
  const FunctionTraits& t = kTraits[fn];
  switch (t.policyClass) {
    case PolicyClass::Fixed: return t.fsGroups;
    case PolicyClass::Open: {
      // path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd_out)
      const bool writes = changesFiles(args[4].raw.i32, args[5].raw.i64, args[7].raw.i32);
      return writes ? groups::FsWrite : groups::FsRead;
    }
    case PolicyClass::OnFd: break;
  }
  const FdEntry* e = ctx.fds().get(args[static_cast<size_t>(t.fdArg)].raw.i32);
  if (!e) return 0;
  switch (e->kind) {
    case DescriptorKind::Stdio: return groupBit(Group::Stdio);
    case DescriptorKind::Socket: return groups::Sock;
    case DescriptorKind::Filesystem: break;
  }
  return t.fsGroups;
}

std::string groupNames(uint16_t mask) {
  std::string out;
  for (size_t g = 0; g < kGroupCount; ++g)
    if (mask & (1u << g)) out += (out.empty() ? "" : " or ") + std::string(kGroupNames[g]);
  return out;
}

std::string policyRefusalText(std::string_view function, uint16_t groups) {
  std::string text(function);
  if (groups) text += " (" + groupNames(groups) + ")";
  return text;
}

uint16_t allowedGroups(const Policy& policy, size_t fn) { return ApiAccess::policyGroups(policy)[fn]; }

Binding bindingOf(const Policy& policy, size_t fn) {
  const uint16_t allowed = allowedGroups(policy, fn);
  const Classifications c = classifications(fn);
  size_t met = 0;
  for (size_t i = 0; i < c.count; ++i) met += (c.masks[i] & allowed) != 0;
  if (met == c.count) return Binding::Allowed;
  return met == 0 ? Binding::Denied : Binding::Checked;
}

// ---- the public API (wasmcap/wasi_policy.hpp) ----

std::string_view groupName(Group group) { return kGroupNames[static_cast<size_t>(group)]; }

std::optional<Group> groupByName(std::string_view name) {
  for (size_t g = 0; g < kGroupCount; ++g)
    if (kGroupNames[g] == name) return static_cast<Group>(g);
  return std::nullopt;
}

std::span<const std::string_view> functionNames() { return kNames; }

std::vector<Group> groupsOf(std::string_view function) {
  std::vector<Group> out;
  const std::optional<size_t> fn = functionIndex(function);
  if (!fn) return out;
  const uint16_t all = possibleGroups(*fn);
  for (size_t g = 0; g < kGroupCount; ++g)
    if (all & (1u << g)) out.push_back(static_cast<Group>(g));
  return out;
}

Policy::Policy() { allowed_.fill(kAllGroups); }

Policy Policy::denyAll() {
  Policy p;
  p.allowed_.fill(0);
  return p;
}

Policy Policy::library() {
  Policy p = denyAll();
  p.allow(Group::Random).allow(Group::Sched);
  p.allowed_[*functionIndex("proc_exit")] = kAllGroups;  // not proc_raise
  return p;
}

Result<void> Policy::allow(std::string_view list) {
  return forEachItem(list, [this](std::string_view item) {
    if (auto g = groupByName(item)) allow(*g);
    else allowed_[*functionIndex(item)] = kAllGroups;
  });
}

Result<void> Policy::deny(std::string_view list) {
  return forEachItem(list, [this](std::string_view item) {
    if (auto g = groupByName(item)) deny(*g);
    else allowed_[*functionIndex(item)] = 0;
  });
}

Policy& Policy::allow(Group group) {
  for (uint16_t& a : allowed_) a |= groupBit(group);
  return *this;
}

Policy& Policy::deny(Group group) {
  for (uint16_t& a : allowed_) a &= ~groupBit(group);
  return *this;
}

bool Policy::allows(std::string_view function, Group group) const {
  const std::optional<size_t> fn = functionIndex(function);
  return fn && (possibleGroups(*fn) & groupBit(group)) && (allowed_[*fn] & groupBit(group));
}

bool Policy::allowsAll(std::string_view function) const {
  const std::optional<size_t> fn = functionIndex(function);
  return fn && bindingOf(*this, *fn) == Binding::Allowed;
}

}  // namespace wasmcap::wasi
