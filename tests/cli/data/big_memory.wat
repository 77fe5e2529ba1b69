;; A module whose memory starts at 128 MiB.
(module (memory 2048) (func (export "_start")))
