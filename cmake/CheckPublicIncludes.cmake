# Fails when a target's include path reaches a forbidden directory (the
# library's internals): tools and examples use include/ only.
# Usage: cmake -DDIRS_FILE=... -DFORBIDDEN=<dir> -DTARGET=<name> -P CheckPublicIncludes.cmake
file(READ "${DIRS_FILE}" dirs)
foreach(dir IN LISTS dirs)
  cmake_path(IS_PREFIX FORBIDDEN "${dir}" NORMALIZE inside)
  if(inside)
    message(FATAL_ERROR "${TARGET} may include only the public API (include/), but its include path has ${dir}")
  endif()
endforeach()
