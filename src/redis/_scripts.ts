/**
 * The Lua scripts of the Redis game store. Redis runs a script atomically;
 * since it does not undo the writes of a script that fails half-way, each
 * script checks everything first and writes only when all checks passed.
 * Errors are replies `CODE detail…` that the store turns into sentences.
 * @module
 */

/**
 * Appends batches. KEYS: the global keys, then 7 keys per batch (see
 * `_keys.ts`). ARGV[1]: JSON array of batches `{game, fence, holder,
 * leaseMs, events: [[seq, body]], summary?, status?, createdAt, at, seat?:
 * [hash, seat], outcome?: [key, body, evicts?]}`. Checks per batch: the
 * game's fencing counter equals the batch's token and the lease is not
 * another's (`FENCED`), each event's seq is above the stream's last
 * (`DUPLICATE`), a new game comes with its row (`NOROW`).
 */
export const COMMIT = `
local batches = cjson.decode(ARGV[1])
local G, K = 6, 7
local status_key = { waiting = KEYS[3], running = KEYS[4], ended = KEYS[5] }
local last_of = {}
for i, b in ipairs(batches) do
  local at = 6 + (i - 1) * K
  local fence = tonumber(redis.call('GET', KEYS[at + 7]) or '0')
  if fence ~= b.fence then
    return redis.error_reply('FENCED ' .. b.game .. ' ' .. fence)
  end
  local lease = redis.call('GET', KEYS[at + 6])
  if lease and lease ~= b.holder then
    return redis.error_reply('FENCED ' .. b.game .. ' ' .. fence .. ' ' .. lease)
  end
  local last = last_of[b.game]
  if last == nil then
    last = 0
    local top = redis.call('XREVRANGE', KEYS[at + 2], '+', '-', 'COUNT', 1)
    if #top > 0 then last = tonumber(string.match(top[1][1], '^(%d+)')) end
  end
  for _, e in ipairs(b.events) do
    if e[1] <= last then
      return redis.error_reply('DUPLICATE ' .. b.game .. ' ' .. e[1] .. ' ' .. last)
    end
    last = e[1]
  end
  last_of[b.game] = last
  if b.summary == nil and redis.call('EXISTS', KEYS[at + 1]) == 0 then
    return redis.error_reply('NOROW ' .. b.game)
  end
end
for i, b in ipairs(batches) do
  local at = 6 + (i - 1) * K
  local row = KEYS[at + 1]
  if b.summary ~= nil then
    if redis.call('EXISTS', row) == 0 then
      local n = redis.call('INCR', KEYS[2])
      redis.call('HSET', row, 'n', n, 'created_at', b.createdAt,
        'updated_at', b.at, 'summary', b.summary, 'status', b.status)
      redis.call('ZADD', KEYS[1], n, b.game)
      redis.call('ZADD', status_key[b.status], n, b.game)
    else
      local n = redis.call('HGET', row, 'n')
      local old = redis.call('HGET', row, 'status')
      if old ~= b.status then
        redis.call('ZREM', status_key[old], b.game)
        redis.call('ZADD', status_key[b.status], n, b.game)
      end
      local updated = redis.call('HGET', row, 'updated_at')
      if tonumber(b.at) < tonumber(updated) then b.at = updated end
      redis.call('HSET', row, 'summary', b.summary, 'status', b.status,
        'updated_at', b.at)
    end
  end
  for _, e in ipairs(b.events) do
    redis.call('XADD', KEYS[at + 2], e[1] .. '-0', 'e', e[2])
  end
  if b.seat ~= nil then
    redis.call('HSET', KEYS[6], b.seat[1], b.seat[2])
    redis.call('SADD', KEYS[at + 5], b.seat[1])
  end
  if b.outcome ~= nil then
    local key, body, evicts = b.outcome[1], b.outcome[2], b.outcome[3]
    if evicts ~= nil then
      redis.call('ZREM', KEYS[at + 3], evicts)
      redis.call('HDEL', KEYS[at + 4], evicts)
    end
    local order = redis.call('HINCRBY', row, 'on', 1)
    redis.call('ZADD', KEYS[at + 3], order, key)
    redis.call('HSET', KEYS[at + 4], key, body)
  end
  redis.call('SET', KEYS[at + 6], b.holder, 'PX', b.leaseMs)
end
return #batches
`;

/**
 * Claims a game's lease: \`SET NX PX\`, or the lease is already this
 * instance's (a restart with the same INSTANCE_ID); then a new fencing
 * token (INCR), which fences off every older holder. KEYS: lease, fence.
 * ARGV: instance id, lease ms. Answers the token, or \`OWNED holder\`.
 */
export const CLAIM = `
if not redis.call('SET', KEYS[1], ARGV[1] .. '/claiming', 'NX', 'PX', ARGV[2]) then
  local holder = redis.call('GET', KEYS[1])
  if string.sub(holder, 1, #ARGV[1] + 1) ~= ARGV[1] .. '/' then
    return redis.error_reply('OWNED ' .. holder)
  end
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '/' .. token, 'PX', ARGV[2])
return token
`;

/**
 * Renews a lease while the fencing counter is still the holder's token and
 * no other holds the lease. KEYS: lease, fence. ARGV: holder, token, lease
 * ms. Answers 1, or 0 when the lease is lost.
 */
export const RENEW = `
if tonumber(redis.call('GET', KEYS[2]) or '0') ~= tonumber(ARGV[2]) then return 0 end
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
return 1
`;

/** Releases a lease if it is still the holder's. KEYS: lease. ARGV: holder. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * Removes an ended game. KEYS: the global keys, then the game's. ARGV:
 * the game id. Answers 1, or 0 (nothing removed) when it has not ended.
 */
export const DELETE_ENDED = `
local at = 6
if redis.call('HGET', KEYS[at + 1], 'status') ~= 'ended' then return 0 end
local hashes = redis.call('SMEMBERS', KEYS[at + 5])
for _, hash in ipairs(hashes) do redis.call('HDEL', KEYS[6], hash) end
for k = 1, 7 do redis.call('DEL', KEYS[at + k]) end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[5], ARGV[1])
return 1
`;
