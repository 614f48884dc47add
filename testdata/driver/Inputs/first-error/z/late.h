// A header with the error that stops the unit.
#pragma once
unknown_type root_cause;
