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
#include <libxml/encoding.h>
#endif
