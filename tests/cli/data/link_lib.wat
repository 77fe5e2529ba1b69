;; A module linked to link_main.wat: answers 42, and would read the
;; environment if it were granted it (it is not: environ_sizes_get returns
;; ENOTCAPABLE, 76, which it adds).
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "answer") (result i32)
    (i32.sub (call $env (i32.const 0) (i32.const 4)) (i32.const 34))))
