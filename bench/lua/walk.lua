-- wrk script: requests the paths listed in the file $URLS (one per line), each thread its own share
-- (every THREADS-th line from its number). With ONCE=1 each thread walks its share once, then stops and
-- writes "pages first_request_ns last_response_ns" to $OUT.<thread> (wrk itself would wait for -d and
-- count the idle time); otherwise the threads cycle through their shares for the whole run.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } timespec_t;
  int clock_gettime(int clock, timespec_t* ts);
]]
local ts = ffi.new("timespec_t")
local function now_ns()
  ffi.C.clock_gettime(1, ts)  -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e9 + tonumber(ts.tv_nsec)
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  paths = {}
  local all = {}
  for line in io.lines(os.getenv("URLS")) do
    if line ~= "" then table.insert(all, line) end
  end
  local n = tonumber(os.getenv("THREADS") or "2")
  for i = id, #all, n do table.insert(paths, all[i]) end
  once = os.getenv("ONCE") == "1"
  sent, done, first, failed = 0, 0, nil, 0
end

function request()
  if first == nil then first = now_ns() end
  sent = sent + 1
  return wrk.format(nil, paths[((sent - 1) % #paths) + 1])
end

function response(status, headers, body)
  done = done + 1
  if status ~= 200 then failed = failed + 1 end
  if once and done == #paths then
    local f = io.open(os.getenv("OUT") .. "." .. id, "w")
    f:write(string.format("%d %.0f %.0f %d\n", done, first, now_ns(), failed))
    f:close()
    wrk.thread:stop()
  end
end
