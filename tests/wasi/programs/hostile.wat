;; Calls WASI functions directly with hostile arguments: pointers and lengths
;; out of bounds, ptr+len overflowing 32 bits, huge iovec counts, invalid
;; descriptors, invalid UTF-8 and NUL bytes in paths, and opening
;; descriptors until none are left. Each result is checked here; the first
;; unexpected one ends the program with proc_exit(its check number), so exit
;; status 0 means every errno was as expected. Run with a writable preopen as
;; fd 3 (wasmcap run --dir DIR::/sandbox hostile.wat).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)

  ;; iovecs (buf, len) at 16..47
  (data (i32.const 16) "\f0\ff\ff\ff\00\01\00\00")  ;; buf near 4 GiB: buf+len wraps past 2^32
  (data (i32.const 24) "\64\00\00\00\00\00\01\00")  ;; buf 100, len 65536: runs past the memory's end
  (data (i32.const 32) "\c8\00\00\00\00\00\00\00")  ;; buf 200, len 0: valid and empty
  ;; paths
  (data (i32.const 64) "\ff\fe")     ;; invalid UTF-8
  (data (i32.const 72) "a\00b")      ;; an embedded NUL
  (data (i32.const 80) "\c3\28")     ;; a truncated two-byte sequence
  (data (i32.const 88) ".")
  (data (i32.const 96) "../escape")

  (global $errno_badf i32 (i32.const 8))
  (global $errno_fault i32 (i32.const 21))
  (global $errno_ilseq i32 (i32.const 25))
  (global $errno_inval i32 (i32.const 28))
  (global $errno_mfile i32 (i32.const 33))
  (global $errno_nfile i32 (i32.const 41))
  (global $errno_notcapable i32 (i32.const 76))
  (global $errno_notdir i32 (i32.const 54))
  (global $errno_perm i32 (i32.const 63))

  ;; Ends the program with exit status `id` unless `got` is `want`.
  (func $expect (param $got i32) (param $want i32) (param $id i32)
    (if (i32.ne (local.get $got) (local.get $want)) (then (call $proc_exit (local.get $id)))))
  ;; The same, allowing either of two answers.
  (func $expect2 (param $got i32) (param $a i32) (param $b i32) (param $id i32)
    (if (i32.and (i32.ne (local.get $got) (local.get $a)) (i32.ne (local.get $got) (local.get $b)))
      (then (call $proc_exit (local.get $id)))))

  ;; path_open beneath fd 3 with no rights asked; the new fd goes to offset 8.
  (func $open (param $dirfd i32) (param $path i32) (param $len i32) (param $oflags i32) (result i32)
    (call $path_open (local.get $dirfd) (i32.const 0) (local.get $path) (local.get $len) (local.get $oflags)
      (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 8)))

  ;; Opens `$dir` again and again until descriptors run out.
  (func $exhaust_fds (param $dir i32) (local $first i32) (local $fd i32) (local $errno i32) (local $opened i32)
    (local.set $first (i32.const -1))
    (block $done
      (loop $more
        (local.set $errno (call $open (local.get $dir) (i32.const 88) (i32.const 1) (i32.const 2)))
        (br_if $done (local.get $errno))
        (local.set $fd (i32.load (i32.const 8)))
        (if (i32.lt_s (local.get $first) (i32.const 0)) (then (local.set $first (local.get $fd))))
        (local.set $opened (i32.add (local.get $opened) (i32.const 1)))
        (br_if $done (i32.gt_u (local.get $opened) (i32.const 1000000)))
        (br $more)))
    ;; Ran out of descriptors (and was told so), after opening some.
    (call $expect2 (local.get $errno) (global.get $errno_nfile) (global.get $errno_mfile) (i32.const 60))
    (if (i32.lt_u (local.get $opened) (i32.const 16)) (then (call $proc_exit (i32.const 61))))
    ;; Close them all (descriptors are numbered from the first one up), then open again.
    (local.set $fd (local.get $first))
    (block $closed
      (loop $close
        (br_if $closed (i32.ge_u (local.get $fd) (i32.add (local.get $first) (local.get $opened))))
        (call $expect (call $fd_close (local.get $fd)) (i32.const 0) (i32.const 62))
        (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
        (br $close)))
    (call $expect (call $open (local.get $dir) (i32.const 88) (i32.const 1) (i32.const 2)) (i32.const 0) (i32.const 63))
    (call $expect (call $fd_close (i32.load (i32.const 8))) (i32.const 0) (i32.const 64)))

  (func (export "_start")
    ;; fd_write / fd_read: the iovec array itself out of bounds.
    (call $expect (call $fd_write (i32.const 1) (i32.const 65536) (i32.const 1) (i32.const 0))
      (global.get $errno_fault) (i32.const 1))
    (call $expect (call $fd_write (i32.const 1) (i32.const 0xfffffff8) (i32.const 1) (i32.const 0))
      (global.get $errno_fault) (i32.const 2))
    ;; A buffer whose ptr+len wraps around 2^32, and one running past the end.
    (call $expect (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 0))
      (global.get $errno_fault) (i32.const 3))
    (call $expect (call $fd_write (i32.const 1) (i32.const 24) (i32.const 1) (i32.const 0))
      (global.get $errno_fault) (i32.const 4))
    (call $expect (call $fd_read (i32.const 0) (i32.const 24) (i32.const 1) (i32.const 0))
      (global.get $errno_fault) (i32.const 5))
    ;; Huge iovec counts (8 * count overflows or exceeds the memory).
    (call $expect2 (call $fd_write (i32.const 1) (i32.const 32) (i32.const 0x7fffffff) (i32.const 0))
      (global.get $errno_fault) (global.get $errno_inval) (i32.const 6))
    (call $expect2 (call $fd_write (i32.const 1) (i32.const 32) (i32.const 0xffffffff) (i32.const 0))
      (global.get $errno_fault) (global.get $errno_inval) (i32.const 7))
    (call $expect2 (call $fd_read (i32.const 0) (i32.const 32) (i32.const 0x20000000) (i32.const 0))
      (global.get $errno_fault) (global.get $errno_inval) (i32.const 8))
    ;; The result pointer out of bounds (the empty write itself is harmless).
    (call $expect (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 65534))
      (global.get $errno_fault) (i32.const 9))
    ;; An empty write with good arguments succeeds.
    (call $expect (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 0))
      (i32.const 0) (i32.const 10))

    ;; Invalid descriptors.
    (call $expect (call $fd_write (i32.const 99) (i32.const 32) (i32.const 1) (i32.const 0))
      (global.get $errno_badf) (i32.const 11))
    (call $expect (call $fd_write (i32.const -1) (i32.const 32) (i32.const 1) (i32.const 0))
      (global.get $errno_badf) (i32.const 12))
    (call $expect (call $fd_close (i32.const 1000)) (global.get $errno_badf) (i32.const 13))
    (call $expect (call $fd_close (i32.const -2)) (global.get $errno_badf) (i32.const 14))
    (call $expect (call $fd_seek (i32.const 77) (i64.const 0) (i32.const 0) (i32.const 0))
      (global.get $errno_badf) (i32.const 15))
    (call $expect (call $fd_prestat_get (i32.const 99) (i32.const 0)) (global.get $errno_badf) (i32.const 16))
    (call $expect (call $open (i32.const 99) (i32.const 88) (i32.const 1) (i32.const 0))
      (global.get $errno_badf) (i32.const 17))
    ;; A directory cannot be written to.
    (call $expect2 (call $fd_write (i32.const 3) (i32.const 32) (i32.const 1) (i32.const 0))
      (global.get $errno_badf) (global.get $errno_notcapable) (i32.const 18))
    ;; path_open relative to a non-directory.
    (call $expect2 (call $open (i32.const 1) (i32.const 88) (i32.const 1) (i32.const 0))
      (global.get $errno_notdir) (global.get $errno_notcapable) (i32.const 19))

    ;; Paths out of bounds, wrapping, invalid UTF-8, with NUL bytes, escaping.
    (call $expect (call $open (i32.const 3) (i32.const 65530) (i32.const 100) (i32.const 0))
      (global.get $errno_fault) (i32.const 20))
    (call $expect (call $open (i32.const 3) (i32.const 0xffffffff) (i32.const 0xffffffff) (i32.const 0))
      (global.get $errno_fault) (i32.const 21))
    (call $expect2 (call $open (i32.const 3) (i32.const 64) (i32.const 2) (i32.const 1))
      (global.get $errno_ilseq) (global.get $errno_inval) (i32.const 22))
    (call $expect2 (call $open (i32.const 3) (i32.const 72) (i32.const 3) (i32.const 1))
      (global.get $errno_inval) (global.get $errno_ilseq) (i32.const 23))
    (call $expect2 (call $path_create_directory (i32.const 3) (i32.const 80) (i32.const 2))
      (global.get $errno_ilseq) (global.get $errno_inval) (i32.const 24))
    (call $expect2 (call $path_create_directory (i32.const 3) (i32.const 72) (i32.const 3))
      (global.get $errno_inval) (global.get $errno_ilseq) (i32.const 25))
    (call $expect2 (call $path_create_directory (i32.const 3) (i32.const 96) (i32.const 9))
      (global.get $errno_notcapable) (global.get $errno_perm) (i32.const 26))

    ;; Other functions with pointers out of bounds or wrapping.
    (call $expect (call $random_get (i32.const 65530) (i32.const 100)) (global.get $errno_fault) (i32.const 30))
    (call $expect (call $random_get (i32.const 0xffffffff) (i32.const 2)) (global.get $errno_fault) (i32.const 31))
    (call $expect (call $args_sizes_get (i32.const 65535) (i32.const 0)) (global.get $errno_fault) (i32.const 32))
    (call $expect (call $args_get (i32.const 0xfffffffc) (i32.const 0)) (global.get $errno_fault) (i32.const 33))
    (call $expect (call $clock_time_get (i32.const 0) (i64.const 0) (i32.const 65533))
      (global.get $errno_fault) (i32.const 34))
    (call $expect (call $clock_time_get (i32.const 99) (i64.const 0) (i32.const 0))
      (global.get $errno_inval) (i32.const 35))
    (call $expect (call $fd_prestat_get (i32.const 3) (i32.const 65535)) (global.get $errno_fault) (i32.const 36))
    (call $expect (call $fd_fdstat_get (i32.const 3) (i32.const 65535)) (global.get $errno_fault) (i32.const 37))
    (call $expect (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const 0) (i32.const 0))
      (global.get $errno_inval) (i32.const 38))
    (call $expect2 (call $poll_oneoff (i32.const 1024) (i32.const 2048) (i32.const 0x7fffffff) (i32.const 0))
      (global.get $errno_fault) (global.get $errno_inval) (i32.const 39))
    (call $expect2 (call $poll_oneoff (i32.const 0xffffffc0) (i32.const 2048) (i32.const 1) (i32.const 0))
      (global.get $errno_fault) (global.get $errno_inval) (i32.const 40))

    (call $exhaust_fds (i32.const 3))))
