/**
 * The Lua scripts of the Redis tournament store (keys: see
 * `tournamentKeys` in `_keys.ts`). Each checks first and writes only when
 * every check passed, so a refused write leaves nothing behind.
 * @module
 */

/**
 * Registers a tournament unless its key is taken. KEYS: the key index, the
 * creation order, its counter, the tournament's row, its slots. ARGV: id,
 * key, spec (JSON), created at (epoch ms), the slots' bodies (JSON array,
 * by index). Answers the id of the tournament that holds the key.
 */
export const CREATE_TOURNAMENT = `
local known = redis.call('HGET', KEYS[1], ARGV[2])
if known then return known end
local n = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[2], n, ARGV[1])
redis.call('HSET', KEYS[4], 'spec', ARGV[3], 'created_at', ARGV[4])
for i, body in ipairs(cjson.decode(ARGV[5])) do
  redis.call('HSET', KEYS[5], i - 1, body)
end
return ARGV[1]
`;

/**
 * Writes a slot and its progress event (stream entry `<seq>-0`). KEYS: the
 * tournament's slots, its events. ARGV: slot index, slot body, seq, event
 * body. Refuses `SEQTAKEN seq last` when the stream holds that seq already.
 */
export const SAVE_SLOT = `
local top = redis.call('XREVRANGE', KEYS[2], '+', '-', 'COUNT', 1)
if #top > 0 then
  local last = tonumber(string.match(top[1][1], '^(%d+)'))
  if last >= tonumber(ARGV[3]) then
    return redis.error_reply('SEQTAKEN ' .. ARGV[3] .. ' ' .. last)
  end
end
redis.call('XADD', KEYS[2], ARGV[3] .. '-0', 'e', ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;
