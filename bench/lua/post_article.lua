-- wrk script: every request creates a published article through the JSON API (POST /api/v1/articles) with
-- the token in $TOKEN, each with a title of its own (thread number and counter), so no two collide.
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  token = os.getenv("TOKEN")
  category = os.getenv("CATEGORY") or "chien-luoc-dinh-huong-quy-hoach"
  seed = tostring(os.time())
end

function request()
  counter = counter + 1
  local body = '{"title":"Bản tin đo tải ' .. seed .. '-' .. id .. '-' .. counter .. '","lead":"Sa pô.",' ..
    '"category":"' .. category .. '","status":"published","body":{"type":"doc","content":[' ..
    '{"type":"paragraph","content":[{"type":"text","text":"Nội dung bài viết để đo tải ghi."}]}]}}'
  return wrk.format("POST", "/api/v1/articles",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
