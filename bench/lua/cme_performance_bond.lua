-- policies/cme_performance_bond.collat as a LuaJIT kernel over the columnar kernel ABI: the same
-- logic as bench/handwritten_cme_performance_bond.cpp, loop inside Lua over FFI arrays. Called as
-- kernel(args, begin, end, k) with k.arms (label -> arm id), k.account (name -> index) and
-- k.max_trace.
local abi = require("kernel_abi")
local tonumber = tonumber
local and3, decide = abi.and3, abi.decide

-- AssetClass and Category ranks; Origin `customer`.
local CASH, BILL, COUPON, TIPS, AGENCY, AGENCY_MBS, CORPORATE, STOCK, ETF, GOLD, MMF, LOC =
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
local CAT2, CAT3, CUSTOMER = 1, 2, 1
local RULES, COMPONENTS, LIMITS = 10, 2, 13
-- The asset class each single-class limit caps (loc_cap and loc_share both cap letters of
-- credit); foreign_cap and the category caps follow.
local LIMIT_CLASS = { [0] = STOCK, ETF, CORPORATE, AGENCY, AGENCY_MBS, TIPS, GOLD, MMF, LOC, LOC }

local function clamp01(rate)
  local low = rate < 0 and 0 or rate
  if 1 < low then return 1 end
  return low
end

local function note_bond_rate(residual)
  if residual <= 1 then return 0.01 end
  if residual <= 3 then return 0.02 end
  if residual <= 5 then return 0.03 end
  if residual <= 10 then return 0.045 end
  return 0.06
end

return function(pointer, first, last, k)
  local a = abi.args(pointer)
  local f = a.position_fields
  local asset_class, category, currency = f[0].integers, f[1].integers, f[3].integers
  local maturity, maturity_known = f[4].integers, f[4].known
  local published, published_known = f[5].numbers, f[5].known
  local fx, fx_known = f[6].numbers, f[6].known
  local tri_party = f[7].integers
  local valid, account = a.position_valid, a.position_account
  local account_fields, stride = a.account_fields, tonumber(a.account_field_count)
  local currency_field, origin_field = k.account["currency"], k.account["origin"]
  local status, rule_state = a.status, a.rule_state
  local value, known_out = a.component_value, a.component_known
  local trace, trace_length = a.trace, a.trace_length
  local member = a.limit_member
  local valuation = tonumber(a.valuation_date)
  local on, limit_on = {}, {}
  for r = 0, RULES - 1 do on[r] = a.rule_in_force[r] ~= 0 end
  for l = 0, LIMITS - 1 do limit_on[l] = a.limit_in_force[l] ~= 0 end
  local asset_on, fx_on = a.component_in_force[0] ~= 0, a.component_in_force[1] ~= 0
  local arms = k.arms
  local arm_cash, arm_bill, arm_note = arms["cash_row"], arms["bill_row"], arms["note_bond_row"]
  local arm_gold, arm_mmf, arm_corp = arms["gold_row"], arms["mmf_row"], arms["corporate_row"]
  local arm_published = arms["published_row"]
  local max_trace = k.max_trace
  local years = abi.years_from(valuation)
  local s = {}

  for i = first, last - 1 do
    if valid[i] == 0 then
      status[i] = 3
    else
      local cls = tonumber(asset_class[i])
      local acct = tonumber(account[i]) * stride
      local origin = account_fields[acct + origin_field]
      local acurrency = account_fields[acct + currency_field]
      local origin_state = 2
      if origin.known ~= 0 then origin_state = tonumber(origin.integer) == CUSTOMER and 1 or 0 end
      s[0] = (cls == CASH or cls == BILL or cls == COUPON or cls == TIPS) and 1 or 0
      s[1] = (cls == AGENCY or cls == AGENCY_MBS) and 1 or 0
      s[2] = cls == CORPORATE and 1 or 0
      s[3] = (cls == STOCK or cls == ETF) and 1 or 0
      s[4] = cls == MMF and 1 or 0
      s[5] = cls == LOC and 1 or 0
      s[6] = cls == GOLD and 1 or 0
      s[7] = and3(cls == GOLD and 1 or 0, origin_state)
      s[8] = (cls == CORPORATE and tri_party[i] == 0) and 1 or 0
      s[9] = (maturity_known[i] ~= 0 and tonumber(maturity[i]) <= valuation) and 1 or 0
      local at, au, rt, ru = false, false, false, false
      local r0 = i * RULES
      for r = 0, RULES - 1 do
        local x = on[r] and s[r] or 0
        rule_state[r0 + r] = x
        if r < 7 then
          at = at or x == 1
          au = au or x == 2
        else
          rt = rt or x == 1
          ru = ru or x == 2
        end
      end
      local st = decide(at, au, rt, ru)
      if st == 0 then
        local foreign = 2
        if acurrency.known ~= 0 then
          foreign = tonumber(currency[i]) ~= tonumber(acurrency.integer) and 1 or 0
        end
        local c0 = i * COMPONENTS
        local known = true
        if asset_on then
          local rate, arm, ak = 0, -1, true
          if cls == CASH then
            arm = arm_cash
          elseif cls == BILL then
            arm, rate = arm_bill, 0.005
          elseif cls == COUPON then
            arm = arm_note
            ak = maturity_known[i] ~= 0
            if ak then rate = note_bond_rate(years(tonumber(maturity[i]))) end
          elseif cls == GOLD then
            arm, rate = arm_gold, 0.15
          elseif cls == MMF then
            arm, rate = arm_mmf, 0.03
          elseif cls == CORPORATE then
            arm, rate = arm_corp, 0.2
          elseif cls == TIPS or cls == AGENCY or cls == AGENCY_MBS or cls == STOCK or cls == ETF
              or cls == LOC then
            arm = arm_published
            ak = published_known[i] ~= 0
            if ak then rate = clamp01(published[i]) end
          else
            ak = false
          end
          ak = ak and rate >= 0 and rate <= 1
          known = ak
          value[c0] = ak and rate or 0
          known_out[c0] = ak and 1 or 0
          if arm >= 0 then
            trace_length[c0] = 1
            trace[c0 * max_trace] = arm
          else
            trace_length[c0] = 0
          end
        end
        if fx_on then
          local rate, fk = 0, foreign ~= 2
          if foreign == 1 then
            fk = fx_known[i] ~= 0
            if fk then rate = clamp01(fx[i]) end
          end
          fk = fk and rate >= 0 and rate <= 1
          known = known and fk
          value[c0 + 1] = fk and rate or 0
          known_out[c0 + 1] = fk and 1 or 0
          trace_length[c0 + 1] = 0
        end
        if not known or (limit_on[10] and foreign == 2) then
          status[i] = 2
        else
          local l0 = i * LIMITS
          for l = 0, 9 do
            member[l0 + l] = (limit_on[l] and cls == LIMIT_CLASS[l]) and 1 or 0
          end
          member[l0 + 10] = (limit_on[10] and foreign == 1) and 1 or 0
          local cat = tonumber(category[i])
          member[l0 + 11] = (limit_on[11] and cat == CAT2) and 1 or 0
          member[l0 + 12] = (limit_on[12] and cat == CAT3) and 1 or 0
          status[i] = 0
        end
      else
        status[i] = st
      end
    end
  end
end
