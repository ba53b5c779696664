# Installs web/admin/node_modules with `npm ci` when it is missing or older than package-lock.json, and only
# then. Run at build time by editor_bundle.cmake: cmake -DNPM=<npm> -DDIR=<web/admin> -P npm_ci.cmake
#
# Several build directories (release, asan, a developer's own) share this one node_modules; the lock keeps two
# builds from running `npm ci` in it at the same time, and the second then finds it fresh and does nothing.

if(NOT NPM OR NOT DIR)
  message(FATAL_ERROR "npm_ci.cmake needs -DNPM=... and -DDIR=...")
endif()

file(LOCK "${DIR}/.npm-ci.lock" GUARD PROCESS TIMEOUT 900 RESULT_VARIABLE lock_result)
if(NOT lock_result EQUAL 0)
  message(FATAL_ERROR "Could not lock ${DIR} for npm ci: ${lock_result}")
endif()

# npm writes node_modules/.package-lock.json at the end of every install: its time is the install's.
set(marker "${DIR}/node_modules/.package-lock.json")
if(EXISTS "${marker}" AND NOT "${DIR}/package-lock.json" IS_NEWER_THAN "${marker}")
  return()
endif()

message(STATUS "Installing the editor's npm packages (npm ci in ${DIR})")
# No install scripts: esbuild's would only check the platform binary it already depends on.
execute_process(
  COMMAND "${NPM}" ci --ignore-scripts --no-audit --no-fund --loglevel=error
  WORKING_DIRECTORY "${DIR}"
  RESULT_VARIABLE npm_result)
if(NOT npm_result EQUAL 0)
  message(FATAL_ERROR "npm ci failed in ${DIR} (exit ${npm_result}): the editor bundle needs the npm registry once")
endif()
# A lock file that was only touched (a checkout) leaves node_modules as it was; mark it fresh.
file(TOUCH "${marker}")
