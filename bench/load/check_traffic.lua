-- wrk script: POST /v1/check with rotating set-ups, so that the traffic state (caller and
-- trunk keys, windows) does real work: 4096 ordinary callers on 20 domestic trunks, each
-- request a different caller/callee pair. See bench/README.md, "Before the phone rings".
wrk.method = "POST"
wrk.path = "/v1/check"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
function request()
  counter = counter + 1
  local caller = 61412000000 + (counter * 7919) % 4096
  local callee = 61298000000 + (counter * 104729) % 1000000
  local body = string.format('{"caller": "+%d", "callee": "+%d", "ingress": "domestic", '
    .. '"trunk": "dom-%d", "attestation": "A"}', caller, callee, counter % 20)
  return wrk.format(nil, nil, nil, body)
end
function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
