# The back office's article editor: web/admin/src bundled by esbuild (web/admin/build.mjs) into
# admin-editor.js and admin-editor.css in the build tree. Included by src/site/CMakeLists.txt, which embeds
# the two files with the assets. Sets CONG_ADMIN_EDITOR_DIR (where they are) and CONG_ADMIN_EDITOR_FILES.

find_program(CONG_NODE NAMES node nodejs)
find_program(CONG_NPM npm)
if(NOT CONG_NODE OR NOT CONG_NPM)
  message(FATAL_ERROR
    "Node.js and npm are needed to build the article editor (web/admin): install the Debian packages "
    "'nodejs' and 'npm' (scripts/install-deps.sh does so).")
endif()

set(CONG_WEB_ADMIN_DIR ${PROJECT_SOURCE_DIR}/web/admin)
set(CONG_ADMIN_EDITOR_DIR ${CMAKE_CURRENT_BINARY_DIR}/admin_editor)
set(CONG_ADMIN_EDITOR_FILES ${CONG_ADMIN_EDITOR_DIR}/admin-editor.js ${CONG_ADMIN_EDITOR_DIR}/admin-editor.css)
set(CONG_ADMIN_EDITOR_SOURCES
  ${CONG_WEB_ADMIN_DIR}/package.json
  ${CONG_WEB_ADMIN_DIR}/package-lock.json
  ${CONG_WEB_ADMIN_DIR}/build.mjs
  ${CONG_WEB_ADMIN_DIR}/npm_ci.cmake
  ${CONG_WEB_ADMIN_DIR}/src/editor.js
  ${CONG_WEB_ADMIN_DIR}/src/editor.css
  ${CONG_WEB_ADMIN_DIR}/src/figure.js
  ${CONG_WEB_ADMIN_DIR}/src/media.js
  ${CONG_WEB_ADMIN_DIR}/src/schema.js
  ${CONG_WEB_ADMIN_DIR}/src/target_summary.js
  ${CONG_WEB_ADMIN_DIR}/src/toolbar.js
)
add_custom_command(
  OUTPUT ${CONG_ADMIN_EDITOR_FILES}
  COMMAND ${CMAKE_COMMAND} -DNPM=${CONG_NPM} -DDIR=${CONG_WEB_ADMIN_DIR} -P ${CONG_WEB_ADMIN_DIR}/npm_ci.cmake
  COMMAND ${CONG_NODE} ${CONG_WEB_ADMIN_DIR}/build.mjs ${CONG_ADMIN_EDITOR_DIR}
  DEPENDS ${CONG_ADMIN_EDITOR_SOURCES}
  WORKING_DIRECTORY ${CONG_WEB_ADMIN_DIR}
  COMMENT "Bundling the article editor (esbuild): admin-editor.js, admin-editor.css"
  VERBATIM
)
