-- Health of an ACK resource for Argo CD, from the conditions its controller sets: sync waves
-- wait until the AWS resource is really there, and an AWS error shows as Degraded.
local health = {}

local function condition(obj, type)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == type then
      return c
    end
  end
  return nil
end

local terminal = condition(obj, "ACK.Terminal")
if terminal ~= nil and terminal.status == "True" then
  health.status = "Degraded"
  health.message = terminal.message or "the controller gave up (ACK.Terminal)"
  return health
end

local recoverable = condition(obj, "ACK.Recoverable")
if recoverable ~= nil and recoverable.status == "True" then
  health.status = "Degraded"
  health.message = recoverable.message or "AWS refused a call; the controller retries (ACK.Recoverable)"
  return health
end

local synced = condition(obj, "ACK.ResourceSynced")
if synced == nil then
  health.status = "Progressing"
  health.message = "waiting for the ACK controller"
  return health
end
if synced.status ~= "True" then
  health.status = "Progressing"
  health.message = synced.message or "the AWS resource is not in its desired state yet"
  return health
end

-- Synced is not the end for the slow kinds: wait until AWS reports them usable.
local state = nil
if obj.kind == "Table" then
  state = obj.status.tableStatus
  if state ~= nil and state ~= "ACTIVE" then
    health.status = "Progressing"
    health.message = "table " .. state
    return health
  end
elseif obj.kind == "ReplicationGroup" then
  state = obj.status.status
  if state ~= nil and state ~= "available" then
    health.status = "Progressing"
    health.message = "replication group " .. state
    return health
  end
end

health.status = "Healthy"
health.message = "in sync with AWS"
return health
