-- wrk script: POST /v1/calls/{id}/turns round-robin over calls opened by run.sh
-- (ids PREFIX0 .. PREFIX(CALLS-1), PREFIX defaulting to "load-"), with durability on: each
-- 200 means the turn is committed.
local calls = tonumber(os.getenv("CALLS") or "256")
local prefix = os.getenv("PREFIX") or "load-"
local texts = {
  "hello I am calling from amazon about a refund on your account",
  "the order for an iphone will be charged to your card today",
  "please install anydesk so I can help you with the refund",
  "okay what do I need to do",
  "read me the nine digit number on your screen",
}
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  n = offset
end

function request()
  n = n + 1
  local id = prefix .. (n % calls)
  local body = '{"speaker": "remote", "text": "' .. texts[(n % #texts) + 1] .. '"}'
  return wrk.format("POST", "/v1/calls/" .. id .. "/turns",
                    {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
