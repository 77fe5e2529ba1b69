;; A WASI command that writes "partial\n" to stdout, then traps two calls deep.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "\10\00\00\00\08\00\00\00")  ;; iovec: buf 16, len 8
  (data (i32.const 16) "partial\n")
  (func $inner unreachable)
  (func $outer (call $inner))
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32)))
    (call $outer)))
