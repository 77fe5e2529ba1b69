;; A module whose memory and table are its own, exported or not: `wasmcap
;; inspect` still shows their limits.
(module
  (memory 2 10)
  (table 3 funcref)
  (func (export "size") (result i32) memory.size))
