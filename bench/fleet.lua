-- wrk script for bench/fleet.sh: machines fetching files as OpenWrt's wget (uclient-fetch) does,
-- a request without credentials, the 401, then the same request with Basic credentials.
--
--   wrk ... -s bench/fleet.lua URL -- FILES AUTHORIZATIONS PREFIX THREADS
-- FILES: one file name a line (picked at random, so the mix follows the list); AUTHORIZATIONS:
-- one `Basic ...` value a line, a machine each, taken in turn so every machine is used.
--
-- wrk gives a script no way to tell its connections apart, so each thread issues the pairs in
-- order and the second request of a pair may go out on another connection of the thread than the
-- first: the server gets the same two requests per file, which is the work being measured.

local index = 0

function setup(thread)
  thread:set("id", index)
  index = index + 1
end

local files, authorizations, prefix, threads, turn, pending = {}, {}, "/", 1, 0, nil

function init(args)
  for line in io.lines(args[1]) do files[#files + 1] = line end
  for line in io.lines(args[2]) do authorizations[#authorizations + 1] = line end
  prefix, threads = args[3], tonumber(args[4])
  math.randomseed(20261203 + id)
  turn = id
end

function request()
  if pending then
    local second = wrk.format("GET", pending.path, { ["Authorization"] = pending.authorization })
    pending = nil
    return second
  end
  local path = prefix .. files[math.random(#files)]
  pending = { path = path, authorization = authorizations[(turn % #authorizations) + 1] }
  turn = turn + threads
  return wrk.format("GET", path)
end
