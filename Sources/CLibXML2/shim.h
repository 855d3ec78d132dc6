#ifndef REGCTL_CLIBXML2_SHIM_H
#define REGCTL_CLIBXML2_SHIM_H
// libxml2 on Debian is built with ICU, whose headers clash with Foundation's own ICU module.
// Reading xmlversion.h first and dropping the ICU switch keeps ICU's headers out of the module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
#include <libxml/encoding.h>

// libxml2 reports some errors (encoding conversion, I/O) through its generic handler, which prints
// to stderr; regctl reports every error itself through the structured handler, so those are dropped.
static void regctl_xml_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void regctl_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, regctl_xml_silent);
    xmlThrDefSetGenericErrorFunc(NULL, regctl_xml_silent);
}
#endif
