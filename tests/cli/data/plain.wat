;; Not a WASI command: no imports and no _start.
(module
  (func (export "one") (result i32) (i32.const 1)))
