(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "neg") (param f64) (result f64) (f64.neg (local.get 0)))
  (func (export "split") (param i64) (result i32 i32)
    (i32.wrap_i64 (local.get 0))
    (i32.wrap_i64 (i64.shr_u (local.get 0) (i64.const 32))))
  (func $inner (result i32) unreachable)
  (func (export "crash") (result i32) (call $inner)))
