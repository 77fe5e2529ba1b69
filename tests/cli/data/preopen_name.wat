;; A WASI command that prints the guest name of its first preopen (fd 3)
;; and a newline; exits 1 when there is none.
(module
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (if (call $fd_prestat_get (i32.const 3) (i32.const 0)) (then (call $proc_exit (i32.const 1))))
    ;; prestat: tag at 0, name length at 4; the name goes to 64, followed by "\n".
    (drop (call $fd_prestat_dir_name (i32.const 3) (i32.const 64) (i32.load (i32.const 4))))
    (i32.store8 (i32.add (i32.const 64) (i32.load (i32.const 4))) (i32.const 10))
    (i32.store (i32.const 16) (i32.const 64))
    (i32.store (i32.const 20) (i32.add (i32.load (i32.const 4)) (i32.const 1)))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))
