;; Valid with multi-memory (WebAssembly 3.0), invalid in 2.0 ("multiple memories").
(module
  (memory 1)
  (memory $second 1)
  (data (memory $second) (i32.const 0) "\2a")
  (func (export "peek") (result i32) (i32.load (i32.const 0))))
