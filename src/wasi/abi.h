// The wasi_snapshot_preview1 ABI: the numbering of its enums and flags and
// the byte layout of the structures exchanged through linear memory, as the
// witx definitions of preview1 give them. Everything guest-visible is here so
// the function groups never write a magic number.
#pragma once
#include <cstdint>

namespace wasmcap::wasi {

using Fd = uint32_t;
using Rights = uint64_t;

// Guest-visible file types (`filetype`, u8).
enum class FileType : uint8_t {
  Unknown = 0,
  BlockDevice = 1,
  CharacterDevice = 2,
  Directory = 3,
  RegularFile = 4,
  SocketDgram = 5,
  SocketStream = 6,
  SymbolicLink = 7,
};

// `rights` (u64 bit set).
namespace right {
constexpr Rights FdDatasync = 1ull << 0;
constexpr Rights FdRead = 1ull << 1;
constexpr Rights FdSeek = 1ull << 2;
constexpr Rights FdFdstatSetFlags = 1ull << 3;
constexpr Rights FdSync = 1ull << 4;
constexpr Rights FdTell = 1ull << 5;
constexpr Rights FdWrite = 1ull << 6;
constexpr Rights FdAdvise = 1ull << 7;
constexpr Rights FdAllocate = 1ull << 8;
constexpr Rights PathCreateDirectory = 1ull << 9;
constexpr Rights PathCreateFile = 1ull << 10;
constexpr Rights PathLinkSource = 1ull << 11;
constexpr Rights PathLinkTarget = 1ull << 12;
constexpr Rights PathOpen = 1ull << 13;
constexpr Rights FdReaddir = 1ull << 14;
constexpr Rights PathReadlink = 1ull << 15;
constexpr Rights PathRenameSource = 1ull << 16;
constexpr Rights PathRenameTarget = 1ull << 17;
constexpr Rights PathFilestatGet = 1ull << 18;
constexpr Rights PathFilestatSetSize = 1ull << 19;
constexpr Rights PathFilestatSetTimes = 1ull << 20;
constexpr Rights FdFilestatGet = 1ull << 21;
constexpr Rights FdFilestatSetSize = 1ull << 22;
constexpr Rights FdFilestatSetTimes = 1ull << 23;
constexpr Rights PathSymlink = 1ull << 24;
constexpr Rights PathRemoveDirectory = 1ull << 25;
constexpr Rights PathUnlinkFile = 1ull << 26;
constexpr Rights PollFdReadwrite = 1ull << 27;
constexpr Rights SockShutdown = 1ull << 28;
constexpr Rights SockAccept = 1ull << 29;
constexpr Rights All = (1ull << 30) - 1;

// Rights that modify the file system: a read-only preopen never grants them.
constexpr Rights Mutating = FdDatasync | FdSync | FdWrite | FdAllocate | PathCreateDirectory |
                            PathCreateFile | PathLinkSource | PathLinkTarget | PathRenameSource |
                            PathRenameTarget | PathFilestatSetSize | PathFilestatSetTimes |
                            FdFilestatSetSize | FdFilestatSetTimes | PathSymlink |
                            PathRemoveDirectory | PathUnlinkFile;

// What makes sense on each kind of descriptor (the maximum a fd can hold).
constexpr Rights RegularFileBase = FdDatasync | FdRead | FdSeek | FdFdstatSetFlags | FdSync | FdTell |
                                   FdWrite | FdAdvise | FdAllocate | FdFilestatGet |
                                   FdFilestatSetSize | FdFilestatSetTimes | PollFdReadwrite;
constexpr Rights DirectoryBase = FdFdstatSetFlags | FdSync | FdAdvise | PathCreateDirectory |
                                 PathCreateFile | PathLinkSource | PathLinkTarget | PathOpen |
                                 FdReaddir | PathReadlink | PathRenameSource | PathRenameTarget |
                                 PathFilestatGet | PathFilestatSetSize | PathFilestatSetTimes |
                                 FdFilestatGet | FdFilestatSetTimes | PathSymlink |
                                 PathRemoveDirectory | PathUnlinkFile | PollFdReadwrite;
constexpr Rights DirectoryInheriting = DirectoryBase | RegularFileBase;
// A terminal or pipe: no seek/tell (wasi-libc's isatty tests exactly that).
constexpr Rights CharDeviceBase = RegularFileBase & ~(FdSeek | FdTell);
// Beneath a create-only grant (Access::Create): a directory may be read,
// may create files and directories, and may truncate (a file it created,
// checked at the open); files it hands on may be written once created.
constexpr Rights CreateDirectoryBase = (DirectoryBase & ~Mutating) | PathCreateFile | PathCreateDirectory |
                                       PathFilestatSetSize;
constexpr Rights CreatedFileRights = FdWrite | FdDatasync | FdSync | FdAllocate | FdFilestatSetSize;
constexpr Rights CreateDirectoryInheriting = CreateDirectoryBase | (RegularFileBase & ~Mutating) |
                                             CreatedFileRights;
constexpr Rights SocketBase = FdRead | FdWrite | FdFdstatSetFlags | FdFilestatGet | PollFdReadwrite |
                              SockShutdown | SockAccept;
}  // namespace right

// `fdflags` (u16).
namespace fdflag {
constexpr uint16_t Append = 1 << 0;
constexpr uint16_t Dsync = 1 << 1;
constexpr uint16_t Nonblock = 1 << 2;
constexpr uint16_t Rsync = 1 << 3;
constexpr uint16_t Sync = 1 << 4;
constexpr uint16_t All = 0x1f;
}  // namespace fdflag

// `oflags` (u16).
namespace oflag {
constexpr uint16_t Creat = 1 << 0;
constexpr uint16_t Directory = 1 << 1;
constexpr uint16_t Excl = 1 << 2;
constexpr uint16_t Trunc = 1 << 3;
constexpr uint16_t All = 0xf;
}  // namespace oflag

// `lookupflags` (u32).
constexpr uint32_t kLookupSymlinkFollow = 1;

// `fstflags` (u16).
namespace fstflag {
constexpr uint16_t Atim = 1 << 0;
constexpr uint16_t AtimNow = 1 << 1;
constexpr uint16_t Mtim = 1 << 2;
constexpr uint16_t MtimNow = 1 << 3;
constexpr uint16_t All = 0xf;
}  // namespace fstflag

enum class Whence : uint8_t { Set = 0, Cur = 1, End = 2 };
enum class Advice : uint8_t { Normal = 0, Sequential = 1, Random = 2, WillNeed = 3, DontNeed = 4, NoReuse = 5 };
enum class ClockId : uint32_t { Realtime = 0, Monotonic = 1, ProcessCputime = 2, ThreadCputime = 3 };
enum class EventType : uint8_t { Clock = 0, FdRead = 1, FdWrite = 2 };

constexpr uint16_t kSubclockAbstime = 1;       // `subclockflags`
constexpr uint16_t kEventFdReadwriteHangup = 1; // `eventrwflags`
constexpr uint16_t kRecvPeek = 1, kRecvWaitall = 2;  // `riflags`
constexpr uint16_t kRecvDataTruncated = 1;           // `roflags`
constexpr uint8_t kShutRd = 1, kShutWr = 2;          // `sdflags`
constexpr uint8_t kPreopenTypeDir = 0;

// Structure layouts: sizes and field offsets in linear memory (little endian).
namespace layout {
constexpr uint32_t kIovecSize = 8;  // buf u32 @0, buf_len u32 @4
constexpr uint32_t kFdstatSize = 24;
constexpr uint32_t kFdstatFiletype = 0, kFdstatFlags = 2, kFdstatRightsBase = 8, kFdstatRightsInheriting = 16;
constexpr uint32_t kFilestatSize = 64;
constexpr uint32_t kFilestatDev = 0, kFilestatIno = 8, kFilestatFiletype = 16, kFilestatNlink = 24,
                   kFilestatSize_ = 32, kFilestatAtim = 40, kFilestatMtim = 48, kFilestatCtim = 56;
constexpr uint32_t kDirentSize = 24;  // followed by the name (not NUL-terminated)
constexpr uint32_t kDirentNext = 0, kDirentIno = 8, kDirentNamlen = 16, kDirentType = 20;
constexpr uint32_t kPrestatSize = 8;  // tag u8 @0, pr_name_len u32 @4
constexpr uint32_t kSubscriptionSize = 48;
constexpr uint32_t kSubUserdata = 0, kSubTag = 8, kSubClockId = 16, kSubClockTimeout = 24,
                   kSubClockPrecision = 32, kSubClockFlags = 40, kSubFdFd = 16;
constexpr uint32_t kEventSize = 32;
constexpr uint32_t kEventUserdata = 0, kEventError = 8, kEventType = 10, kEventNbytes = 16, kEventFlags = 24;
}  // namespace layout

}  // namespace wasmcap::wasi
