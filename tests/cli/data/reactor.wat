;; A WASI reactor: _initialize sets the state that "get" reads; "quit"
;; ends the program with proc_exit(9).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (global $state (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $state (i32.const 42)))
  (func (export "get") (result i32) (global.get $state))
  (func (export "quit") (call $proc_exit (i32.const 9))))
