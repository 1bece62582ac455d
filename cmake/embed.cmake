# telusur_embed(OUT_VAR SYMBOL FILE): generates a C++ source defining
# `extern const char telusur::data::SYMBOL[]` with the contents of FILE, so the
# data files under data/ are compiled into the binaries (no install paths to
# find at run time). Re-runs configure when FILE changes.
function(telusur_embed out_var symbol file)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} content)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cc)
  file(WRITE ${generated}.tmp
"// Generated from ${file}; do not edit.
namespace telusur::data {
extern const char ${symbol}[];
const char ${symbol}[] = R\"telusur_data(${content})telusur_data\";
}  // namespace telusur::data
")
  file(COPY_FILE ${generated}.tmp ${generated} ONLY_IF_DIFFERENT)
  set(${out_var} ${generated} PARENT_SCOPE)
endfunction()
