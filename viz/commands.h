// viz/commands.h: kept for viz/brief.h while brief_command lives in viz; the commands
// themselves are in commands/.
#pragma once
#include "viz/read_options.h"
