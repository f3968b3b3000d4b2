-- policies/us_uncleared_margin.collat as a LuaJIT kernel over the columnar kernel ABI: the same
-- logic as bench/handwritten_us_uncleared_margin.cpp, loop inside Lua over FFI arrays. Called as
-- kernel(args, begin, end, k) with k.texts (text -> plan index), k.arms (label -> arm id) and
-- k.max_trace.
local abi = require("kernel_abi")
local tonumber = tonumber
local and3, decide = abi.and3, abi.decide

-- AssetClass ranks.
local CASH, SOVEREIGN, MDB, GSE_BACKED, GSE_OTHER, PUBLIC_DEBT, EQUITY, GOLD = 0, 1, 2, 3, 4, 5, 6, 7
local SP500, SP1500 = 0, 1
local RULES, COMPONENTS, LIMITS = 8, 2, 2

return function(pointer, first, last, k)
  local a = abi.args(pointer)
  local f = a.position_fields
  local asset_class, issuer, currency = f[0].integers, f[1].integers, f[2].integers
  local maturity, maturity_known = f[3].integers, f[3].known
  local index, index_known = f[4].integers, f[4].known
  local ig, ig_known = f[5].integers, f[5].known
  local affiliate = f[6].integers
  local valid = a.position_valid
  local status, rule_state = a.status, a.rule_state
  local value, known_out = a.component_value, a.component_known
  local trace, trace_length = a.trace, a.trace_length
  local member, key = a.limit_member, a.limit_key
  local usd = tonumber(a.text_codes[k.texts["USD"]])
  local valuation = tonumber(a.valuation_date)
  local on = {}
  for r = 0, RULES - 1 do on[r] = a.rule_in_force[r] ~= 0 end
  local asset_on, fx_on = a.component_in_force[0] ~= 0, a.component_in_force[1] ~= 0
  local issuer_on, equity_on = a.limit_in_force[0] ~= 0, a.limit_in_force[1] ~= 0
  local arm_cash, arm_gov = k.arms["cash_same_currency"], k.arms["government_row"]
  local arm_other, arm_sp500 = k.arms["other_debt_row"], k.arms["sp500_row"]
  local arm_sp1500, arm_gold = k.arms["sp1500_row"], k.arms["gold_row"]
  local max_trace = k.max_trace
  local years = abi.years_from(valuation)

  for i = first, last - 1 do
    if valid[i] == 0 then
      status[i] = 3
    else
      local cls = tonumber(asset_class[i])
      local gov = cls == SOVEREIGN or cls == MDB or cls == GSE_BACKED
      local ig_state = 2
      if ig_known[i] ~= 0 then ig_state = ig[i] ~= 0 and 1 or 0 end
      local index_state = 2
      if index_known[i] ~= 0 then
        local x = tonumber(index[i])
        index_state = (x == SP500 or x == SP1500) and 1 or 0
      end
      local s0 = cls == CASH and 1 or 0
      local s1 = gov and 1 or 0
      local s2 = and3(cls == GSE_OTHER and 1 or 0, ig_state)
      local s3 = and3(cls == PUBLIC_DEBT and 1 or 0, ig_state)
      local s4 = and3(cls == EQUITY and 1 or 0, index_state)
      local s5 = cls == GOLD and 1 or 0
      local s6 = affiliate[i] ~= 0 and 1 or 0
      local s7 = (maturity_known[i] ~= 0 and tonumber(maturity[i]) <= valuation) and 1 or 0
      if not on[0] then s0 = 0 end
      if not on[1] then s1 = 0 end
      if not on[2] then s2 = 0 end
      if not on[3] then s3 = 0 end
      if not on[4] then s4 = 0 end
      if not on[5] then s5 = 0 end
      if not on[6] then s6 = 0 end
      if not on[7] then s7 = 0 end
      local r0 = i * RULES
      rule_state[r0], rule_state[r0 + 1], rule_state[r0 + 2], rule_state[r0 + 3] = s0, s1, s2, s3
      rule_state[r0 + 4], rule_state[r0 + 5], rule_state[r0 + 6], rule_state[r0 + 7] = s4, s5, s6, s7
      local st = decide(s0 == 1 or s1 == 1 or s2 == 1 or s3 == 1 or s4 == 1 or s5 == 1,
        s0 == 2 or s1 == 2 or s2 == 2 or s3 == 2 or s4 == 2 or s5 == 2,
        s6 == 1 or s7 == 1, s6 == 2 or s7 == 2)
      if st == 0 then
        local c0 = i * COMPONENTS
        local known = true
        if asset_on then
          local rate, arm = 0, -1
          if cls == CASH then
            arm = arm_cash
          elseif gov or cls == GSE_OTHER or cls == PUBLIC_DEBT then
            arm = gov and arm_gov or arm_other
            if maturity_known[i] == 0 then
              known = false
            else
              local residual = years(tonumber(maturity[i]))
              if gov then
                rate = residual < 1 and 0.005 or (residual <= 5 and 0.02 or 0.04)
              else
                rate = residual < 1 and 0.01 or (residual <= 5 and 0.04 or 0.08)
              end
            end
          elseif cls == EQUITY and index_known[i] == 0 then
            known = false
          elseif cls == EQUITY and tonumber(index[i]) == SP500 then
            arm, rate = arm_sp500, 0.15
          elseif cls == EQUITY and tonumber(index[i]) == SP1500 then
            arm, rate = arm_sp1500, 0.25
          elseif cls == GOLD then
            arm, rate = arm_gold, 0.15
          else
            known = false
          end
          known = known and rate >= 0 and rate <= 1
          value[c0] = known and rate or 0
          known_out[c0] = known and 1 or 0
          if arm >= 0 then
            trace_length[c0] = 1
            trace[c0 * max_trace] = arm
          else
            trace_length[c0] = 0
          end
        end
        if fx_on then
          value[c0 + 1] = tonumber(currency[i]) ~= usd and 0.08 or 0
          known_out[c0 + 1] = 1
          trace_length[c0 + 1] = 0
        end
        if not known then
          status[i] = 2
        else
          local l0 = i * LIMITS
          local cls_issuer = issuer_on and cls ~= CASH and cls ~= SOVEREIGN
          member[l0] = cls_issuer and 1 or 0
          if cls_issuer then
            local kv = key[l0]
            kv.number, kv.integer, kv.duration, kv.known = 0, issuer[i], 0, 1
          end
          member[l0 + 1] = (equity_on and cls == EQUITY) and 1 or 0
          status[i] = 0
        end
      else
        status[i] = st
      end
    end
  end
end
