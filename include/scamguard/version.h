/// @file version.h
/// The library version, for logs and for the model and config files that name it.
#pragma once

#define SCAMGUARD_VERSION_MAJOR 0
#define SCAMGUARD_VERSION_MINOR 1
#define SCAMGUARD_VERSION_PATCH 0
#define SCAMGUARD_VERSION_STRING "0.1.0"
