-- policies/crypto_tiered.collat as a LuaJIT kernel over the columnar kernel ABI: the same logic as
-- bench/handwritten_crypto_tiered.cpp, loop inside Lua over FFI arrays. Called as
-- kernel(args, begin, end, k) with k.texts (text -> plan index) and k.market (name -> index).
local abi = require("kernel_abi")
local tonumber = tonumber
local and3, decide = abi.and3, abi.decide

local OKX, BYBIT, BINANCE, DERIBIT = 0, 1, 2, 3
local RULES, COMPONENTS, TIERS, LIMITS = 7, 2, 4, 2
local STETH_RATE = { [0] = 0.15, [1] = 0.075 }
local ON_QUANTITY = { [0] = true, [1] = true, [2] = false, [3] = false }

return function(pointer, first, last, k)
  local a = abi.args(pointer)
  local f = a.position_fields
  local venue, asset = f[0].integers, f[1].integers
  local quantity_known, locked = f[2].known, f[4].integers
  local valid = a.position_valid
  local status, rule_state = a.status, a.rule_state
  local value, known_out, trace_length = a.component_value, a.component_known, a.trace_length
  local tier_member, tier_key, limit_member = a.tier_member, a.tier_key, a.limit_member
  local codes = a.text_codes
  local btc, usdt = tonumber(codes[k.texts["BTC"]]), tonumber(codes[k.texts["USDT"]])
  local bnx, steth = tonumber(codes[k.texts["BNX"]]), tonumber(codes[k.texts["stETH"]])
  local usdc = tonumber(codes[k.texts["USDC"]])
  local depegged = a.market_fields[k.market["usdt_depegged"]]
  local depegged_state = 2
  if depegged.known ~= 0 then depegged_state = depegged.integer ~= 0 and 1 or 0 end
  local on, comp_on, tiers_on = {}, {}, {}
  for r = 0, RULES - 1 do on[r] = a.rule_in_force[r] ~= 0 end
  for c = 0, COMPONENTS - 1 do comp_on[c] = a.component_in_force[c] ~= 0 end
  for t = 0, TIERS - 1 do tiers_on[t] = a.tiers_in_force[t] ~= 0 end
  local altcoin_on, floor_on = a.limit_in_force[0] ~= 0, a.limit_in_force[1] ~= 0
  local when = {}

  for i = first, last - 1 do
    if valid[i] == 0 then
      status[i] = 3
    else
      local x = tonumber(asset[i])
      local v = tonumber(venue[i])
      local s0 = (x == btc and (v == OKX or v == BYBIT or v == BINANCE)) and 1 or 0
      local s1 = x == usdt and 1 or 0
      local s2 = (x == bnx and v == BINANCE) and 1 or 0
      local s3 = (x == steth and v == DERIBIT) and 1 or 0
      local s4 = (x == usdc and v == DERIBIT) and 1 or 0
      local s5 = locked[i] ~= 0 and 1 or 0
      local s6 = and3(x == usdt and 1 or 0, depegged_state)
      if not on[0] then s0 = 0 end
      if not on[1] then s1 = 0 end
      if not on[2] then s2 = 0 end
      if not on[3] then s3 = 0 end
      if not on[4] then s4 = 0 end
      if not on[5] then s5 = 0 end
      if not on[6] then s6 = 0 end
      local r0 = i * RULES
      rule_state[r0], rule_state[r0 + 1], rule_state[r0 + 2], rule_state[r0 + 3] = s0, s1, s2, s3
      rule_state[r0 + 4], rule_state[r0 + 5], rule_state[r0 + 6] = s4, s5, s6
      local st = decide(s0 == 1 or s1 == 1 or s2 == 1 or s3 == 1 or s4 == 1,
        s0 == 2 or s1 == 2 or s2 == 2 or s3 == 2 or s4 == 2, s5 == 1 or s6 == 1, s5 == 2 or s6 == 2)
      if st == 0 then
        local c0 = i * COMPONENTS
        for c = 0, COMPONENTS - 1 do
          if comp_on[c] then
            value[c0 + c] = x == steth and STETH_RATE[c] or 0
            known_out[c0 + c] = 1
            trace_length[c0 + c] = 0
          end
        end
        when[0] = x == btc and v == OKX
        when[1] = x == btc and v == BYBIT
        when[2] = x == bnx and v == BINANCE
        when[3] = x == usdt
        local t0 = i * TIERS
        local unknown = false
        for t = 0, TIERS - 1 do
          local m = tiers_on[t] and when[t]
          if m and ON_QUANTITY[t] and quantity_known[i] == 0 then
            unknown = true
          else
            tier_member[t0 + t] = m and 1 or 0
            if m then
              local kv = tier_key[t0 + t]
              kv.number, kv.integer, kv.duration, kv.known = 0, asset[i], 0, 1
            end
          end
        end
        if unknown then
          status[i] = 2
        else
          local l0 = i * LIMITS
          limit_member[l0] = (altcoin_on and x == bnx) and 1 or 0
          limit_member[l0 + 1] = (floor_on and (x == usdt or x == usdc)) and 1 or 0
          status[i] = 0
        end
      else
        status[i] = st
      end
    end
  end
end
