/// The whole leash vocabulary: annotations, the panic hook, cells, leases.
#ifndef LEASH_LEASH_H
#define LEASH_LEASH_H

#include "annotations.h"
#include "cell.h"
#include "lease.h"
#include "list.h"
#include "map_cell.h"
#include "map_result.h"
#include "numeric_cell.h"
#include "optional_cell.h"
#include "take_cell.h"
#include "violation.h"

#endif // LEASH_LEASH_H
