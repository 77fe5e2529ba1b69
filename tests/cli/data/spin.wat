;; A WASI command that never ends: (loop (br 0)).
(module (func (export "_start") (loop $forever (br $forever))))
