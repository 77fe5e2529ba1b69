;; A plugin for the example hosts: it greets through the host's `log`
;; function, sums the numbers 1..n, and has one function that never ends.
(module
  (import "host" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello from the plugin")
  (func (export "greet") (call $log (i32.const 0) (i32.const 21)))
  (func (export "sum") (param $n i32) (result i32) (local $total i32)
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (local.set $total (i32.add (local.get $total) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
    (local.get $total))
  (func (export "spin") (loop $forever (br $forever))))
