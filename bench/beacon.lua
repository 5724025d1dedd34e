-- What insights.js sends when a reader opens the article: one view event,
-- from this site's origin with a browser's user agent (the endpoint counts
-- neither robots nor other sites). As many as fit: the endpoint's own rate.
wrk.method = "POST"
wrk.body = '{"p":"/articles/vcio-vs-vciso/","e":"view"}'
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0 Mobile Safari/537.36"

function init(args)
  wrk.headers["Origin"] = wrk.scheme .. "://" .. wrk.host .. ":" .. wrk.port
end
