-- wrk: POST /v1/cases/{id}/events, spread over many open cases. Each request
-- is a valid, new event: `health_centre_notified` dated today, which the
-- domain accepts on any open case after the person's birth, recorded by the
-- case's reception unit (admin as fallback). Each has its own event_id.
--   KEDJA_TOKEN     a token that may record it (run.sh: reception of the municipality)
--   KEDJA_CASE_IDS  a file with one case id a line (open cases in that token's scope)
--   KEDJA_DATE      the event date, YYYY-MM-DD (today)
--   KEDJA_RUN       a label that keeps event_ids of different runs apart
local token = os.getenv("KEDJA_TOKEN") or error("KEDJA_TOKEN is not set")
local ids_file = os.getenv("KEDJA_CASE_IDS") or error("KEDJA_CASE_IDS is not set")
local event_date = os.getenv("KEDJA_DATE") or error("KEDJA_DATE is not set")
local run = os.getenv("KEDJA_RUN") or tostring(os.time())

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
end

local ids = {}
local counter = 0
local headers = {}

function init(args)
  for line in io.lines(ids_file) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("no case ids in " .. ids_file) end
  headers["Authorization"] = "Bearer " .. token
  headers["Content-Type"] = "application/json"
  counter = 0
end

function request()
  counter = counter + 1
  -- A stride through the ids, offset per thread: consecutive requests hit
  -- different cases.
  local index = ((counter * 7919) + (thread_number or 1) * 104729) % #ids + 1
  local body = string.format(
    '{"type":"health_centre_notified","date":"%s","event_id":"wrk-%s-%d-%d"}',
    event_date, run, thread_number or 1, counter)
  return wrk.format("POST", "/v1/cases/" .. ids[index] .. "/events", headers, body)
end
