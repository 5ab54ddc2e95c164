# Writes OUTPUT, a C++ source whose openapi_document() returns the text of
# INPUT (server/openapi.json) as it is at build time, so the installed
# binary serves the document without looking for a file. Run by the build
# (server/CMakeLists.txt) whenever INPUT changes; a document that is not
# JSON, or not OpenAPI 3.1, fails the build here, naming the file.
# Usage: cmake -DINPUT=openapi.json -DOUTPUT=openapi_document.cpp -P embed_openapi.cmake
file(READ "${INPUT}" text)
string(JSON version ERROR_VARIABLE json_error GET "${text}" openapi)
if(json_error)
  message(FATAL_ERROR "${INPUT}: not an OpenAPI document: ${json_error}")
endif()
if(NOT version MATCHES "^3\\.1\\.")
  message(FATAL_ERROR "${INPUT}: \"openapi\" is \"${version}\", not 3.1.x")
endif()
set(delimiter "kedja_openapi")
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT}: holds \")${delimiter}\"\", which ends the embedding raw string")
endif()
set(source "// Generated from ${INPUT} by server/embed_openapi.cmake; do not edit.\n"
           "#include \"server/openapi_document.h\"\n\n"
           "namespace kedja::server {\n\n"
           "std::string_view openapi_document() {\n"
           "  static constexpr std::string_view text = R\"${delimiter}(")
# Written in two steps so that no CMake list splitting touches the text.
file(WRITE "${OUTPUT}.tmp" ${source})
file(APPEND "${OUTPUT}.tmp" "${text}")
file(APPEND "${OUTPUT}.tmp" ")${delimiter}\";\n  return text;\n}\n\n}  // namespace kedja::server\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
