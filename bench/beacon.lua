-- What insights.js sends when a reader opens the article: one view event,
-- from this site's origin with a browser's user agent (the endpoint counts
-- neither robots nor other sites). BEACON_DELAY_MS paces each connection,
-- for a steady load beside the pages rather than as much as fits.
wrk.method = "POST"
wrk.body = '{"p":"/articles/vcio-vs-vciso/","e":"view"}'
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36"

local pause = tonumber(os.getenv("BEACON_DELAY_MS") or "0")

function init(args)
  wrk.headers["Origin"] = wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port
end

function delay()
  return pause
end
