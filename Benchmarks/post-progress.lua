-- wrk script for Benchmarks/serve.sh and engines.sh: POSTs a progress report with the department
-- token in $TOKEN, a different percent each time.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"percent": ' .. (counter % 101) .. ', "note": "bench"}')
end
