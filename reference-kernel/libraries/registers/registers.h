/// The register library: typed MMIO register blocks, fields and values.
#ifndef LIBRARIES_REGISTERS_REGISTERS_H
#define LIBRARIES_REGISTERS_REGISTERS_H

#include "libraries/registers/block.h"
#include "libraries/registers/field.h"
#include "libraries/registers/local_copy.h"
#include "libraries/registers/register.h"

#endif // LIBRARIES_REGISTERS_REGISTERS_H
