;; A plugin: says hello through the host's `env.log`, then sums 1..n.
(module
  (import "env" "log" (func $log (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "hello from the plugin")
  (func (export "run") (param $n i32) (result i32) (local $sum i32)
    (call $log (i32.const 0) (i32.const 21))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
