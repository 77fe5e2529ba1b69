;; Imports from "b", which imports from "a": a cycle.
(module (import "b" "f" (func)) (func (export "f")))
