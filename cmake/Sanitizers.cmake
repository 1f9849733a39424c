# SCAMGUARD_SANITIZE=address;undefined adds the sanitizers to every target built after this.
# The asan and tsan presets set it (CMakePresets.json); .ci/run runs their tests.
if(SCAMGUARD_SANITIZE)
  list(JOIN SCAMGUARD_SANITIZE "," _scamguard_san)
  add_compile_options(-fsanitize=${_scamguard_san} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_scamguard_san})
  # Undefined behaviour aborts the process that hits it: a report alone would print and carry
  # on, and the test would pass. The fuzz preset keeps UBSan's default (report, continue) until
  # its fuzzers have been run that way (fuzz/run.sh).
  if("undefined" IN_LIST SCAMGUARD_SANITIZE AND NOT SCAMGUARD_FUZZ)
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()
