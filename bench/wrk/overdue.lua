-- wrk: GET /v1/overdue?actor=…&limit=100, an actor's first page of overdue
-- steps, the list every unit opens first.
--   KEDJA_TOKEN  a token that sees the actor's cases (run.sh makes one)
--   KEDJA_ACTOR  the actor (default reception:ostersund)
local token = os.getenv("KEDJA_TOKEN") or error("KEDJA_TOKEN is not set")
local actor = os.getenv("KEDJA_ACTOR") or "reception:ostersund"

wrk.method = "GET"
wrk.path = "/v1/overdue?actor=" .. actor .. "&limit=100"
wrk.headers["Authorization"] = "Bearer " .. token
