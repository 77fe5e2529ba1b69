// The logger of the nanoprocess example: appends one line per event to
// /logs/app.log. It is granted only its logs/ directory, create-only: it
// may create the log and write it, and could not touch any file that was
// already there.
#include <errno.h>
#include <stdio.h>

static FILE* out;

__attribute__((export_name("log_event"))) int log_event(int code) {
  if (!out) out = fopen("/logs/app.log", "a");
  if (!out) return errno;
  fprintf(out, "event %d\n", code);
  return fflush(out) == 0 ? 0 : errno;
}
