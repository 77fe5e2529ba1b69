// WASI preview1 error numbers (`errno`, u16). WASI has its own numbering,
// unrelated to the host's: every host errno goes through toWasiErrno, the one
// place that translates.
#pragma once
#include <cstdint>

namespace wasmcap::wasi {

#define WASMCAP_WASI_ERRNOS(X)                                                         \
  X(Success, 0, "success") X(TooBig, 1, "2big") X(Acces, 2, "acces")                    \
  X(AddrInUse, 3, "addrinuse") X(AddrNotAvail, 4, "addrnotavail")                       \
  X(AfNoSupport, 5, "afnosupport") X(Again, 6, "again") X(Already, 7, "already")        \
  X(Badf, 8, "badf") X(BadMsg, 9, "badmsg") X(Busy, 10, "busy")                         \
  X(Canceled, 11, "canceled") X(Child, 12, "child") X(ConnAborted, 13, "connaborted")   \
  X(ConnRefused, 14, "connrefused") X(ConnReset, 15, "connreset")                       \
  X(Deadlk, 16, "deadlk") X(DestAddrReq, 17, "destaddrreq") X(Dom, 18, "dom")           \
  X(Dquot, 19, "dquot") X(Exist, 20, "exist") X(Fault, 21, "fault")                     \
  X(Fbig, 22, "fbig") X(HostUnreach, 23, "hostunreach") X(Idrm, 24, "idrm")             \
  X(Ilseq, 25, "ilseq") X(InProgress, 26, "inprogress") X(Intr, 27, "intr")             \
  X(Inval, 28, "inval") X(Io, 29, "io") X(IsConn, 30, "isconn") X(IsDir, 31, "isdir")   \
  X(Loop, 32, "loop") X(Mfile, 33, "mfile") X(Mlink, 34, "mlink")                       \
  X(MsgSize, 35, "msgsize") X(Multihop, 36, "multihop")                                 \
  X(NameTooLong, 37, "nametoolong") X(NetDown, 38, "netdown")                           \
  X(NetReset, 39, "netreset") X(NetUnreach, 40, "netunreach") X(Nfile, 41, "nfile")     \
  X(NoBufs, 42, "nobufs") X(NoDev, 43, "nodev") X(NoEnt, 44, "noent")                   \
  X(NoExec, 45, "noexec") X(NoLck, 46, "nolck") X(NoLink, 47, "nolink")                 \
  X(NoMem, 48, "nomem") X(NoMsg, 49, "nomsg") X(NoProtoOpt, 50, "noprotoopt")           \
  X(NoSpc, 51, "nospc") X(NoSys, 52, "nosys") X(NotConn, 53, "notconn")                 \
  X(NotDir, 54, "notdir") X(NotEmpty, 55, "notempty")                                   \
  X(NotRecoverable, 56, "notrecoverable") X(NotSock, 57, "notsock")                     \
  X(NotSup, 58, "notsup") X(NoTty, 59, "notty") X(Nxio, 60, "nxio")                     \
  X(Overflow, 61, "overflow") X(OwnerDead, 62, "ownerdead") X(Perm, 63, "perm")         \
  X(Pipe, 64, "pipe") X(Proto, 65, "proto") X(ProtoNoSupport, 66, "protonosupport")     \
  X(ProtoType, 67, "prototype") X(Range, 68, "range") X(Rofs, 69, "rofs")               \
  X(Spipe, 70, "spipe") X(Srch, 71, "srch") X(Stale, 72, "stale")                       \
  X(TimedOut, 73, "timedout") X(TxtBsy, 74, "txtbsy") X(Xdev, 75, "xdev")               \
  X(NotCapable, 76, "notcapable")

enum class Errno : uint16_t {
#define WASMCAP_WASI_ERRNO_ENUM(name, value, text) name = value,
  WASMCAP_WASI_ERRNOS(WASMCAP_WASI_ERRNO_ENUM)
#undef WASMCAP_WASI_ERRNO_ENUM
};

// The host (Linux) errno -> WASI errno. Unknown values become `io`.
Errno toWasiErrno(int hostErrno);
// The spec's short name ("badf", "notcapable"), or "unknown".
const char* errnoName(Errno e);

}  // namespace wasmcap::wasi
