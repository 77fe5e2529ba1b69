// What each fuel check charges. In wasm the only backward control flow is a
// branch to a loop header, so within one iteration of its innermost
// enclosing loop (or one activation of the function, for code outside any
// loop) an instruction runs at most once. The check at a loop header
// therefore charges the wasm instructions lexically inside that loop but not
// inside a nested one (the `loop` and its `end` included), and the check at
// function entry those outside every loop (the final `end` included): an
// upper bound on what runs, exact for straight-line code.
//
// Lowering feeds every instruction of the body, in order, dead code
// included (a loop in dead code has no check: what is inside never runs).
// Internal to the interpreter's lowering.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "ir/opcode.h"

namespace wasmcap::interp::lowering {

class CheckRegions {
 public:
  struct Region {
    size_t costCell = SIZE_MAX;  // where the check's charge goes (SIZE_MAX: no check)
    uint64_t count = 0;          // instructions seen so far
  };

  // The function's own region, whose check is at entry.
  void startFunction(size_t costCell) {
    regions_.assign(1, Region{costCell, 0});
    openIsLoop_.clear();
  }
  // Count `op`, the next instruction of the body. A `loop` opens its region
  // first (it counts in its own); the `end` closing a loop closes it after
  // counting: that region is returned, complete.
  std::optional<Region> count(ir::Opcode op) {
    switch (op) {
      case ir::Opcode::Block: case ir::Opcode::If: case ir::Opcode::TryTable:
        openIsLoop_.push_back(false);
        break;
      case ir::Opcode::Loop:
        openIsLoop_.push_back(true);
        regions_.push_back({});
        break;
      default:
        break;
    }
    ++regions_.back().count;
    if (op != ir::Opcode::End || openIsLoop_.empty()) return std::nullopt;  // (the function's end)
    bool loop = openIsLoop_.back();
    openIsLoop_.pop_back();
    if (!loop) return std::nullopt;
    Region r = regions_.back();
    regions_.pop_back();
    return r;
  }
  // The loop just counted has its check, with its charge at `costCell`.
  void setLoopCostCell(size_t costCell) { regions_.back().costCell = costCell; }
  const Region& function() const { return regions_.front(); }

 private:
  std::vector<Region> regions_;    // open regions, innermost last; [0] the function's
  std::vector<bool> openIsLoop_;   // open blocks, ifs and loops, innermost last
};

}  // namespace wasmcap::interp::lowering
