# The shipped text model is exactly what `scamguard train` makes from the sources fit to train
# a shipped model (train_shipped = yes in ../shared/data/sources.tsv and data/synthetic/
# sources.tsv) and the project's own synthetic calls, and the
# synthetic calls are exactly what their generator writes. Run by CTest (label eval):
#
#   cmake -DSCAMGUARD=... -DPYTHON=... -DSOURCE_DIR=... -DSHARED_DATA_DIR=... -DWORK_DIR=...
#         -P shipped_model_check.cmake
#
# Prints "SKIP:" (CTest's SKIP_REGULAR_EXPRESSION) when the shared corpora are not beside the
# checkout: the model cannot be retrained without them. Under CI (CI=true) that fails instead.
set(model ${SOURCE_DIR}/conf/models/text_model.sgtm)
set(synthetic ${SOURCE_DIR}/data/synthetic/scamguard-synthetic.jsonl)
file(MAKE_DIRECTORY ${WORK_DIR})

execute_process(COMMAND ${PYTHON} ${SOURCE_DIR}/tools/gen_synthetic_calls.py
                        --out ${WORK_DIR}/synthetic.jsonl
                RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "tools/gen_synthetic_calls.py failed (${status})")
endif()
file(SHA256 ${synthetic} committed)
file(SHA256 ${WORK_DIR}/synthetic.jsonl regenerated)
if(NOT committed STREQUAL regenerated)
  message(FATAL_ERROR "data/synthetic/scamguard-synthetic.jsonl is not what "
                      "tools/gen_synthetic_calls.py writes: regenerate and commit it")
endif()

file(SIZE ${model} model_size)
if(model_size GREATER 8388608)
  message(FATAL_ERROR "conf/models/text_model.sgtm is ${model_size} bytes; at most 8 MB ships")
endif()

if(NOT IS_DIRECTORY ${SHARED_DATA_DIR}/calls AND "$ENV{CI}" STREQUAL "true")
  message(FATAL_ERROR "CI=true and no shared corpora at ${SHARED_DATA_DIR}/calls: a CI run "
                      "must retrain and compare the model, not skip")
endif()
if(NOT IS_DIRECTORY ${SHARED_DATA_DIR}/calls)
  message("SKIP: no shared corpora at ${SHARED_DATA_DIR}/calls; cannot retrain the model")
  return()
endif()
execute_process(COMMAND ${SCAMGUARD} train --data ${SHARED_DATA_DIR}/calls
                        ${SOURCE_DIR}/data/synthetic --out ${WORK_DIR}/text_model.sgtm
                RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "scamguard train failed (${status})")
endif()
file(SHA256 ${model} shipped)
file(SHA256 ${WORK_DIR}/text_model.sgtm retrained)
if(NOT shipped STREQUAL retrained)
  message(FATAL_ERROR "conf/models/text_model.sgtm differs from what `scamguard train --data "
                      "../shared/data/calls data/synthetic` makes now: retrain and commit it")
endif()
message("shipped model reproduced: ${model_size} bytes, sha256 ${shipped}")
