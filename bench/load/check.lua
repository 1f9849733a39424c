-- wrk script: POST /v1/check with a call set-up (the SIP proxy's pre-answer question).
wrk.method = "POST"
wrk.path = "/v1/check"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"caller": "+61412345678", "callee": "+61298765432", "display_name": "AMAZON AU", '
  .. '"ingress": "international", "ingress_country": "IN", "attestation": "C"}'

-- Any non-200 is an error: the run is only valid if every response was a verdict.
function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
