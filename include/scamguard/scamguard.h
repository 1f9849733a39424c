/// @file scamguard.h
/// The whole public API of the scamguard library. See engine.h for a usage example.
#pragma once

#include "scamguard/engine.h"
#include "scamguard/engine_options.h"
#include "scamguard/error.h"
#include "scamguard/events.h"
#include "scamguard/script_matcher.h"
#include "scamguard/session.h"
#include "scamguard/traffic_store.h"
#include "scamguard/verdict.h"
#include "scamguard/version.h"
