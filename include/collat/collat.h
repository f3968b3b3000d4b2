// The whole embedding API in one include. See docs/embedding.md for a tour.
#pragma once

#include "collat/diagnostic.h"
#include "collat/engine.h"
#include "collat/expected.h"
#include "collat/input.h"
#include "collat/input_builder.h"
#include "collat/policy.h"
#include "collat/policy_handle.h"
#include "collat/report.h"
#include "collat/schema.h"
#include "collat/values.h"
