;; Imports from "a", which imports from "b": a cycle.
(module (import "a" "f" (func)) (func (export "f")))
