# Warnings are set per target, never globally (no CMAKE_CXX_FLAGS edits).
function(scamguard_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wconversion -Wno-sign-conversion)
endfunction()
