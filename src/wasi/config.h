// What a WASI program is handed is the public API's wasi::Config
// (include/wasmcap/wasi.hpp): the embedder builds one and the program gets
// exactly that authority. This layer reads it; stdio.h turns its streams
// into host descriptors.
#pragma once
#include "wasmcap/wasi.hpp"
