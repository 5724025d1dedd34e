-- Every request carries a query string no page uses, different each time, so
-- the page cache never answers it and the page is rendered afresh.
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0

function request()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "?nocache=" .. id .. "-" .. counter)
end
