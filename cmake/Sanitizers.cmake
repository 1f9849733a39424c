# SCAMGUARD_SANITIZE=address;undefined adds the sanitizers to every target built after this.
if(SCAMGUARD_SANITIZE)
  list(JOIN SCAMGUARD_SANITIZE "," _scamguard_san)
  add_compile_options(-fsanitize=${_scamguard_san} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${_scamguard_san})
endif()
