-- The batch kernel ABI (jit/kernel_abi.h) for LuaJIT's FFI, and what the Lua kernels share: the
-- three-valued rule states, the eligibility decision of docs/language.md section 7, and
-- years_between with the calendar arithmetic of compiler/value.cpp and runtime/builtins.cpp
-- (the same binary64 operations, so the same results to the bit).
local ffi = require("ffi")

ffi.cdef [[
typedef struct {
  const double* numbers;
  const int64_t* integers;
  const int32_t* durations;
  const uint8_t* known;
} KernelColumn;

typedef struct {
  double number;
  int64_t integer;
  int64_t duration;
  int64_t known;
} KernelValue;

typedef struct {
  const KernelColumn* position_fields;
  const uint8_t* position_valid;
  const int32_t* position_account;
  const KernelValue* account_fields;
  int64_t account_field_count;
  const KernelValue* market_fields;
  int64_t valuation_date;
  const int64_t* text_codes;
  const uint8_t* rule_in_force;
  const uint8_t* component_in_force;
  const uint8_t* tiers_in_force;
  const uint8_t* limit_in_force;
  const int32_t* table_version;
  uint8_t* status;
  uint8_t* rule_state;
  double* component_value;
  uint8_t* component_known;
  int32_t* trace;
  uint8_t* trace_length;
  uint8_t* tier_member;
  KernelValue* tier_key;
  uint8_t* limit_member;
  KernelValue* limit_key;
} KernelArgs;
]]

local floor = math.floor
local M = {}

M.ELIGIBLE, M.INELIGIBLE, M.UNKNOWN, M.SKIPPED = 0, 1, 2, 3
M.FALSE, M.TRUE, M.UNK = 0, 1, 2

function M.args(pointer)
  return ffi.cast("const KernelArgs*", pointer)
end

-- Kleene `and` of two rule states.
function M.and3(x, y)
  if x == 0 or y == 0 then return 0 end
  if x == 2 or y == 2 then return 2 end
  return 1
end

-- The decision from the votes of the rules in force (see bench/kernel_logic.h).
function M.decide(accept_true, accept_unknown, reject_true, reject_unknown)
  if reject_true then return 1 end
  if accept_true and not reject_unknown then return 0 end
  if not accept_true and not accept_unknown then return 1 end
  return 2
end

-- Howard Hinnant's days_from_civil and civil_from_days, for dates after 1970 (every quotient is
-- non-negative, so floor is C++'s truncating division).
local function days_from_civil(y, m, d)
  if m <= 2 then y = y - 1 end
  local era = floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(days)
  local z = days + 719468
  local era = floor(z / 146097)
  local doe = z - era * 146097
  local yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100))
  local mp = floor((5 * doy + 2) / 153)
  local d = doy - floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  local y = yoe + era * 400
  if m <= 2 then y = y + 1 end
  return y, m, d
end

local month_days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
local function days_in_month(y, m)
  if m == 2 and ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) then return 29 end
  return month_days[m]
end

-- from + n years (12n months, the day clamped to the month's end).
local function plus_years(from, n)
  local y, m, d = civil_from_days(from)
  y = y + n
  local last = days_in_month(y, m)
  if d > last then d = last end
  return days_from_civil(y, m, d)
end

local function years_between(from, to)
  if to < from then return -years_between(to, from) end
  local n = floor((to - from) / 366)
  while plus_years(from, n + 1) <= to do n = n + 1 end
  local start = plus_years(from, n)
  local next = plus_years(from, n + 1)
  return n + (to - start) / (next - start)
end

-- years_between(from, to) for a fixed `from`: anniversaries computed once (bench/years_table.h).
function M.years_from(from)
  local anniversary = {}
  for k = 0, 100 do anniversary[k] = plus_years(from, k) end
  local last = anniversary[100]
  return function(to)
    if to < from or to >= last then return years_between(from, to) end
    local n = floor((to - from) / 366)
    while anniversary[n + 1] <= to do n = n + 1 end
    local start = anniversary[n]
    return n + (to - start) / (anniversary[n + 1] - start)
  end
end

return M
