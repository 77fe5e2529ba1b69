;; A WASI command that grows its memory one page at a time until memory.grow
;; fails, then exits with the number of MiB it got (pages / 16).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start")
    (block $full (loop $more
      (br_if $full (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (br $more)))
    (call $exit (i32.shr_u (memory.size) (i32.const 4)))))
